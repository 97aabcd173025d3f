import { DateTime } from 'luxon';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Tx } from '../db/transaction';
import { actorOf, changedFields, recordAudit } from '../audit/audit';
import { canAdministerSchool, canSetOrganisationDefaults, canViewOrganisation, type Principal } from '../domain/access';
import { conflict, forbidden, invalid, notFound } from '../domain/errors';
import { OrganisationKind } from '../generated/prisma/enums';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { adoptSchemes, schemeDefaultsSchema, type SchemeDefaults } from '../assessment/schemeChoice';
import { applyCalendar, applySettings, calendarSchema, settingsSchema, type SchoolDeps } from '../settings/useCases';

/**
 * Trusts and local authorities: whoever runs the service adds them, their members (trust leads,
 * local authority officers) and which schools belong to them (a school joins or leaves); their
 * members set the organisation's baseline date and the defaults a school's admin may adopt. An
 * organisation never changes a school's records itself: adopting is the school's own act.
 * Every change is audited.
 */
const validZone = (zone: string): boolean => DateTime.local().setZone(zone).isValid;

export const newOrganisationSchema = z.strictObject({
  name: z.string().trim().min(2).max(120),
  kind: z.enum(OrganisationKind),
  /** The organisation's own Entra ID tenant (a GUID), when its people sign in there. */
  entraTenantId: z.uuid().nullable().optional(),
  timezone: z.string().refine(validZone, 'must be an IANA time zone such as Europe/London').optional(),
});

export const memberSchema = z.strictObject({
  displayName: z.string().trim().min(2).max(120),
  email: z.email().transform((e) => e.toLowerCase()),
  jobTitle: z.string().trim().max(120).nullable().optional(),
  aadObjectId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});

export const schoolOrganisationsSchema = z.strictObject({
  /** The trust the school belongs to from now; null: it has left its trust. */
  trustId: z.uuid().nullable().optional(),
  localAuthorityId: z.uuid().nullable().optional(),
});

/** Settings an organisation may offer its schools: the school's own rules, less what is each school's to say (its name, contacts, chosen wider outcomes). */
export const organisationSettingsSchema = settingsSchema.omit({ name: true, contactPhone: true, contactEmail: true, widerOutcomes: true, smsNumber: true });

export const defaultsSchema = z.strictObject({
  settings: organisationSettingsSchema.nullable().optional(),
  calendar: calendarSchema.nullable().optional(),
  /** How subjects are assessed: per subject a preset or the organisation's own scheme. */
  schemes: schemeDefaultsSchema.nullable().optional(),
});
export type OrganisationDefaults = { settings: z.infer<typeof organisationSettingsSchema> | null; calendar: z.infer<typeof calendarSchema> | null; schemes: SchemeDefaults | null };

export const organisationChangeSchema = z.strictObject({
  /** The evaluation's baseline for every school: the term containing this date; null: each school's first term with the product. */
  baselineOn: z.iso.date().nullable(),
});

export const adoptSchema = z.strictObject({
  organisationId: z.uuid(),
  parts: z.array(z.enum(['settings', 'calendar', 'schemes'])).min(1).max(3),
});

const ORGANISATION_SELECT = { id: true, name: true, kind: true, entraTenantId: true, timezone: true, baselineOn: true, isDemo: true } satisfies Prisma.OrganisationSelect;
const iso = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
const shown = <T extends { baselineOn: Date | null }>(o: T) => ({ ...o, baselineOn: iso(o.baselineOn) });

/** The stored defaults, read through the schemas they were saved with (a JSON column is never cast). */
export function defaultsOf(o: { defaultSettings: Prisma.JsonValue; defaultCalendar: Prisma.JsonValue; defaultSchemes: Prisma.JsonValue }): OrganisationDefaults {
  const read = <T>(schema: z.ZodType<T>, value: Prisma.JsonValue): T | null => {
    const parsed = schema.safeParse(value);
    return value !== null && parsed.success ? parsed.data : null;
  };
  return { settings: read(organisationSettingsSchema, o.defaultSettings), calendar: read(calendarSchema, o.defaultCalendar), schemes: read(schemeDefaultsSchema, o.defaultSchemes) };
}

const onlyTheOperator = (by: Principal, what: string): void => {
  if (by.kind !== 'apiKey') throw forbidden(`${what} by whoever runs the service, with the API key`);
};

/** The organisation exists and the caller may see it: its members and the API key; anyone else is told it is not theirs. */
export async function organisationFor(db: Tx | PrismaClient, by: Principal, organisationId: string) {
  const o = z.uuid().safeParse(organisationId).success ? await db.organisation.findUnique({ where: { id: organisationId } }) : null;
  if (!o) throw notFound('Organisation');
  if (!canViewOrganisation(by, o.id)) throw forbidden("You can see your own trust's or local authority's figures only");
  return o;
}

