/**
 * Wonde's School Data Sync API (https://{domain}/v1.0/schools/{school}/...), from its documentation.
 * Where each shape and behaviour comes from (the pages as the search tool could read them; where
 * only a page's opening was readable, the fields follow other pages that print Wonde's output):
 *
 * - Authentication, regional domains, scopes ("a property outside an active scope is null"):
 *   https://docs.wonde.com/docs/api/sync (Introduction, Regional Domains, Authentication, Scopes).
 *   Bearer token per school (`Authorization: Bearer <token>`); basic auth with the token as user
 *   name is the documented alternative. UK schools: api.wonde.com; api-ap-southeast-2.wonde.com
 *   (Australia, New Zealand); api-af-south-1.wonde.com (South Africa).
 * - Pagination: https://docs.wonde.com/docs/api/1.0 (Pagination): `meta.pagination` with `next`
 *   (a full URL), `previous`, `more`, `per_page` (a string in the example) and `current_page`.
 *   The example is replayed in tests/mis/fixtures/pagination.json.
 * - Students: https://docs.wonde.com/docs/api/sync (Students; "Get Students" example, as quoted by
 *   context7.com/websites/wonde_api_sync): id, upi, mis_id, initials, title, surname, forename,
 *   middle_names, legal_surname, legal_forename, gender, gender_identity. Includes as the PHP client
 *   (github.com/wondeltd/php-client, readme: `all(['contact_details', 'extended_details'],
 *   ['updated_after' => '2016-06-24 00:00:00'])`) sends them: `include=a,b` and `updated_after`
 *   as `YYYY-MM-DD HH:MM:SS`. education_details.data.upn, year.data.code,
 *   extended_details.data.english_as_additional_language / free_school_meals / ever_in_care: as
 *   Renaissance's Wonde UK mapping (szhelp.renaissance.com, "Wonde UK") reads them.
 *   extended_details.data.sen_status, first_language and in_lea_care, education_details'
 *   admission_number and leaving_date, and the sen_needs include are the Students section's
 *   field names as we read them there; the fixture marks what is reconstructed.
 * - Contacts (and the students' `contacts` include): Schoolzine's "Wonde Valid Contacts" sample
 *   of Wonde's output (schoolzineplus.com/newsletter/article/302): the person fields, created_at
 *   and updated_at as Wonde dates, `relationship` (bill_payer, lives_with_pupil, email_bills, ...)
 *   and contact_details.data.phones.mobile / emails.email. relationship.relationship, priority and
 *   parental_responsibility: the Contacts section of https://docs.wonde.com/docs/api/sync.
 * - Employees: https://docs.wonde.com/docs/api/sync (Employees) with the fields Wonde integrations
 *   map (id, upi, mis_id, staff_code, title, forename, surname, legal names, email); includes
 *   contact_details, employment_details (current, teaching_staff), roles.
 * - Groups and classes (include=employees, students): the Groups and Classes sections; a group's
 *   `type` is REGISTRATION for a form or class register.
 * - Deletions: `GET /deletions?type=student|contact|employee` (php-client src/Endpoints/Deletions.php;
 *   the Deletions section): id (the deleted record's Wonde id), type, restored, deleted_at.
 * - Evidence (second round, looked for again in Wonde's own client libraries and stored pages):
 *   the paths are those of github.com/wondeltd/php-client src/Endpoints (AttendanceSummaries.php
 *   `attendance-summaries`, Behaviours.php `behaviours`, Achievements.php `achievements`,
 *   Exclusions.php `exclusions`, Assessment/Aspects.php `assessment/aspects`,
 *   Assessment/Results.php `assessment/results/`), and wondeltd/ruby-client lib/endpoints and
 *   wondeltd/dotnet-client list the same endpoints. The php-client readme reads
 *   `$attendanceSummary->possible_marks`, `$behaviour->incident` and `$achievement->comment`, and
 *   its write examples give a behaviour's `date`, `type` (a code: BULL), `bullying_type`, `status`,
 *   `comment`, `location` and its students' `student_id`, `role`, `points`, and an achievement's
 *   `date`, `type` (NYPA), `comment` and students' `points`, `award`: the fields our schemas read
 *   agree with these (type as the MIS's code, date as a Wonde date; incident and comment are
 *   descriptions, never stored). None of the libraries' tests prints a response, and no further
 *   page of docs.wonde.com could be read, so these stay reconstructed: the attendance summary's
 *   fields other than possible_marks (present, authorised_absence, unauthorised_absence, and that
 *   it covers the school year to date), the exclusion's (type, start_date, end_date, sessions), the
 *   result's (aspect, student, result, collection_date) and the aspect's (name), and the student
 *   includes the sync reads a kept pupil's evidence with (`attendance_summary`, `behaviours`,
 *   `achievements`, `exclusions`, `assessment_results`), each record in its list's shape
 *   (tests/mis/fixtures/student-evidence.json says so).
 * - Rate limiting: HTTP 429 with `Retry-After` (seconds or an HTTP date, RFC 9110) and Laravel's
 *   `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` headers; the
 *   documentation pages read here do not describe the limit itself, so the client honours
 *   whichever of these the answer carries.
 */
