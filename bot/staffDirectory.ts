import type { OrganisationMember, Prisma, Staff } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { transaction, type Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { recordAudit, systemActor } from '../audit/audit';
import { notifyStaff, staffWithRole } from '../messaging/staffNotifier';
import { planJob } from '../jobs/jobQueue';
import { deliveryJob } from '../messaging/outbox';
import { localDate } from '../domain/schoolCalendar';

/** A Teams user as the bot sees them (no botbuilder types: this module is the product's side). */
export interface TeamsUser {
  /** "29:..." */
  teamsUserId: string;
  aadObjectId?: string;
  /** Email or UPN, from the member lookup. */
  email?: string;
  name?: string;
  tenantId?: string;
}

export interface ConversationAddress {
  conversationId: string;
  serviceUrl: string;
  tenantId?: string;
  /** The ConversationReference as botbuilder produced it, stored whole. */
  reference: Prisma.InputJsonValue;
}

/** Matches a Teams user to a member of staff: Entra object id first, else email/UPN (case-insensitive). */
export async function findStaffFor(prisma: PrismaClient, user: TeamsUser): Promise<Staff | null> {
  if (user.aadObjectId) {
    const byOid = await prisma.staff.findUnique({ where: { aadObjectId: user.aadObjectId } });
    if (byOid) return byOid.active ? byOid : null;
  }
  const byTeamsId = await prisma.staff.findFirst({ where: { teamsUserId: user.teamsUserId, active: true } });
  if (byTeamsId) return byTeamsId;
  if (!user.email) return null;
  const byEmail = await prisma.staff.findMany({ where: { email: user.email.toLowerCase(), active: true, aadObjectId: null } });
  // The same address in two schools cannot be told apart without a tenant: refuse rather than guess.
  return byEmail.length === 1 ? byEmail[0]! : null;
}

/**
 * Whom the bot reaches in Teams: a member of staff, or a trust lead or local authority officer
 * (who gets the termly evaluation and nothing else). Both are remembered the same way.
 */
export type Recipient = { kind: 'staff'; staff: Staff } | { kind: 'member'; member: OrganisationMember };

const referenceKey = (r: Recipient): { staffId: string } | { organisationMemberId: string } => (r.kind === 'staff' ? { staffId: r.staff.id } : { organisationMemberId: r.member.id });
const auditSubject = (r: Recipient) => (r.kind === 'staff' ? { schoolId: r.staff.schoolId, entityType: 'Staff', entityId: r.staff.id } : { schoolId: null, entityType: 'OrganisationMember', entityId: r.member.id });

/** Matches a Teams user who is not staff to a trust lead or local authority officer, the same way. */
export async function findMemberFor(prisma: PrismaClient, user: TeamsUser): Promise<OrganisationMember | null> {
  if (user.aadObjectId) {
    const byOid = await prisma.organisationMember.findUnique({ where: { aadObjectId: user.aadObjectId } });
    if (byOid) return byOid.active ? byOid : null;
  }
  const byTeamsId = await prisma.organisationMember.findFirst({ where: { teamsUserId: user.teamsUserId, active: true } });
  if (byTeamsId) return byTeamsId;
  if (!user.email) return null;
  const byEmail = await prisma.organisationMember.findMany({ where: { email: user.email.toLowerCase(), active: true, aadObjectId: null } });
  return byEmail.length === 1 ? byEmail[0]! : null;
}

/**
 * The app is installed for (or first used by) a member of staff or of an organisation: remember
 * where to reach them, link their Teams identity, and send now whatever was waiting for the install.
 */
export async function rememberAddress(prisma: PrismaClient, clock: Clock, who: Recipient, user: TeamsUser, address: ConversationAddress): Promise<{ firstInstall: boolean; released: number }> {
  const now = clock.now();
  const key = referenceKey(who);
  const person = who.kind === 'staff' ? who.staff : who.member;
  return transaction(prisma, async (tx) => {
    const existing = await tx.teamsConversationReference.findUnique({ where: key });
    const data = { conversationId: address.conversationId, serviceUrl: address.serviceUrl, tenantId: address.tenantId ?? null, reference: address.reference, uninstalledAt: null };
    await tx.teamsConversationReference.upsert({
      where: key,
      create: { ...key, ...data, installedAt: now },
      update: existing?.uninstalledAt ? { ...data, installedAt: now } : data,
    });
    const link = { teamsUserId: user.teamsUserId, aadObjectId: user.aadObjectId ?? person.aadObjectId };
    if (person.teamsUserId !== link.teamsUserId || person.aadObjectId !== link.aadObjectId) {
      if (who.kind === 'staff') await tx.staff.update({ where: { id: person.id }, data: link });
      else await tx.organisationMember.update({ where: { id: person.id }, data: link });
    }
    const installedNow = !existing || existing.uninstalledAt !== null;
    if (installedNow) {
      await recordAudit(tx, systemActor, {
        ...auditSubject(who),
        action: existing ? 'teams.reinstall' : 'teams.install',
        before: existing ? { uninstalledAt: existing.uninstalledAt } : undefined,
        after: { teamsUserId: link.teamsUserId, aadObjectId: link.aadObjectId },
      });
    }
    const released = installedNow ? await releaseWaitingMessages(tx, key, now) : 0;
    return { firstInstall: !existing, released };
  });
}

/** Messages held because the app was not installed go out now rather than at their next hourly look. */
async function releaseWaitingMessages(tx: Tx, to: { staffId: string } | { organisationMemberId: string }, now: Date): Promise<number> {
  const waiting = await tx.message.findMany({
    where: { ...to, channel: 'TEAMS', direction: 'OUTBOUND', status: 'QUEUED', notBefore: { gt: now } },
    select: { id: true, schoolId: true, staffId: true, organisationMemberId: true },
  });
  for (const m of waiting) {
    await tx.message.update({ where: { id: m.id }, data: { notBefore: now } });
    await planJob(tx, deliveryJob(m, now));
  }
  return waiting.length;
}

/** The user removed the app (or blocked the bot): nothing is sent until they install it again. */
export async function forgetAddress(prisma: PrismaClient, clock: Clock, who: Recipient, why: string): Promise<boolean> {
  const key = referenceKey(who);
  return transaction(prisma, async (tx) => {
    const ref = await tx.teamsConversationReference.findUnique({ where: key });
    if (!ref || ref.uninstalledAt) return false;
    await tx.teamsConversationReference.update({ where: key, data: { uninstalledAt: clock.now() } });
    await recordAudit(tx, systemActor, { ...auditSubject(who), action: 'teams.uninstall', after: { reason: why } });
    return true;
  });
}

/**
 * Which school's admins hear about a stranger: the school whose staff share the user's Entra
 * tenant; else, when the service runs for one school only (the usual deployment), that school.
 * With several schools and no tenant match nobody can be told safely, so the caller logs it.
 */
export async function schoolsToAlert(prisma: PrismaClient, user: TeamsUser): Promise<string[]> {
  if (user.tenantId) {
    const sameTenant = await prisma.teamsConversationReference.findMany({ where: { tenantId: user.tenantId }, select: { staff: { select: { schoolId: true } } }, distinct: ['staffId'] });
    const schools = [...new Set(sameTenant.flatMap((r) => (r.staff ? [r.staff.schoolId] : [])))];
    if (schools.length > 0) return schools;
  }
  const all = await prisma.school.findMany({ select: { id: true }, take: 2 });
  return all.length === 1 ? [all[0]!.id] : [];
}

const UNKNOWN_TEAMS_USER = 'staff.unknownTeamsUser';

/** The Entra or Teams id a `staff.unknownTeamsUser` notice is about, from its key (written below: the id may itself hold colons). */
export function strangerOfNotice(key: string | null): string | undefined {
  if (!key?.startsWith(`${UNKNOWN_TEAMS_USER}:`)) return undefined;
  const parts = key.slice(UNKNOWN_TEAMS_USER.length + 1).split(':');
  return parts.length >= 3 ? parts.slice(0, -2).join(':') : undefined;
}

/** Tells each school's admins, once a day per stranger, that someone without a staff record used the app. */
export async function alertAdminsOfStranger(prisma: PrismaClient, clock: Clock, user: TeamsUser): Promise<number> {
  const who = [user.name, user.email].filter(Boolean).join(', ') || 'someone';
  const schools = await schoolsToAlert(prisma, user);
  return transaction(prisma, async (tx) => {
    let told = 0;
    for (const schoolId of schools) {
      const school = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: { timezone: true } });
      const day = localDate(clock.now(), school.timezone);
      for (const adminId of await staffWithRole(tx, schoolId, 'ADMIN')) {
        await notifyStaff(tx, clock, {
          staffId: adminId,
          template: UNKNOWN_TEAMS_USER,
          text: `${who} opened the school engagement app in Teams but has no staff record. If they should use it, add them to the staff roster (with their school email) and ask them to write to the bot again.`,
          idempotencyKey: `${UNKNOWN_TEAMS_USER}:${user.aadObjectId ?? user.teamsUserId}:${adminId}:${day}`,
        });
        told += 1;
      }
    }
    return told;
  });
}