/** The schools that belong to an organisation now, by name. */
export function schoolsOf(db: Tx | PrismaClient, organisationId: string) {
  return db.school.findMany({
    where: { OR: [{ trustId: organisationId }, { localAuthorityId: organisationId }] },
    select: { id: true, name: true, timezone: true, trustId: true, localAuthorityId: true, isDemo: true, createdAt: true },
    orderBy: { name: 'asc' },
  });
}

export async function listOrganisations(prisma: PrismaClient, by: Principal) {
  if (by.kind === 'staff') throw forbidden('Trusts and local authorities are listed for their own members');
  const rows = await prisma.organisation.findMany({ where: by.kind === 'apiKey' ? {} : { id: by.organisationId }, select: ORGANISATION_SELECT, orderBy: { name: 'asc' } });
  return rows.map(shown);
}

export async function createOrganisation(d: UseCaseDeps, by: Principal, input: z.infer<typeof newOrganisationSchema>) {
  onlyTheOperator(by, 'Trusts and local authorities are added');
  return inTransaction(d, async (tx) => {
    const taken = input.entraTenantId ? await tx.organisation.findUnique({ where: { entraTenantId: input.entraTenantId.toLowerCase() } }) : null;
    if (taken) throw conflict('tenant_taken', `Another organisation (${taken.name}) already signs in with that Entra ID tenant`);
    const created = await tx.organisation.create({ data: { ...input, entraTenantId: input.entraTenantId?.toLowerCase() ?? null }, select: ORGANISATION_SELECT });
    await recordAudit(tx, actorOf(by), { action: 'organisation.create', entityType: 'Organisation', entityId: created.id, after: shown(created) });
    return shown(created);
  });
}

/** Adds a member (a trust lead of a trust, an officer of a local authority), or changes one found by address. */
export async function saveMember(d: UseCaseDeps, by: Principal, organisationId: string, input: z.infer<typeof memberSchema>) {
  onlyTheOperator(by, 'Members are added');
  return inTransaction(d, async (tx) => {
    const organisation = await organisationFor(tx, by, organisationId);
    if (input.aadObjectId) {
      const [staff, member] = await Promise.all([
        tx.staff.findUnique({ where: { aadObjectId: input.aadObjectId }, select: { id: true } }),
        tx.organisationMember.findUnique({ where: { aadObjectId: input.aadObjectId }, select: { email: true, organisationId: true } }),
      ]);
      // One Entra account is one person in one role: a token must never be two people.
      if (staff || (member && (member.organisationId !== organisation.id || member.email !== input.email))) throw conflict('object_id_taken', 'That Entra object id already belongs to someone else');
    }
    const key = { organisationId_email: { organisationId: organisation.id, email: input.email } };
    const select = { id: true, displayName: true, email: true, jobTitle: true, aadObjectId: true, active: true } as const;
    const before = await tx.organisationMember.findUnique({ where: key, select });
    const saved = await tx.organisationMember.upsert({ where: key, create: { ...input, organisationId: organisation.id }, update: input, select });
    const diff = before ? changedFields(before, saved) : { before: undefined, after: saved };
    if (!before || Object.keys(diff.after).length > 0) {
      await recordAudit(tx, actorOf(by), { action: before ? 'organisation.member.update' : 'organisation.member.add', entityType: 'OrganisationMember', entityId: saved.id, ...diff });
    }
    return saved;
  });
}

/**
 * A school joins or leaves a trust or local authority. From the moment it leaves, the
 * organisation sees none of its figures; its records never went anywhere.
 */
export async function setSchoolOrganisations(d: SchoolDeps, by: Principal, schoolId: string, input: z.infer<typeof schoolOrganisationsSchema>) {
  onlyTheOperator(by, 'A school joins or leaves a trust or local authority');
  const saved = await inTransaction(d, async (tx) => {
    const school = z.uuid().safeParse(schoolId).success ? await tx.school.findUnique({ where: { id: schoolId }, select: { id: true, trustId: true, localAuthorityId: true } }) : null;
    if (!school) throw notFound('School');
    const expect = async (id: string | null | undefined, kind: OrganisationKind, what: string) => {
      if (!id) return;
      const o = await tx.organisation.findUnique({ where: { id }, select: { kind: true } });
      if (!o) throw notFound(what);
      if (o.kind !== kind) throw invalid('wrong_kind', `That organisation is not a ${what.toLowerCase()}`);
    };
    await expect(input.trustId, 'TRUST', 'Trust');
    await expect(input.localAuthorityId, 'LOCAL_AUTHORITY', 'Local authority');
    const after = await tx.school.update({ where: { id: school.id }, data: input, select: { id: true, trustId: true, localAuthorityId: true } });
    const diff = changedFields(school, after);
    if (Object.keys(diff.after).length > 0) await recordAudit(tx, actorOf(by), { schoolId: school.id, action: 'school.organisations', entityType: 'School', entityId: school.id, ...diff });
    return after;
  });
  // Its termly evaluation now also reaches (or no longer reaches) the organisation.
  await d.replanSchool(schoolId);
  return saved;
}

