import express, { type Request, type Response, type Router } from 'express';
import type { Clock } from '../runtime/clock';
import { STAND_IN_ASPECTS, WondeSchool, type SchoolSize, type StandInContact, type StandInEmployee, type StandInStudent } from './wondeSchool';

/**
 * A stand-in for Wonde's School Data Sync API (https://api.wonde.com/v1.0/schools/{school}/...),
 * built from the documented request and response shapes (see the comment at the top of
 * mis/wonde/client.ts for the pages): a bearer token (or basic auth with the token as user name)
 * per school, `include=` relations (nested ones such as `contacts.contact_details`),
 * `updated_after` (`YYYY-MM-DD HH:MM:SS`, UTC), `page` and `per_page`, `meta.pagination` with
 * `next`, `previous`, `more`, `per_page` (a string, as in the documentation's example) and
 * `current_page`, deletions by `type`, and 429 with Retry-After and the X-RateLimit headers.
 * Its schools are generated (./wondeSchool.ts) and changed by tests through their methods; the
 * failures below are scripted the same way. Tests serve it on a port of their own; the embedded
 * default mounts it under /standins/wonde for `npm run mis:demo`.
 */
export type Failure = { status: number } | 'timeout' | 'hang-up';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface WondeStandIn {
  router: Router;
  school(id: string): WondeSchool;
  /** Every request, in order. */
  requests: RecordedRequest[];
  /** The next requests whose path matches `path` (any, by default) fail like this, in order, after letting `skip` of them through. */
  failNext(failures: Failure[], path?: RegExp, skip?: number): void;
  /** Answer 429 to the next `times` requests, asking to wait `retryAfterSeconds`. */
  rateLimit(times: number, retryAfterSeconds: number): void;
  /** The school withdraws the app's access: Wonde answers 401 (token revoked) or 403 (school access removed). */
  revoke(schoolId: string, status: 401 | 403): void;
  restore(schoolId: string): void;
}

export interface StandInSchool {
  id: string;
  token: string;
  name?: string;
  size?: SchoolSize;
}

const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 200;

const wondeDate = (d: Date | string | null): { date: string; timezone_type: number; timezone: string } | null => {
  if (d === null) return null;
  const iso = typeof d === 'string' ? `${d}T00:00:00.000Z` : d.toISOString();
  return { date: `${iso.slice(0, 10)} ${iso.slice(11, 19)}.000000`, timezone_type: 3, timezone: 'UTC' };
};