import type { z } from 'zod';
import type { Clock } from '../../runtime/clock';
import type { Logger } from '../../runtime/logger';
import * as shape from './shapes';

/** The school withdrew the app's access in Wonde (401 or 403): no retry will help; the admins are told. */
export class WondeAccessRevoked extends Error {
  constructor(readonly status: number) {
    super(status === 401 ? 'Wonde refused the school\'s token (401): access was revoked or the token is wrong' : 'Wonde refused access to the school (403): the school has withdrawn the app\'s access');
  }
}

/** Wonde asked us to wait longer than a sync should sit waiting: try again after `retryAfterMs`. */
export class WondeRateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`Wonde's rate limit: asked to wait ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

/** Wonde did not answer properly (5xx, a timeout, a broken connection, a page we cannot read) after every retry. */
export class WondeUnavailable extends Error {}

/** Wonde refused the request for another reason (404: no such school at Wonde, 4xx): retrying will not help. */
export class WondeRefused extends Error {
  constructor(readonly status: number) {
    super(status === 404 ? 'Wonde does not know this school id (404): check the school id' : `Wonde refused the request (${status})`);
  }
}

/** A record Wonde sent that is not the documented shape: rejected and reported, never fatal to the rest. */
export interface Malformed {
  kind: string;
  /** The record's Wonde id, when it has one. */
  id?: string;
  problem: string;
}

export interface Page<T> {
  records: T[];
  malformed: Malformed[];
  url: string;
  /** The next page's URL, or null on the last page. */
  next: string | null;
}

export interface ListQuery {
  include?: string[];
  updatedAfter?: Date;
  type?: string;
}

export interface WondeClientOptions {
  /** e.g. https://api.wonde.com/v1.0 */
  baseUrl: string;
  wondeSchoolId: string;
  token: string;
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
  /** How the client waits (tests wait for nothing and record how long they were told to). */
  sleep?: (ms: number) => Promise<void>;
  /** Tries of one request that fails with 5xx or a timeout (default 4: the first and three retries). */
  attempts?: number;
  /** First backoff between those tries (default 1 s, doubling). */
  retryBaseMs?: number;
  /** A request not answered within this is a timeout (default 30 s). */
  timeoutMs?: number;
  /** The longest 429 wait sat out inside a request (default 60 s); longer ones end the request with WondeRateLimited. */
  maxWaitMs?: number;
  /** Records a page (default 200). */
  perPage?: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Wonde's `updated_after`: `YYYY-MM-DD HH:MM:SS`, UTC. */
export const wondeTimestamp = (d: Date): string => d.toISOString().slice(0, 19).replace('T', ' ');

export class WondeClient {
  /** HTTP requests made, retries included. */
  requests = 0;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly schoolUrl: string;

  constructor(private readonly o: WondeClientOptions) {
    this.fetch = o.fetch ?? fetch;
    this.sleep = o.sleep ?? realSleep;
    this.schoolUrl = `${o.baseUrl.replace(/\/+$/, '')}/schools/${encodeURIComponent(o.wondeSchoolId)}`;
  }

  /** The first page of a list, e.g. `url('students', { include: ['year'] })`. */
  url(path: string, query: ListQuery = {}): string {
    const u = new URL(`${this.schoolUrl}/${path}`);
    if (query.include?.length) u.searchParams.set('include', query.include.join(','));
    if (query.updatedAfter) u.searchParams.set('updated_after', wondeTimestamp(query.updatedAfter));
    if (query.type) u.searchParams.set('type', query.type);
    u.searchParams.set('per_page', String(this.o.perPage ?? 200));
    return u.toString();
  }

  /**
   * One page of a list, each record checked on its own. `url` is a first page or a `next` Wonde
   * gave: it must be on Wonde's own origin (the token goes with it), and it keeps the first page's
   * include and filters if it does not repeat them.
   */
  async page<T>(kind: string, url: string, schema: z.ZodType<T>, first?: string): Promise<Page<T>> {
    const target = this.sameOrigin(url, first);
    const body = await this.get(target);
    const envelope = shape.listEnvelope.safeParse(body);
    if (!envelope.success) throw new WondeUnavailable(`Wonde's answer for ${kind} is not a list we can read`);
    const records: T[] = [];
    const malformed: Malformed[] = [];
    for (const item of envelope.data.data) {
      const parsed = schema.safeParse(item);
      if (parsed.success) records.push(parsed.data);
      else malformed.push(describe(kind, item, parsed.error));
    }
    const p = envelope.data.meta?.pagination;
    return { records, malformed, url: target, next: p?.more && p.next ? this.continuation(p.next, target) : null };
  }

  /** Every page of a list, one after another. */
  async *pages<T>(kind: string, path: string, schema: z.ZodType<T>, query: ListQuery = {}): AsyncGenerator<Page<T>> {
    const first = this.url(path, query);
    for (let url: string | null = first; url; ) {
      const page: Page<T> = await this.page(kind, url, schema, first);
      yield page;
      url = page.next;
    }
  }

  /** A whole (small) list: employees, groups, classes, deletions. */
  async all<T>(kind: string, path: string, schema: z.ZodType<T>, query: ListQuery = {}): Promise<{ records: T[]; malformed: Malformed[] }> {
    const records: T[] = [];
    const malformed: Malformed[] = [];
    for await (const page of this.pages(kind, path, schema, query)) {
      records.push(...page.records);
      malformed.push(...page.malformed);
    }
    return { records, malformed };
  }

  /** One record (`students/{id}`); undefined when Wonde no longer has it. */
  async one<T>(kind: string, path: string, schema: z.ZodType<T>, include: string[] = []): Promise<{ record?: T; malformed?: Malformed }> {
    const u = new URL(`${this.schoolUrl}/${path}`);
    if (include.length) u.searchParams.set('include', include.join(','));
    const body = await this.get(u.toString(), { notFound: true });
    if (body === undefined) return {};
    const envelope = shape.singleEnvelope.safeParse(body);
    if (!envelope.success) throw new WondeUnavailable(`Wonde's answer for ${kind} is not a record we can read`);
    const parsed = schema.safeParse(envelope.data.data);
    return parsed.success ? { record: parsed.data } : { malformed: describe(kind, envelope.data.data, parsed.error) };
  }

  // ------------------------------------------------------------ the endpoints the product reads

  students = (query: ListQuery) => this.pages('student', 'students', shape.student, query);
  student = (id: string, include: string[]) => this.one('student', `students/${encodeURIComponent(id)}`, shape.student, include);
  contacts = (query: ListQuery) => this.pages('contact', 'contacts', shape.contact, query);
  employees = (query: ListQuery) => this.all('employee', 'employees', shape.employee, query);
  groups = (query: ListQuery) => this.all('group', 'groups', shape.group, query);
  classes = (query: ListQuery) => this.all('class', 'classes', shape.teachingClass, query);
  deletions = (type: 'student' | 'contact' | 'employee', updatedAfter?: Date) => this.all('deletion', 'deletions', shape.deletion, { type, updatedAfter });

  // The school-wide evidence lists (the sync reads a kept pupil's own through the student's includes instead).
  attendanceSummaries = (query: ListQuery) => this.pages('attendance summary', 'attendance-summaries', shape.attendanceSummary, query);
  behaviours = (query: ListQuery) => this.pages('behaviour', 'behaviours', shape.behaviour, query);
  achievements = (query: ListQuery) => this.pages('achievement', 'achievements', shape.achievement, query);
  exclusions = (query: ListQuery) => this.pages('exclusion', 'exclusions', shape.exclusion, query);
  assessmentAspects = (query: ListQuery) => this.pages('assessment aspect', 'assessment/aspects', shape.aspect, query);
  /** Every aspect (a school has tens): their names, for a mapping that names aspects rather than giving their ids. */
  aspects = () => this.all('assessment aspect', 'assessment/aspects', shape.aspect);
  assessmentResults = (query: ListQuery) => this.pages('assessment result', 'assessment/results', shape.result, query);

  // ------------------------------------------------------------ HTTP

  private sameOrigin(url: string, first?: string): string {
    const u = new URL(url);
    if (u.origin !== new URL(this.schoolUrl).origin) throw new WondeUnavailable('Wonde named a next page on another host; it was not followed');
    return first ? this.continuation(url, first) : url;
  }

  /** A `next` URL with the first page's include, filters and page size where it leaves them out. */
  private continuation(next: string, first: string): string {
    const u = new URL(next, first);
    for (const [k, v] of new URL(first).searchParams) if (k !== 'page' && !u.searchParams.has(k)) u.searchParams.set(k, v);
    return u.toString();
  }

  private async get(url: string, o: { notFound?: boolean } = {}): Promise<unknown> {
    const attempts = this.o.attempts ?? 4;
    const base = this.o.retryBaseMs ?? 1000;
    let failures = 0;
    let waits = 0;
    for (;;) {
      const outcome = await this.attempt(url);
      if (outcome.kind === 'ok') return outcome.body;
      if (outcome.kind === 'status') {
        const { status } = outcome;
        if (status === 401 || status === 403) throw new WondeAccessRevoked(status);
        if (status === 404 && o.notFound) return undefined;
        if (status === 429) {
          const wait = this.retryAfter(outcome.headers);
          if (wait > (this.o.maxWaitMs ?? 60_000) || (waits += 1) > 5) throw new WondeRateLimited(wait);
          this.o.logger.info({ path: new URL(url).pathname, waitMs: wait }, 'Wonde rate limit: waiting as told');
          await this.sleep(wait);
          continue;
        }
        if (status < 500) throw new WondeRefused(status);
      }
      failures += 1;
      const why = outcome.kind === 'status' ? `answered ${outcome.status}` : outcome.why;
      if (failures >= attempts) throw new WondeUnavailable(`Wonde ${why} ${attempts} times`);
      const backoff = base * 2 ** (failures - 1);
      this.o.logger.warn({ path: new URL(url).pathname, attempt: failures, backoffMs: backoff, why }, 'Wonde request failed; retrying');
      await this.sleep(backoff);
    }
  }

  private async attempt(url: string): Promise<{ kind: 'ok'; body: unknown } | { kind: 'status'; status: number; headers: Headers } | { kind: 'failed'; why: string }> {
    this.requests += 1;
    const started = performance.now();
    try {
      const res = await this.fetch(url, {
        headers: { authorization: `Bearer ${this.o.token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
      });
      // The path and status only: the query names no one, but the token must never reach a log.
      this.o.logger.debug({ path: new URL(url).pathname, status: res.status, ms: Math.round(performance.now() - started) }, 'wonde');
      if (!res.ok) {
        await res.arrayBuffer().catch(() => undefined);
        return { kind: 'status', status: res.status, headers: res.headers };
      }
      try {
        return { kind: 'ok', body: await res.json() };
      } catch {
        return { kind: 'failed', why: 'sent an answer that is not JSON' };
      }
    } catch (err) {
      const name = (err as Error).name;
      return { kind: 'failed', why: name === 'TimeoutError' || name === 'AbortError' ? 'did not answer in time' : 'could not be reached' };
    }
  }

  /** How long a 429 asks us to wait: Retry-After (seconds or a date), else X-RateLimit-Reset, else a minute. */
  private retryAfter(headers: Headers): number {
    const now = this.o.clock.now().getTime();
    const after = headers.get('retry-after');
    if (after) {
      const seconds = Number(after);
      if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
      const at = Date.parse(after);
      if (Number.isFinite(at)) return Math.max(0, at - now);
    }
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
    return 60_000;
  }
}

function describe(kind: string, item: unknown, error: z.ZodError): Malformed {
  const id = item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : undefined;
  const issue = error.issues[0];
  return { kind, ...(id ? { id } : {}), problem: issue ? `${issue.path.join('.') || 'the record'}: ${issue.message}` : 'not the documented shape' };
}