export async function readDefaults(prisma: PrismaClient, by: Principal, organisationId: string): Promise<OrganisationDefaults> {
  return defaultsOf(await organisationFor(prisma, by, organisationId));
}

export async function setDefaults(d: UseCaseDeps, by: Principal, organisationId: string, input: z.infer<typeof defaultsSchema>): Promise<OrganisationDefaults> {
  if (!canSetOrganisationDefaults(by, organisationId)) throw forbidden("Only the organisation's own leads set its defaults");
  return inTransaction(d, async (tx) => {
    const o = await organisationFor(tx, by, organisationId);
    const before = defaultsOf(o);
    const data: Prisma.OrganisationUpdateInput = {};
    if (input.settings !== undefined) data.defaultSettings = input.settings ?? Prisma.DbNull;
    if (input.calendar !== undefined) data.defaultCalendar = input.calendar ?? Prisma.DbNull;
    if (input.schemes !== undefined) data.defaultSchemes = input.schemes ?? Prisma.DbNull;
    const after = defaultsOf(await tx.organisation.update({ where: { id: o.id }, data }));
    await recordAudit(tx, actorOf(by), { action: 'organisation.defaults', entityType: 'Organisation', entityId: o.id, before, after });
    return after;
  });
}

export async function changeOrganisation(d: UseCaseDeps, by: Principal, organisationId: string, input: z.infer<typeof organisationChangeSchema>) {
  if (!canSetOrganisationDefaults(by, organisationId)) throw forbidden("Only the organisation's own leads set its baseline");
  return inTransaction(d, async (tx) => {
    const o = await organisationFor(tx, by, organisationId);
    const saved = await tx.organisation.update({ where: { id: o.id }, data: { baselineOn: input.baselineOn ? new Date(`${input.baselineOn}T00:00:00Z`) : null }, select: ORGANISATION_SELECT });
    if (iso(o.baselineOn) !== input.baselineOn) {
      await recordAudit(tx, actorOf(by), { action: 'organisation.baseline', entityType: 'Organisation', entityId: o.id, before: { baselineOn: iso(o.baselineOn) }, after: { baselineOn: input.baselineOn } });
    }
    return shown(saved);
  });
}

/** What a school's trust and local authority offer it, for its admins and SENCO to adopt. */
export async function defaultsOffered(prisma: PrismaClient, by: Principal, schoolId: string) {
  const school = await administeredSchool(prisma, by, schoolId);
  const organisations = await prisma.organisation.findMany({ where: { id: { in: [school.trustId, school.localAuthorityId].filter((id): id is string => id !== null) } }, orderBy: { kind: 'asc' } });
  return organisations.map((o) => ({ organisation: { id: o.id, name: o.name, kind: o.kind }, defaults: defaultsOf(o) }));
}

async function administeredSchool(db: Tx | PrismaClient, by: Principal, schoolId: string) {
  const school = z.uuid().safeParse(schoolId).success ? await db.school.findUnique({ where: { id: schoolId }, select: { id: true, trustId: true, localAuthorityId: true } }) : null;
  if (!school) throw notFound('School');
  if (!canAdministerSchool(by, school.id)) throw forbidden("Only the school's admins and SENCO adopt its trust's or local authority's defaults");
  return school;
}

/**
 * The school's admin or SENCO adopts its organisation's defaults: they become the school's own
 * settings and calendar (audited as the school's change, by them), and the school is re-planned.
 */
export async function adoptDefaults(d: SchoolDeps, by: Principal, schoolId: string, input: z.infer<typeof adoptSchema>) {
  const adopted = await inTransaction(d, async (tx) => {
    const school = await administeredSchool(tx, by, schoolId);
    if (school.trustId !== input.organisationId && school.localAuthorityId !== input.organisationId) throw forbidden('The school does not belong to that trust or local authority');
    const o = await tx.organisation.findUniqueOrThrow({ where: { id: input.organisationId } });
    const defaults = defaultsOf(o);
    const parts = [...new Set(input.parts)];
    const offered = <T>(part: 'settings' | 'calendar' | 'schemes', value: T | null): T | undefined => {
      if (!parts.includes(part)) return undefined;
      if (value === null) throw conflict('no_defaults', `${o.name} offers no default ${part} yet`);
      return value;
    };
    const wantSettings = offered('settings', defaults.settings);
    const wantCalendar = offered('calendar', defaults.calendar);
    const wantSchemes = offered('schemes', defaults.schemes);
    const actor = actorOf(by);
    const settings = wantSettings ? await applySettings(tx, actor, school.id, wantSettings) : undefined;
    const calendar = wantCalendar ? await applyCalendar(tx, actor, school.id, wantCalendar) : undefined;
    const subjects = wantSchemes ? await adoptSchemes(tx, by, school.id, wantSchemes) : undefined;
    await recordAudit(tx, actor, { schoolId: school.id, action: 'school.adoptDefaults', entityType: 'School', entityId: school.id, after: { organisationId: o.id, parts } });
    return { settings, calendar, subjects };
  });
  await d.replanSchool(schoolId);
  return adopted;
}
