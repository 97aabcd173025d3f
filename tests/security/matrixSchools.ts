import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../db/database';
import type { StaffRole } from '../../generated/prisma/client';
import { presetOf } from '../../assessment/schemes';

/**
 * Two schools for the role matrix. At Oakfield: Hannah Jones is the key teacher of every pupil the
 * matrix asks about, Imran Khan is another key teacher there, and the SENCO, the head (school lead)
 * and the office admin see the whole school; Dee Parted was the SENCO and has left. Riverside's
 * admin and SENCO (both roles, the strongest there are) must never reach Oakfield.
 *
 * Above the schools: Oakfield belongs to Oak Trust and to Northshire Council (its local authority);
 * it left Ash Trust; Riverside belongs to Beech Trust. Tess Lead leads Oak Trust, Bea Other leads
 * Beech Trust, Ash Former leads Ash Trust, and Lou Officer is Northshire's officer. None of them
 * may read a pupil's record or change anything of Oakfield's; Oak Trust's lead and Northshire's
 * officer read Oakfield's figures.
 */
export const PRINCIPALS = [
  'anonymous', 'keyTeacher', 'otherKeyTeacher', 'senco', 'schoolLead', 'admin', 'formerStaff', 'otherSchool', 'apiKey',
  'trustLead', 'otherTrustLead', 'leftTrustLead', 'laOfficer',
] as const;
export type Who = (typeof PRINCIPALS)[number];
export type StaffWho = Exclude<Who, 'anonymous' | 'apiKey'>;
export const ORGANISATION_PRINCIPALS = ['trustLead', 'otherTrustLead', 'leftTrustLead', 'laOfficer'] as const satisfies readonly Who[];
export type OrganisationWho = (typeof ORGANISATION_PRINCIPALS)[number];

export interface MatrixStaff {
  id: string;
  email: string;
  displayName: string;
  aadObjectId: string;
}

export async function seedMatrixSchools(prisma: PrismaClient) {
  const organisation = (name: string, kind: 'TRUST' | 'LOCAL_AUTHORITY') =>
    // Oak Trust offers its schools a digest time they already use, so adopting it changes nothing the next cell finds.
    prisma.organisation.create({ data: { name, kind, ...(name === 'Oak Trust' ? { defaultSettings: { digestTime: '08:00' } } : {}) } });
  const organisations = {
    oakTrust: await organisation('Oak Trust', 'TRUST'),
    beechTrust: await organisation('Beech Trust', 'TRUST'),
    ashTrust: await organisation('Ash Trust', 'TRUST'),
    northshire: await organisation('Northshire Council', 'LOCAL_AUTHORITY'),
  };
  // Oakfield was one of Ash Trust's schools and moved to Oak Trust.
  const wasAtAsh = await prisma.school.create({
    data: {
      name: 'Oakfield Primary',
      contactPhone: '+441632960000',
      trustId: organisations.ashTrust.id,
      localAuthorityId: organisations.northshire.id,
      terms: { create: [{ name: 'Autumn 2026', startsOn: new Date('2026-09-01'), endsOn: new Date('2026-12-18') }] },
    },
  });
  const oakfield = await prisma.school.update({ where: { id: wasAtAsh.id }, data: { trustId: organisations.oakTrust.id } });
  const riverside = await prisma.school.create({ data: { name: 'Riverside Academy', contactPhone: '+441632960999', trustId: organisations.beechTrust.id } });
  const member = async (organisationId: string, displayName: string, email: string): Promise<MatrixStaff> =>
    prisma.organisationMember.create({ data: { organisationId, displayName, email, aadObjectId: randomUUID() }, select: { id: true, email: true, displayName: true, aadObjectId: true } }) as Promise<MatrixStaff>;
  const staff = async (schoolId: string, displayName: string, email: string, roles: StaffRole[], active = true): Promise<MatrixStaff> =>
    prisma.staff.create({
      data: { schoolId, displayName, email, roles, active, aadObjectId: randomUUID() },
      select: { id: true, email: true, displayName: true, aadObjectId: true },
    }) as Promise<MatrixStaff>;
  const people: Record<StaffWho, MatrixStaff> = {
    keyTeacher: await staff(oakfield.id, 'Hannah Jones', 'hannah.jones@oakfield.sch.uk', ['KEY_TEACHER']),
    otherKeyTeacher: await staff(oakfield.id, 'Imran Khan', 'imran.khan@oakfield.sch.uk', ['KEY_TEACHER']),
    senco: await staff(oakfield.id, 'Ruth Okafor', 'ruth.okafor@oakfield.sch.uk', ['SENCO']),
    schoolLead: await staff(oakfield.id, 'Daniel Hughes', 'daniel.hughes@oakfield.sch.uk', ['SCHOOL_LEAD']),
    admin: await staff(oakfield.id, 'Pat Admin', 'pat.admin@oakfield.sch.uk', ['ADMIN']),
    formerStaff: await staff(oakfield.id, 'Dee Parted', 'dee.parted@oakfield.sch.uk', ['SENCO', 'KEY_TEACHER'], false),
    otherSchool: await staff(riverside.id, 'Riv Admin', 'admin@riverside.sch.uk', ['ADMIN', 'SENCO', 'SCHOOL_LEAD']),
    trustLead: await member(organisations.oakTrust.id, 'Tess Lead', 'tess.lead@oaktrust.org.uk'),
    otherTrustLead: await member(organisations.beechTrust.id, 'Bea Other', 'bea.other@beechtrust.org.uk'),
    leftTrustLead: await member(organisations.ashTrust.id, 'Ash Former', 'ash.former@ashtrust.org.uk'),
    laOfficer: await member(organisations.northshire.id, 'Lou Officer', 'lou.officer@northshire.gov.uk'),
  };
  // Reading is assessed in age-related expectations, so a pupil's reading can be recorded.
  const { key: presetKey, ...rule } = presetOf('age-related')!;
  const scheme = await prisma.assessmentScheme.create({ data: { schoolId: oakfield.id, presetKey, ...rule } });
  await prisma.assessmentSubject.create({ data: { schoolId: oakfield.id, key: 'reading', name: 'Reading', schemeId: scheme.id } });
  /** Each organisation member's own organisation. */
  const organisationOf: Record<OrganisationWho, string> = {
    trustLead: organisations.oakTrust.id,
    otherTrustLead: organisations.beechTrust.id,
    leftTrustLead: organisations.ashTrust.id,
    laOfficer: organisations.northshire.id,
  };
  return { oakfield, riverside, people, scheme, organisations, organisationOf };
}

