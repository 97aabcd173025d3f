import { recordAudit } from '../../audit/audit';
import type { PrismaClient } from '../../db/database';
import type { Relationship } from '../../generated/prisma/client';

/**
 * Pupils with a whole SEN record and parents who text, written straight to the database, for the
 * retention, erasure and subject access scenarios. Every word written about a pupil carries their
 * first name, and every parent's text their own name, so a test can look for any of it anywhere.
 */
const importer = { kind: 'API_KEY' as const, label: 'register import' };

export async function schoolWithStaff(db: PrismaClient, name: string, domain: string) {
  const school = await db.school.create({ data: { name } });
  const staff = (displayName: string, email: string, roles: ('SENCO' | 'KEY_TEACHER' | 'ADMIN')[]) =>
    db.staff.create({ data: { schoolId: school.id, displayName, email: `${email}@${domain}`, roles } });
  return { schoolId: school.id, senco: await staff('Ruth Senco', 'senco', ['SENCO']), keyTeacher: await staff('Tom Fletcher', 'fletcher', ['KEY_TEACHER']) };
}

export interface SeededPupil {
  id: string;
  misId: string;
  conversationId: string;
  targetId: string;
  /** Everything written about the pupil (their surname aside: a brother or sister shares it). */
  words: string[];
}

export async function pupilWithRecord(
  db: PrismaClient,
  at: { schoolId: string; keyTeacherId: string },
  p: { misId: string; firstName: string; lastName: string; yearGroup: number; leftAt?: Date },
): Promise<SeededPupil> {
  const f = p.firstName;
  const pupil = await db.pupil.create({
    data: { schoolId: at.schoolId, misId: p.misId, firstName: f, lastName: p.lastName, yearGroup: p.yearGroup, senStatus: 'SEN_SUPPORT', primaryNeed: 'SLCN', keyTeacherId: at.keyTeacherId, onRegisterSince: new Date('2024-09-10'), attendanceNote: `${f} 94% this term`, archivedAt: p.leftAt ?? null },
  });
  await db.senStatusChange.create({ data: { pupilId: pupil.id, senStatus: 'SEN_SUPPORT', primaryNeed: 'SLCN', effectiveOn: new Date('2024-09-10') } });
  await recordAudit(db, importer, { schoolId: at.schoolId, action: 'pupil.create', entityType: 'Pupil', entityId: pupil.id, after: { firstName: f, lastName: p.lastName, misId: p.misId } });
  const conversation = await db.structuredConversation.create({
    data: {
      pupilId: pupil.id,
      keyTeacherId: at.keyTeacherId,
      kind: 'INITIAL',
      status: 'HELD',
      dueBy: new Date('2024-10-04'),
      heldAt: new Date('2024-10-01T15:30:00Z'),
      recordState: 'FINAL',
      location: `${f}'s classroom`,
      exploreStrengths: `${f} builds Lego for hours`,
      exploreBarriers: `${f} freezes when asked to read aloud`,
      exploreAspirations: `${f} wants to be a vet`,
      focusNotes: `${f}'s reading confidence`,
      planNotes: `${f} reads to his brother at home`,
      reviewNotes: `${f} read in assembly`,
      attendees: [{ name: `${f}'s mum`, role: 'parent' }],
      pupilInvolvement: 'TOOK_PART_IN_PART',
      pupilInvolvementNote: `${f} joined for ten minutes`,
    },
  });
  await recordAudit(db, { kind: 'STAFF', id: at.keyTeacherId, label: 'Tom Fletcher' }, { schoolId: at.schoolId, action: 'conversation.record', entityType: 'StructuredConversation', entityId: conversation.id, after: { focusNotes: `${f}'s reading confidence` } });
  await db.pupilView.create({ data: { pupilId: pupil.id, conversationId: conversation.id, goodAt: `${f} is good at drawing`, findHard: `${f} finds spelling hard`, helpsMe: `${f} likes a quiet corner`, wantToGetBetterAt: `${f} wants to read chapter books` } });
  const target = await db.target.create({
    data: { pupilId: pupil.id, conversationId: conversation.id, area: 'ENGLISH', description: `${f} reads a page aloud to an adult`, successLooksLike: `${f} reads without stopping`, schoolActions: `${f} gets daily reading`, homeActions: `${f} reads at bedtime`, reviewBy: new Date('2024-12-13'), status: 'ACHIEVED' },
  });
  await db.progressEntry.create({ data: { targetId: target.id, pupilId: pupil.id, status: 'ACHIEVED', note: `${f} read to the class` } });
  return {
    id: pupil.id,
    misId: p.misId,
    conversationId: conversation.id,
    targetId: target.id,
    words: [f, p.misId, `${f} builds Lego`, `${f} freezes`, `${f} wants to be a vet`, `${f}'s reading`, `${f} is good at drawing`, `${f} reads a page aloud`, `${f} read to the class`, `${f} 94%`, `${f}'s classroom`, `${f}'s mum`, `${f} joined`],
  };
}

export async function parent(db: PrismaClient, schoolId: string, name: string, mobile: string, children: { pupilId: string; relationship: Relationship }[]) {
  const contact = await db.contact.create({ data: { schoolId, displayName: name, mobile, smsConsent: true, smsConsentAt: new Date('2024-09-10'), smsConsentMethod: 'ROSTER_IMPORT' } });
  for (const c of children) {
    await db.pupilContact.create({ data: { pupilId: c.pupilId, contactId: contact.id, relationship: c.relationship } });
    await recordAudit(db, importer, { schoolId, action: 'pupilContact.create', entityType: 'PupilContact', entityId: `${c.pupilId}:${contact.id}`, after: { relationship: c.relationship } });
  }
  await recordAudit(db, importer, { schoolId, action: 'contact.create', entityType: 'Contact', entityId: contact.id, after: { displayName: name, mobile } });
  return contact;
}

/** A text to or from a parent; `pupilId` null when the parent did not say which child. */
export function smsText(db: PrismaClient, m: { schoolId: string; contactId: string; mobile: string; pupilId: string | null; direction: 'INBOUND' | 'OUTBOUND'; body: string; at: Date }) {
  const inbound = m.direction === 'INBOUND';
  return db.message.create({
    data: {
      schoolId: m.schoolId,
      channel: 'SMS',
      direction: m.direction,
      status: inbound ? 'RECEIVED' : 'DELIVERED',
      body: m.body,
      contactId: m.contactId,
      pupilId: m.pupilId,
      fromAddress: inbound ? m.mobile : '+447700900000',
      toAddress: inbound ? '+447700900000' : m.mobile,
      createdAt: m.at,
    },
  });
}

/** Every row that could hold a word about someone, as one string to search. */
export async function everythingStored(db: PrismaClient): Promise<string> {
  const tables = await Promise.all([
    db.pupil.findMany(),
    db.senStatusChange.findMany(),
    db.contact.findMany(),
    db.structuredConversation.findMany(),
    db.pupilView.findMany(),
    db.target.findMany(),
    db.progressEntry.findMany(),
    db.message.findMany(),
    db.awaitedReply.findMany(),
    db.auditEvent.findMany(),
  ]);
  return JSON.stringify(tables);
}