/** `updated_after` as Wonde reads it: `YYYY-MM-DD HH:MM:SS` (or a date alone), UTC. */
function since(req: Request): Date | undefined {
  const v = req.query.updated_after;
  if (typeof v !== 'string' || !v) return undefined;
  const d = new Date(`${v.trim().replace(' ', 'T')}${v.length <= 10 ? 'T00:00:00' : ''}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const includes = (req: Request): Set<string> => new Set(typeof req.query.include === 'string' ? req.query.include.split(',').map((s) => s.trim()) : []);

export function createWondeStandIn(clock: Clock, schools: StandInSchool[]): WondeStandIn {
  const bySchool = new Map(schools.map((s) => [s.id, { token: s.token, school: new WondeSchool(s.id, s.name ?? 'Wonde Stand-in Academy', clock, s.size), revoked: undefined as 401 | 403 | undefined }]));
  const requests: RecordedRequest[] = [];
  const failures: { failure: Failure; path?: RegExp }[] = [];
  const passes: { path?: RegExp; left: number }[] = [];
  let limited = { times: 0, retryAfter: 0 };

  const router = express.Router();
  router.use((req, _res, next) => {
    requests.push({ method: req.method, path: req.path, query: Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)])) });
    next();
  });
  router.use((req, res, next) => {
    const pass = passes.find((p) => p.left > 0 && (!p.path || p.path.test(req.path)));
    if (pass) {
      pass.left -= 1;
      return next();
    }
    const i = failures.findIndex((f) => !f.path || f.path.test(req.path));
    if (i < 0) return next();
    const [{ failure }] = failures.splice(i, 1) as [{ failure: Failure }];
    if (failure === 'hang-up') {
      req.socket.destroy();
      return;
    }
    if (failure === 'timeout') return; // never answers
    res.status(failure.status).json({ error: 'server_error', message: `stand-in answered ${failure.status}` });
  });
  router.use((req, res, next) => {
    if (limited.times <= 0) return next();
    limited.times -= 1;
    const reset = Math.ceil(clock.now().getTime() / 1000) + limited.retryAfter;
    res
      .status(429)
      .set({ 'Retry-After': String(limited.retryAfter), 'X-RateLimit-Limit': '1000', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset) })
      .json({ error: 'too_many_requests', message: 'Too Many Attempts.' });
  });

  /** The school a request may read: its bearer (or basic) token must be that school's. */
  const authorised = (req: Request, res: Response): WondeSchool | undefined => {
    const entry = bySchool.get(String(req.params.school));
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString().replace(/:$/, '') : '';
    const known = [...bySchool.values()].some((s) => s.token === token);
    if (!known || (entry?.revoked === 401 && entry.token === token)) {
      res.status(401).json({ error: 'invalid_token', message: 'Unauthenticated.' });
      return undefined;
    }
    if (!entry || entry.token !== token || entry.revoked === 403) {
      res.status(403).json({ error: 'access_denied', message: 'You do not have access to this school.' });
      return undefined;
    }
    return entry.school;
  };

  /** A page of `items` with Wonde's pagination metadata; `next` keeps the request's other parameters. */
  const page = <T>(req: Request, res: Response, items: T[], render: (item: T) => unknown): void => {
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number(req.query.per_page) || DEFAULT_PER_PAGE));
    const current = Math.max(1, Number(req.query.page) || 1);
    const slice = items.slice((current - 1) * perPage, current * perPage);
    const more = current * perPage < items.length;
    const link = (n: number) => {
      const u = new URL(`${req.protocol}://${req.get('host')}${req.baseUrl}${req.path}`);
      for (const [k, v] of Object.entries(req.query)) if (k !== 'page') u.searchParams.set(k, String(v));
      u.searchParams.set('page', String(n));
      return u.toString();
    };
    res.json({
      data: slice.map(render),
      meta: { pagination: { next: more ? link(current + 1) : null, previous: current > 1 ? link(current - 1) : null, more, per_page: String(perPage), current_page: current }, includes: [...includes(req)] },
    });
  };

  const changedSince = <T extends { updatedAt: Date }>(req: Request, items: Iterable<T>): T[] => {
    const after = since(req);
    return [...items].filter((i) => !after || i.updatedAt > after);
  };

  const person = (p: { id: string; upi: string; misId: string; title?: string; forename: string; surname: string; updatedAt: Date }) => ({
    id: p.id,
    upi: p.upi,
    mis_id: p.misId,
    initials: `${p.forename[0]}${p.surname[0]}`,
    title: p.title ?? null,
    surname: p.surname,
    forename: p.forename,
    middle_names: null,
    legal_surname: p.surname,
    legal_forename: p.forename,
    gender: null,
    date_of_birth: null,
    restored_at: null,
    created_at: wondeDate(new Date('2026-08-01T00:00:00Z')),
    updated_at: wondeDate(p.updatedAt),
  });

  const contactDetails = (phones: { mobile: string | null; home: string | null }, email: string | null) => ({
    data: {
      phones: { phone: phones.mobile ?? phones.home, primary: phones.mobile ?? phones.home, home: phones.home, work: null, mobile: phones.mobile },
      emails: { email, primary: email, home: null, work: null },
      salutation: null,
    },
  });

  const renderContact = (school: WondeSchool, c: StandInContact, inc: Set<string>, prefix = '') => ({
    ...person(c),
    ...(inc.has(`${prefix}contact_details`) ? { contact_details: contactDetails(c, c.email) } : {}),
    ...(inc.has(`${prefix}students`) ? { students: { data: school.studentsOf(c.id).map((s) => ({ id: s.id, upi: s.upi, mis_id: s.misId })) } } : {}),
  });

  const renderStudent = (school: WondeSchool, s: StandInStudent, inc: Set<string>): unknown => {
    if (s.malformed) return s.malformed;
    const year = { id: `Y${s.year}`, code: String(s.year), name: `Year ${s.year}`, description: `National Curriculum Year ${s.year}` };
    return {
      ...person(s),
      gender: s.gender,
      gender_identity: null,
      date_of_birth: wondeDate(s.dateOfBirth),
      ...(inc.has('education_details')
        ? { education_details: { data: { upn: s.upn, former_upn: null, admission_number: s.admissionNumber, admission_date: wondeDate('2022-09-01'), leaving_date: wondeDate(s.leavingDate) } } }
        : {}),
      ...(inc.has('extended_details')
        ? { extended_details: { data: { sen_status: s.senStatus, first_language: s.firstLanguage, english_as_additional_language: s.firstLanguage !== 'ENG', free_school_meals: false, ever_in_care: s.inCare, in_lea_care: s.inCare } } }
        : {}),
      ...(inc.has('sen_needs') ? { sen_needs: { data: s.needs.map((type, i) => ({ id: `${s.id}-N${i}`, type, description: null, rank: i + 1 })) } } : {}),
      ...(inc.has('year') ? { year: { data: year } } : {}),
      ...(inc.has('groups') ? { groups: { data: s.groupIds.map((g) => school.groups.get(g)).filter(Boolean).map((g) => ({ id: g!.id, name: g!.name, code: g!.code, type: g!.type })) } } : {}),
      ...(inc.has('classes') ? { classes: { data: s.classIds.map((c) => school.classes.get(c)).filter(Boolean).map((c) => ({ id: c!.id, name: c!.name, code: c!.code })) } } : {}),
      ...evidenceIncludes(school, s, inc),
      ...(inc.has('contacts')
        ? {
            contacts: {
              data: s.contacts.flatMap((l) => {
                const c = school.contacts.get(l.contactId);
                return c
                  ? [{ ...renderContact(school, c, inc, 'contacts.'), relationship: { relationship: l.relationship, priority: l.priority, parental_responsibility: l.parentalResponsibility, bill_payer: l.priority === 1, lives_with_pupil: l.livesWithPupil, email_bills: false, copy_bills: false, court_order: false, pupil_report: true } }]
                  : [];
              }),
            },
          }
        : {}),
    };
  };

  /** A student's evidence includes (their own records only), in the shapes of the school-wide lists below. */
  const evidenceIncludes = (school: WondeSchool, s: StandInStudent, inc: Set<string>) => {
    const e = s.evidence;
    const att = school.attendanceOf(s);
    return {
      ...(inc.has('attendance_summary')
        ? { attendance_summary: { data: { id: `${s.id}-ATT`, student: s.id, possible_marks: att.possible, present: att.present, authorised_absence: att.authorised, unauthorised_absence: att.unauthorised, late_before_registers_closed: 0 } } }
        : {}),
      ...(inc.has('behaviours') ? { behaviours: { data: e.behaviours.map((b) => ({ id: b.id, incident: 'Recorded in the MIS', type: b.type, comment: null, date: wondeDate(b.date) })) } } : {}),
      ...(inc.has('achievements') ? { achievements: { data: e.achievements.map((a) => ({ id: a.id, type: a.type, comment: 'Recorded in the MIS', date: wondeDate(a.date), points: 1 })) } } : {}),
      ...(inc.has('exclusions') ? { exclusions: { data: e.exclusions.map((x) => ({ id: x.id, student: s.id, type: x.type, reason: 'PA', start_date: wondeDate(x.startDate), end_date: wondeDate(x.startDate), sessions: x.sessions })) } } : {}),
      ...(inc.has('assessment_results') ? { assessment_results: { data: e.results.map((r) => ({ id: r.id, aspect: r.aspectId, student: s.id, result: r.result, collection_date: wondeDate(r.date) })) } } : {}),
    };
  };

  const renderEmployee = (e: StandInEmployee, inc: Set<string>) => ({
    ...person(e),
    staff_code: e.staffCode,
    ...(inc.has('contact_details') ? { contact_details: { data: { phones: { phone: null, primary: null, home: null, work: null, mobile: null }, emails: { email: e.email, primary: e.email, home: null, work: e.email }, salutation: null } } } : {}),
    ...(inc.has('employment_details') ? { employment_details: { data: { current: true, teaching_staff: e.teaching } } } : {}),
    ...(inc.has('roles') ? { roles: { data: e.roles.map((role) => ({ role })) } } : {}),
  });

  const people = (school: WondeSchool, ids: string[], kind: 'employees' | 'students') =>
    ids.map((id) => (kind === 'employees' ? school.employees.get(id) : school.students.get(id))).filter(Boolean).map((p) => ({ id: p!.id, upi: p!.upi, mis_id: p!.misId }));

  const list = (path: string, handler: (school: WondeSchool, req: Request, res: Response) => void) =>
    router.get(`/v1.0/schools/:school/${path}`, (req, res) => {
      const school = authorised(req, res);
      if (school) handler(school, req, res);
    });

  list('students', (school, req, res) => page(req, res, changedSince(req, school.students.values()), (s) => renderStudent(school, s, includes(req))));
  list('students/:id', (school, req, res) => {
    const s = school.students.get(String(req.params.id));
    if (!s) {
      res.status(404).json({ error: 'not_found', message: 'Student not found.' });
      return;
    }
    res.json({ data: renderStudent(school, s, includes(req)) });
  });
  list('contacts', (school, req, res) => page(req, res, changedSince(req, school.contacts.values()), (c) => renderContact(school, c, includes(req))));
  list('employees', (school, req, res) => page(req, res, changedSince(req, school.employees.values()), (e) => renderEmployee(e, includes(req))));
  list('groups', (school, req, res) => {
    const inc = includes(req);
    const type = typeof req.query.type === 'string' ? req.query.type.toUpperCase() : undefined;
    const groups = changedSince(req, school.groups.values()).filter((g) => !type || g.type === type);
    page(req, res, groups, (g) => ({
      id: g.id,
      mis_id: g.id.slice(2),
      name: g.name,
      code: g.code,
      type: g.type,
      description: g.name,
      created_at: wondeDate(new Date('2026-08-01T00:00:00Z')),
      updated_at: wondeDate(g.updatedAt),
      ...(inc.has('employees') ? { employees: { data: people(school, g.employeeIds, 'employees') } } : {}),
      ...(inc.has('students') ? { students: { data: people(school, [...school.students.values()].filter((s) => s.groupIds.includes(g.id)).map((s) => s.id), 'students') } } : {}),
    }));
  });
  list('classes', (school, req, res) => {
    const inc = includes(req);
    page(req, res, changedSince(req, school.classes.values()), (c) => ({
      id: c.id,
      mis_id: c.id.slice(2),
      name: c.name,
      code: c.code,
      description: c.name,
      created_at: wondeDate(new Date('2026-08-01T00:00:00Z')),
      updated_at: wondeDate(c.updatedAt),
      ...(inc.has('employees') ? { employees: { data: people(school, c.employeeIds, 'employees') } } : {}),
      ...(inc.has('students') ? { students: { data: people(school, [...school.students.values()].filter((s) => s.classIds.includes(c.id)).map((s) => s.id), 'students') } } : {}),
    }));
  });
  list('deletions', (school, req, res) => {
    const after = since(req);
    const type = typeof req.query.type === 'string' ? req.query.type : undefined;
    const items = school.deletions.filter((d) => (!type || d.type === type) && (!after || d.deletedAt > after));
    page(req, res, items, (d) => ({ id: d.id, type: d.type, mis_id: d.misId, restored: false, deleted_at: wondeDate(d.deletedAt), restored_at: null }));
  });

  // The evidence records' school-wide lists (attendance, behaviour, achievements, exclusions, assessment), from the same records.
  const all = (school: WondeSchool) => [...school.students.values()];
  list('attendance-summaries', (school, req, res) => page(req, res, all(school), (s) => evidenceIncludes(school, s, new Set(['attendance_summary'])).attendance_summary!.data));
  list('behaviours', (school, req, res) =>
    page(req, res, all(school).flatMap((s) => s.evidence.behaviours.map((b) => ({ s, b }))), ({ s, b }) => ({ id: b.id, incident: 'Recorded in the MIS', type: b.type, comment: null, date: wondeDate(b.date), students: { data: [{ id: s.id }] } })),
  );
  list('achievements', (school, req, res) =>
    page(req, res, all(school).flatMap((s) => s.evidence.achievements.map((a) => ({ s, a }))), ({ s, a }) => ({ id: a.id, type: a.type, comment: 'Recorded in the MIS', date: wondeDate(a.date), points: 1, students: { data: [{ id: s.id }] } })),
  );
  list('exclusions', (school, req, res) =>
    page(req, res, all(school).flatMap((s) => s.evidence.exclusions.map((x) => ({ s, x }))), ({ s, x }) => ({ id: x.id, student: s.id, type: x.type, reason: 'PA', start_date: wondeDate(x.startDate), end_date: wondeDate(x.startDate), sessions: x.sessions })),
  );
  list('assessment/aspects', (_school, req, res) => page(req, res, [...STAND_IN_ASPECTS], (a) => ({ id: a.id, mis_id: a.id.slice(-2), name: a.name, description: `${a.name} (marksheet)`, type: 'GRADE' })));
  list('assessment/results', (school, req, res) =>
    page(req, res, all(school).flatMap((s) => s.evidence.results.map((r) => ({ s, r }))), ({ s, r }) => ({ id: r.id, aspect: r.aspectId, student: s.id, result: r.result, collection_date: wondeDate(r.date) })),
  );

  router.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'No such endpoint.' });
  });

  return {
    router,
    requests,
    school(id) {
      const entry = bySchool.get(id);
      if (!entry) throw new Error(`the stand-in has no school ${id}`);
      return entry.school;
    },
    failNext(list, path, skip = 0) {
      if (skip > 0) passes.push({ path, left: skip });
      failures.push(...list.map((failure) => ({ failure, path })));
    },
    rateLimit(times, retryAfterSeconds) {
      limited = { times, retryAfter: retryAfterSeconds };
    },
    revoke(schoolId, status) {
      bySchool.get(schoolId)!.revoked = status;
    },
    restore(schoolId) {
      bySchool.get(schoolId)!.revoked = undefined;
    },
  };
}
