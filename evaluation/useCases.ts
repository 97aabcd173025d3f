import { z } from 'zod';
import type { PrismaClient } from '../db/database';
import type { Tx } from '../db/transaction';
import { actorOf, recordAudit } from '../audit/audit';
import { canViewSchoolFigures, figuresLeaveSchool, overseesSchool, type Principal } from '../domain/access';
import { forbidden, notFound } from '../domain/errors';
import type { UseCaseDeps } from '../platform/useCase';
import { organisationFor, schoolsOf } from '../organisations/useCases';
import { gapChecklist, loadGapFacts, type GapItem } from './gaps';
import { organisationOverview, schoolFiguresForOrganisation } from './overview';
import { evaluationReport, type EvaluationReport } from './report';

/**
 * What a school's leads and its trust or local authority read: the organisation's schools side by
 * side today, one school's figures, the termly evaluation (JSON, page or CSV) and the gap
 * analysis. Each checks who may read it, suppresses small numbers when the figures leave the
 * school, and is audited (who read which school's figures or which organisation's report).
 */
export const reportQuery = z.object({
  /** A date in the term to report; default each school's last term that has ended. */
  on: z.iso.date().optional(),
  format: z.enum(['json', 'html', 'csv']).default('json'),
});
export type ReportQuery = z.infer<typeof reportQuery>;

const iso = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

/** A school whose figures the caller may read; "not found" for one they may not know of. */
async function schoolFor(db: Tx | PrismaClient, by: Principal, schoolId: string) {
  const school = z.uuid().safeParse(schoolId).success
    ? await db.school.findUnique({ where: { id: schoolId }, select: { id: true, name: true, trustId: true, localAuthorityId: true, trust: { select: { baselineOn: true } }, localAuthority: { select: { baselineOn: true } } } })
    : null;
  if (!school) throw notFound('School');
  if (!canViewSchoolFigures(by, school)) {
    throw forbidden(by.kind === 'organisation' ? 'That school is not one of your organisation’s schools' : "Only the school's SENCO, leads and admins read its figures");
  }
  return school;
}

export async function viewOrganisationOverview(d: UseCaseDeps, by: Principal, organisationId: string) {
  const o = await organisationFor(d.prisma, by, organisationId);
  const schools = await schoolsOf(d.prisma, o.id);
  const overview = await organisationOverview(d.prisma, schools, d.clock.now(), figuresLeaveSchool(by));
  await recordAudit(d.prisma, actorOf(by), { action: 'organisation.overview.view', entityType: 'Organisation', entityId: o.id, after: { schools: schools.length } });
  return { organisation: { id: o.id, name: o.name, kind: o.kind, baselineOn: iso(o.baselineOn) }, ...overview };
}

/** The drill-down: one of the organisation's schools, figures only. A school that has left answers 403. */
export async function viewSchoolFigures(d: UseCaseDeps, by: Principal, organisationId: string, schoolId: string) {
  const o = await organisationFor(d.prisma, by, organisationId);
  const school = z.uuid().safeParse(schoolId).success ? await d.prisma.school.findUnique({ where: { id: schoolId }, select: { id: true, name: true, trustId: true, localAuthorityId: true } }) : null;
  if (!school) throw notFound('School');
  if (school.trustId !== o.id && school.localAuthorityId !== o.id) throw forbidden('That school is not one of your organisation’s schools');
  const figures = await schoolFiguresForOrganisation(d.prisma, { id: school.id, name: school.name }, d.clock.now(), figuresLeaveSchool(by));
  await recordAudit(d.prisma, actorOf(by), { schoolId: school.id, action: 'school.figures.view', entityType: 'School', entityId: school.id, after: { organisationId: o.id } });
  return figures;
}

export async function viewOrganisationEvaluation(d: UseCaseDeps, by: Principal, organisationId: string, q: ReportQuery): Promise<EvaluationReport> {
  const o = await organisationFor(d.prisma, by, organisationId);
  const schools = await schoolsOf(d.prisma, o.id);
  const report = await evaluationReport(d.prisma, {
    subject: { kind: 'organisation', id: o.id, name: o.name },
    schoolIds: schools.map((s) => s.id),
    request: { on: q.on, baselineOn: iso(o.baselineOn), suppress: figuresLeaveSchool(by) },
    asOf: d.clock.now(),
  });
  await recordAudit(d.prisma, actorOf(by), { action: 'evaluation.view', entityType: 'Organisation', entityId: o.id, after: { format: q.format, on: q.on ?? null, schools: schools.length } });
  return report;
}

export async function viewSchoolEvaluation(d: UseCaseDeps, by: Principal, schoolId: string, q: ReportQuery): Promise<EvaluationReport> {
  const school = await schoolFor(d.prisma, by, schoolId);
  // The baseline of whoever reads it: an organisation's own date; for the school, its trust's, else its local authority's.
  const baselineOn =
    by.kind === 'organisation' && overseesSchool(by, school)
      ? iso((school.trustId === by.organisationId ? school.trust : school.localAuthority)?.baselineOn ?? null)
      : iso(school.trust?.baselineOn ?? school.localAuthority?.baselineOn ?? null);
  const report = await evaluationReport(d.prisma, {
    subject: { kind: 'school', id: school.id, name: school.name },
    schoolIds: [school.id],
    request: { on: q.on, baselineOn, suppress: figuresLeaveSchool(by) },
    asOf: d.clock.now(),
  });
  await recordAudit(d.prisma, actorOf(by), { schoolId: school.id, action: 'evaluation.view', entityType: 'School', entityId: school.id, after: { format: q.format, on: q.on ?? null } });
  return report;
}

export interface SchoolGaps {
  school: { id: string; name: string };
  items: GapItem[];
  done: number;
}

export async function viewSchoolGaps(d: UseCaseDeps, by: Principal, schoolId: string): Promise<SchoolGaps> {
  const school = await schoolFor(d.prisma, by, schoolId);
  const facts = (await loadGapFacts(d.prisma, [school.id], d.clock.now())).get(school.id)!;
  const items = gapChecklist(facts, figuresLeaveSchool(by));
  await recordAudit(d.prisma, actorOf(by), { schoolId: school.id, action: 'school.gaps.view', entityType: 'School', entityId: school.id });
  return { school: { id: school.id, name: school.name }, items, done: items.filter((i) => i.done).length };
}

export async function viewOrganisationGaps(d: UseCaseDeps, by: Principal, organisationId: string): Promise<{ schools: SchoolGaps[] }> {
  const o = await organisationFor(d.prisma, by, organisationId);
  const schools = await schoolsOf(d.prisma, o.id);
  const facts = await loadGapFacts(d.prisma, schools.map((s) => s.id), d.clock.now());
  await recordAudit(d.prisma, actorOf(by), { action: 'organisation.gaps.view', entityType: 'Organisation', entityId: o.id, after: { schools: schools.length } });
  return {
    schools: schools.map((s) => {
      const items = gapChecklist(facts.get(s.id)!, figuresLeaveSchool(by));
      return { school: { id: s.id, name: s.name }, items, done: items.filter((i) => i.done).length };
    }),
  };
}