export type MatrixSchools = Awaited<ReturnType<typeof seedMatrixSchools>>;

let pupilNumber = 0;

/**
 * A fresh pupil of Hannah Jones for one cell of the matrix, so that what one principal is allowed to
 * do never changes what the next one finds: a parent who may be texted, a conversation to book, an
 * agreed target, a reply from the parent with a picture, a text to them, and a second pupil with no conversation yet.
 */
export async function freshPupil(prisma: PrismaClient, s: MatrixSchools) {
  const n = (pupilNumber += 1);
  const schoolId = s.oakfield.id;
  const keyTeacherId = s.people.keyTeacher.id;
  const makePupil = (lastName: string, misId: string) =>
    prisma.pupil.create({
      data: { schoolId, misId, firstName: 'Matrix', lastName, yearGroup: 5, senStatus: 'SEN_SUPPORT', primaryNeed: 'SPLD', keyTeacherId, onRegisterSince: new Date('2026-09-01') },
    });
  const pupil = await makePupil(`Cell${n}`, `M${n}`);
  const unbooked = await makePupil(`Unbooked${n}`, `U${n}`);
  const mobile = `+4477009${String(n).padStart(5, '0')}`;
  const contact = await prisma.contact.create({
    data: { schoolId, displayName: `Parent Cell${n}`, mobile, smsConsent: true, smsConsentAt: new Date('2026-09-01'), smsConsentMethod: 'ADMISSION_FORM' },
  });
  await prisma.pupilContact.create({ data: { pupilId: pupil.id, contactId: contact.id, relationship: 'MOTHER' } });
  const conversation = await prisma.structuredConversation.create({ data: { pupilId: pupil.id, keyTeacherId, kind: 'INITIAL', dueBy: new Date('2026-10-02') } });
  const target = await prisma.target.create({
    data: { pupilId: pupil.id, conversationId: conversation.id, area: 'ENGLISH', description: 'Read a short passage aloud each week', reviewBy: new Date('2026-10-23') },
  });
  const reply = await prisma.message.create({
    data: { schoolId, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', body: 'Can we talk about reading?', contactId: contact.id, pupilId: pupil.id, fromAddress: mobile },
  });
  await prisma.message.create({
    data: { schoolId, channel: 'SMS', direction: 'OUTBOUND', status: 'DELIVERED', template: 'reply.received', body: 'Thank you, we will reply soon.', contactId: contact.id, pupilId: pupil.id, toAddress: mobile },
  });
  // The parent photographed a letter: the picture, fetched and kept, as the media job leaves it.
  const picture = await prisma.messageMedia.create({
    data: { messageId: reply.id, position: 0, declaredType: 'image/jpeg', contentType: 'image/jpeg', data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), size: 10, status: 'STORED' },
  });
  return { n, pupil, unbooked, contact, conversation, target, reply, picture };
}

export type FreshPupil = Awaited<ReturnType<typeof freshPupil>>;

/** What a refused request must leave behind: no audit event and no text to the parent about this pupil. */
export async function tracesOf(prisma: PrismaClient, w: FreshPupil): Promise<{ auditEvents: number; textsQueued: number }> {
  const ids = [w.pupil.id, w.unbooked.id, w.contact.id, w.conversation.id, w.target.id, w.reply.id];
  const [auditEvents, textsQueued] = await Promise.all([
    prisma.auditEvent.count({ where: { entityId: { in: ids } } }),
    prisma.message.count({ where: { contactId: w.contact.id, direction: 'OUTBOUND', template: { not: 'reply.received' } } }),
  ]);
  return { auditEvents, textsQueued };
}
