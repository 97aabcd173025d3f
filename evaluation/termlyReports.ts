import { z } from 'zod';
import type { PrismaClient } from '../db/database';
import { transaction } from '../db/transaction';
import { atLocalTime, type IsoDate } from '../domain/schoolCalendar';
import { planJob } from '../jobs/jobQueue';
import { payloadOf, type JobHandler } from '../jobs/jobRunner';
import { notifyOrganisationMember, notifyStaff } from '../messaging/staffNotifier';
import type { Clock } from '../runtime/clock';
import { schoolsOf } from '../organisations/useCases';
import { termFor, type Term } from './periods';
import { evaluationReport } from './report';
import { buildReportCard, reportCardText } from './reportCard';

/**
 * The end of each term, on the jobs table: one job per school at 16:00 (school-local) on its
 * term's last day. It sends the school's own report to its leads and SENCO, and, once every
 * school of its trust or local authority has finished that term (the last of them to finish
 * sends it), the organisation's report to the organisation's members, suppressed. Each run plans
 * the school's next term end; so do start-up and every change to the school's calendar or
 * organisations. A job planned for a term end the calendar no longer has does nothing when it
 * comes. Cards are stored with an idempotency key per reader, so a retried run sends nothing twice.
 */
export const EVALUATION_JOB = 'evaluation.termEnd';
export const EVALUATION_TEMPLATE = 'evaluation.ready';
export const EVALUATION_SEND_AT = '16:00';
/** The school's readers of its own report: as for the weekly digest. */
const SCHOOL_READERS = ['SCHOOL_LEAD', 'SENCO'] as const;

const payload = z.object({ schoolId: z.uuid(), termEndsOn: z.iso.date() });

/** Where a card's button leads: the report in the dashboard, for the term that ended that day. */
export const reportUrl = (publicBaseUrl: string, on: IsoDate): string => `${publicBaseUrl}/dashboard/#/evaluation?on=${on}`;

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** The next term end the school's evaluation is due at: the first whose sending time is still to come. */
export function nextTermEnd(terms: readonly Term[], timezone: string, now: Date): Term | undefined {
  return [...terms].filter((t) => atLocalTime(t.endsOn, EVALUATION_SEND_AT, timezone) > now).sort((a, b) => a.endsOn.localeCompare(b.endsOn))[0];
}

/**
 * Plans a school's next end-of-term evaluation (planning again changes nothing). One already
 * planned for an earlier term end is left to run: if the service was down at 16:00 it runs now.
 */
export async function planSchoolEvaluation(db: PrismaClient, clock: Clock, schoolId: string): Promise<void> {
  const school = await db.school.findUnique({ where: { id: schoolId }, select: { id: true, timezone: true, terms: { select: { name: true, startsOn: true, endsOn: true } } } });
  if (!school) return;
  const terms = school.terms.map((t) => ({ name: t.name, startsOn: isoDate(t.startsOn), endsOn: isoDate(t.endsOn) }));
  const next = nextTermEnd(terms, school.timezone, clock.now());
  if (!next) return;
  await planJob(db, {
    kind: EVALUATION_JOB,
    dedupeKey: `${EVALUATION_JOB}:${school.id}:${next.endsOn}`,
    runAt: atLocalTime(next.endsOn, EVALUATION_SEND_AT, school.timezone),
    payload: { schoolId: school.id, termEndsOn: next.endsOn },
    schoolId: school.id,
    subjectId: school.id,
  });
}

export async function planAllEvaluations(db: PrismaClient, clock: Clock): Promise<void> {
  for (const school of await db.school.findMany({ select: { id: true } })) await planSchoolEvaluation(db, clock, school.id);
}

/** Every school of the organisation has finished the term that contains `on` (schools with no term entered do not hold it up). */
function allFinished(schools: { terms: Term[] }[], on: IsoDate): boolean {
  return schools.every((s) => {
    const term = termFor(s.terms, on);
    return !term || term.endsOn <= on;
  });
}

