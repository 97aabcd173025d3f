import type { Request, Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../api/auth';
import { route } from '../api/errors';
import { actorOf, recordAudit } from '../audit/audit';
import { forbidden, invalid, notFound } from '../domain/errors';
import { canAdministerSchool, canViewPupil, pupilScope, seesWholeSchool, type SchoolPrincipal } from '../domain/access';
import { OPEN_STATUSES } from '../domain/conversationCycle';
import { localDate } from '../domain/schoolCalendar';
import { PrimaryNeed, SenStatus } from '../generated/prisma/enums';
import type { ServiceContext } from '../platform/context';
import { computeDigest, computeFigureLists, computeYearCharts } from '../digest/figures';
import { figureName } from '../digest/figureNames';
import { figureRows } from './figureRows';
import { loadDigestInput, pupilWhere, type PupilFilter } from '../digest/digestQueries';
import { findPupil, loadPupilRecord, pupilBasics, type PupilRecord } from './pupilRecord';
import { pupilRecordCsv, pupilRecordHtml } from './pupilExport';
import { PRINTABLE_PAGE_POLICY } from './printablePage';

/**
 * The dashboard's JSON under /api/dashboard. Role rules (domain/access.ts): a key teacher sees
 * their own pupils only; SENCO, school leads and admins see their school. Every look at a pupil's
 * record, and every export of it, is audited.
 */
const filterQuery = z.object({
  /** Only for the API key, which serves every school. */
  schoolId: z.uuid().optional(),
  yearGroup: z.coerce.number().int().min(-1).max(14).optional(),
  need: z.enum(PrimaryNeed).optional(),
  senStatus: z.enum(SenStatus).optional(),
  /** A key teacher's id, or "none" for pupils who have no key teacher. */
  keyTeacherId: z.union([z.uuid(), z.literal('none')]).optional(),
});

interface Scope {
  schoolId: string;
  filter: PupilFilter;
  wholeSchool: boolean;
}

function scopeOf(p: SchoolPrincipal, req: Request): Scope {
  const q = filterQuery.parse(req.query);
  const allowed = pupilScope(p);
  const schoolId = allowed.schoolId ?? q.schoolId;
  if (!schoolId) throw invalid('invalid_request', 'Name the school: ?schoolId=');
  if (q.schoolId && q.schoolId !== schoolId) throw forbidden('You can see your own school only');
  if (allowed.keyTeacherId && q.keyTeacherId && q.keyTeacherId !== allowed.keyTeacherId) throw forbidden('You can see your own pupils only');
  const filter: PupilFilter = { yearGroup: q.yearGroup, need: q.need, senStatus: q.senStatus, keyTeacherId: allowed.keyTeacherId ?? q.keyTeacherId };
  return { schoolId, filter, wholeSchool: seesWholeSchool(p, schoolId) };
}

export function mountDashboardApi(api: Router, ctx: ServiceContext): void {
  const { prisma, clock } = ctx;

  api.get(
    '/dashboard/overview',
    route(async (req, res) => {
      const scope = scopeOf(principalOf(req), req);
      const at = clock.now();
      const school = await prisma.school.findUniqueOrThrow({ where: { id: scope.schoolId }, select: { id: true, name: true, timezone: true } });
      const input = await loadDigestInput(prisma, scope.schoolId, at, scope.filter);
      const [keyTeachers, yearGroups] = await Promise.all([
        scope.wholeSchool
          ? prisma.staff.findMany({
              // Whoever is a pupil's key teacher (a SENCO may be), not only those with the role.
              where: { schoolId: scope.schoolId, OR: [{ active: true, roles: { has: 'KEY_TEACHER' } }, { pupils: { some: pupilWhere(scope.schoolId) } }] },
              select: { id: true, displayName: true },
              orderBy: { displayName: 'asc' },
            })
          : [],
        prisma.pupil.findMany({ where: pupilWhere(scope.schoolId, { keyTeacherId: scope.filter.keyTeacherId }), distinct: ['yearGroup'], select: { yearGroup: true }, orderBy: { yearGroup: 'asc' } }),
      ]);
      res.json({
        school,
        wholeSchool: scope.wholeSchool,
        filter: scope.filter,
        figures: computeDigest(input, at),
        charts: computeYearCharts(input, at),
        options: { keyTeachers, yearGroups: yearGroups.map((y) => y.yearGroup) },
      });
    }),
  );

  api.get(
    '/dashboard/pupils',
    route(async (req, res) => {
      const scope = scopeOf(principalOf(req), req);
      const school = await prisma.school.findUniqueOrThrow({ where: { id: scope.schoolId }, select: { timezone: true } });
      const today = localDate(clock.now(), school.timezone);
      const pupils = await prisma.pupil.findMany({
        where: pupilWhere(scope.schoolId, scope.filter),
        orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
        include: {
          keyTeacher: { select: { id: true, displayName: true } },
          conversations: { where: { status: { in: OPEN_STATUSES } }, orderBy: { dueBy: 'asc' }, select: { kind: true, status: true, dueBy: true, scheduledAt: true } },
          targets: { where: { status: { in: ['NOT_STARTED', 'WORKING_TOWARDS', 'NEEDS_CHANGE'] } }, select: { id: true } },
        },
      });
      res.json({
        pupils: pupils.map((p) => {
          const next = p.conversations[0];
          return {
            ...pupilBasics(p),
            nextConversation: next ? { kind: next.kind, status: next.status, dueBy: next.dueBy.toISOString().slice(0, 10), scheduledAt: next.scheduledAt?.toISOString() ?? null } : null,
            overdue: next ? next.dueBy.toISOString().slice(0, 10) < today : false,
            openTargets: p.targets.length,
          };
        }),
      });
    }),
  );

  // The list a figure counts, within the reader's role and the filters: its length is the figure.
  api.get(
    '/dashboard/figures/:figure',
    route(async (req, res) => {
      const scope = scopeOf(principalOf(req), req);
      const key = String(req.params.figure);
      const at = clock.now();
      const input = await loadDigestInput(prisma, scope.schoolId, at, scope.filter);
      const staffName = new Map(input.staff.map((s) => [s.id, s.displayName]));
      const named = figureName(key, (id) => (id ? (staffName.get(id) ?? 'a former member of staff') : 'No key teacher'));
      if (!named) throw notFound('Figure');
      const school = await prisma.school.findUniqueOrThrow({ where: { id: scope.schoolId }, select: { id: true, name: true, timezone: true } });
      const ids = computeFigureLists(input, at)[key] ?? [];
      const rows = await figureRows(prisma, named.counts, ids, { timezone: school.timezone, now: at, pupilIds: input.pupils.map((p) => p.id) });
      res.json({ school, wholeSchool: scope.wholeSchool, filter: scope.filter, figure: key, label: named.title ?? named.label, counts: named.counts, count: rows.length, rows });
    }),
  );

  api.get(
    '/dashboard/key-teachers',
    route(async (req, res) => {
      const scope = scopeOf(principalOf(req), req);
      const at = clock.now();
      const input = await loadDigestInput(prisma, scope.schoolId, at, scope.filter);
      // One load, then each key teacher's figures are the school's narrowed to their pupils.
      const rows = computeDigest(input, at).workload.map((w) => {
        const own = computeDigest({ ...input, pupils: input.pupils.filter((p) => p.keyTeacherId === w.staffId) }, at);
        return {
          staffId: w.staffId,
          name: w.name,
          pupils: w.pupils,
          overManageable: w.overManageable,
          dueThisWeek: own.conversations.dueThisWeek,
          overdue: own.conversations.overdue,
          heldThisTerm: own.conversations.heldThisTerm,
          repliesWaiting: own.parents.repliesWaiting.count,
          withoutViewsThisTerm: own.pupilVoice.withoutViewsThisTerm,
          targetsOffTrack: own.targets.total.offTrack,
        };
      });
      res.json({ keyTeachers: rows });
    }),
  );

  /** Loads a pupil the caller may see, auditing the look; 404 for unknown, 403 for someone else's. */
  async function viewPupil(req: Request, action: 'pupil.view' | 'pupil.export', details?: Record<string, unknown>): Promise<PupilRecord & { schoolId: string }> {
    const principal = principalOf(req);
    const id = z.uuid().safeParse(req.params.id);
    const pupil = id.success ? await findPupil(prisma, id.data) : null;
    if (!pupil) throw notFound('Pupil');
    if (!canViewPupil(principal, pupil)) throw forbidden("You can see your own pupils' records only");
    const record = await loadPupilRecord(prisma, pupil.id);
    await recordAudit(prisma, actorOf(principal), {
      schoolId: pupil.schoolId,
      action,
      entityType: 'Pupil',
      entityId: pupil.id,
      after: details,
    });
    return { ...record, schoolId: pupil.schoolId };
  }

  api.get(
    '/dashboard/pupils/:id',
    route(async (req, res) => {
      const { schoolId, ...record } = await viewPupil(req, 'pupil.view');
      // Subject access requests are answered by the school's admins and SENCOs (privacy/privacyApi.ts).
      res.json({ ...record, mayAnswerDataRequests: canAdministerSchool(principalOf(req), schoolId) });
    }),
  );

  api.get(
    '/dashboard/pupils/:id/export.:format',
    route(async (req, res) => {
      const format = z.enum(['csv', 'html']).parse(req.params.format);
      const record = await viewPupil(req, 'pupil.export', { format });
      const fileName = `record-${record.pupil.lastName}-${record.pupil.firstName}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
      res.setHeader('cache-control', 'no-store');
      if (format === 'csv') {
        res.type('text/csv; charset=utf-8').attachment(`${fileName}.csv`).send(pupilRecordCsv(record));
        return;
      }
      res.setHeader('content-security-policy', PRINTABLE_PAGE_POLICY);
      res.type('html').send(pupilRecordHtml(record, clock.now()));
    }),
  );
}