export function termEndHandler(db: PrismaClient, clock: Clock, publicBaseUrl: string): JobHandler {
  return async (job) => {
    const { schoolId, termEndsOn } = payloadOf(job, payload);
    const school = await db.school.findUnique({ where: { id: schoolId }, select: { id: true, name: true, trustId: true, localAuthorityId: true, terms: { select: { endsOn: true } } } });
    if (!school) return;
    // The calendar may have changed since this was planned: only a term that really ends that day is reported.
    if (school.terms.some((t) => isoDate(t.endsOn) === termEndsOn)) {
      await sendSchoolReport(db, clock, publicBaseUrl, school, termEndsOn);
      for (const organisationId of [school.trustId, school.localAuthorityId]) {
        if (organisationId) await sendOrganisationReport(db, clock, publicBaseUrl, organisationId, termEndsOn, { onlyOnceAllFinished: true });
      }
    }
    await planSchoolEvaluation(db, clock, schoolId);
  };
}

/** The school's own report of the term containing `on`, to its leads and SENCO (one card each, whatever runs it again). */
export async function sendSchoolReport(db: PrismaClient, clock: Clock, publicBaseUrl: string, school: { id: string; name: string }, on: IsoDate): Promise<number> {
  const url = reportUrl(publicBaseUrl, on);
  const readers = await db.staff.findMany({ where: { schoolId: school.id, active: true, roles: { hasSome: [...SCHOOL_READERS] } }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  if (readers.length === 0) return 0;
  const report = await evaluationReport(db, { subject: { kind: 'school', id: school.id, name: school.name }, schoolIds: [school.id], request: { on, baselineOn: null, suppress: false }, asOf: clock.now() });
  const card = buildReportCard(report, url);
  await transaction(db, async (tx) => {
    for (const r of readers) {
      await notifyStaff(tx, clock, { staffId: r.id, template: EVALUATION_TEMPLATE, text: reportCardText(report, url), card: { ...card }, idempotencyKey: `${EVALUATION_JOB}:${school.id}:${on}:${r.id}` });
    }
  });
  return readers.length;
}

/**
 * The organisation's report of its schools' terms containing `on`, suppressed, to its members. At a
 * term's end it waits for the last of its schools to finish (until then the report would be
 * part-way through); asked for at any other time (the demo's) it goes at once.
 */
export async function sendOrganisationReport(db: PrismaClient, clock: Clock, publicBaseUrl: string, organisationId: string, on: IsoDate, o: { onlyOnceAllFinished: boolean }): Promise<number> {
  const url = reportUrl(publicBaseUrl, on);
  const organisation = await db.organisation.findUniqueOrThrow({ where: { id: organisationId }, include: { members: { where: { active: true }, select: { id: true }, orderBy: { createdAt: 'asc' } } } });
  if (organisation.members.length === 0) return 0;
  const schools = await schoolsOf(db, organisation.id);
  const terms = await db.schoolTerm.findMany({ where: { schoolId: { in: schools.map((s) => s.id) } }, select: { schoolId: true, name: true, startsOn: true, endsOn: true } });
  const withTerms = schools.map((s) => ({ terms: terms.filter((t) => t.schoolId === s.id).map((t) => ({ name: t.name, startsOn: isoDate(t.startsOn), endsOn: isoDate(t.endsOn) })) }));
  if (o.onlyOnceAllFinished && !allFinished(withTerms, on)) return 0;
  const report = await evaluationReport(db, {
    subject: { kind: 'organisation', id: organisation.id, name: organisation.name },
    schoolIds: schools.map((s) => s.id),
    request: { on, baselineOn: organisation.baselineOn ? isoDate(organisation.baselineOn) : null, suppress: true },
    asOf: clock.now(),
  });
  const card = buildReportCard(report, url);
  await transaction(db, async (tx) => {
    for (const m of organisation.members) {
      await notifyOrganisationMember(tx, clock, { memberId: m.id, template: EVALUATION_TEMPLATE, text: reportCardText(report, url), card: { ...card }, idempotencyKey: `evaluation.organisation:${organisation.id}:${on}:${m.id}` });
    }
  });
  return organisation.members.length;
}
