import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../db/database';
import { startBotConnector, type BotConnector, type ConnectorMember } from '../support/botConnector';
import { startTestService, type RunningService } from '../support/testService';

/** Real Teams activity JSON (personal scope), as Teams posts it to /api/messages. */
export const TENANT = '72f988bf-0000-4000-8000-000000000001';
export const BOT = { id: '28:bot-app-id', name: 'School engagement' };

export function personal(connector: BotConnector, user: ConnectorMember) {
  const conversation = { id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: TENANT };
  const base = (extra: Record<string, unknown>) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    conversation,
    channelData: { tenant: { id: TENANT } },
    locale: 'en-GB',
    ...extra,
  });
  return {
    conversationId: conversation.id,
    install: () => base({ type: 'installationUpdate', action: 'add' }),
    uninstall: () => base({ type: 'installationUpdate', action: 'remove' }),
    botAdded: () => base({ type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] }),
    message: (text: string) => base({ type: 'message', text, textFormat: 'plain' }),
    cardAction: (verb: string, data: Record<string, unknown>) =>
      base({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } }),
  };
}

export async function post(baseUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
}

/** A small school: an admin, two key teachers, a subject teacher, pupils with parents. */
export async function seedSchool(prisma: PrismaClient) {
  const school = await prisma.school.create({ data: { name: 'Oakfield Primary', contactPhone: '+441632960000' } });
  const staff = async (displayName: string, email: string, roles: ('ADMIN' | 'KEY_TEACHER' | 'TEACHER' | 'SENCO')[], aadObjectId?: string, jobTitle?: string) =>
    prisma.staff.create({ data: { schoolId: school.id, displayName, email, roles, aadObjectId, jobTitle } });
  const admin = await staff('Pat Admin', 'pat.admin@oakfield.sch.uk', ['ADMIN']);
  const jones = await staff('Hannah Jones', 'hannah.jones@oakfield.sch.uk', ['KEY_TEACHER'], randomUUID(), 'Year 5 teacher');
  const khan = await staff('Imran Khan', 'imran.khan@oakfield.sch.uk', ['KEY_TEACHER']);
  const maths = await staff('Olu Maths', 'olu.maths@oakfield.sch.uk', ['TEACHER'], undefined, 'Maths lead');
  const pupil = async (firstName: string, lastName: string, keyTeacherId: string, misId: string) =>
    prisma.pupil.create({ data: { schoolId: school.id, misId, firstName, lastName, yearGroup: 5, senStatus: 'SEN_SUPPORT', primaryNeed: 'SPLD', keyTeacherId, onRegisterSince: new Date('2026-09-01'), attendanceNote: '94% this term' } });
  const amir = await pupil('Amir', 'Hussain', jones.id, 'A1');
  const amira = await pupil('Amira', 'Begum', jones.id, 'A2');
  const sara = await pupil('Sara', 'Nowak', jones.id, 'A3');
  const other = await pupil('Leo', 'Smith', khan.id, 'A4');
  const parent = await prisma.contact.create({ data: { schoolId: school.id, displayName: 'Samina Hussain', mobile: '+447700900123', smsConsent: true, smsConsentAt: new Date('2026-09-01'), smsConsentMethod: 'ADMISSION_FORM' } });
  await prisma.pupilContact.create({ data: { pupilId: amir.id, contactId: parent.id, relationship: 'MOTHER' } });
  const conversation = await prisma.structuredConversation.create({ data: { pupilId: amir.id, keyTeacherId: jones.id, kind: 'INITIAL', dueBy: new Date('2026-10-02'), status: 'BOOKED', scheduledAt: new Date('2026-09-09T15:30:00Z') } });
  return { school, admin, jones, khan, maths, amir, amira, sara, other, parent, conversation };
}

export type SeededSchool = Awaited<ReturnType<typeof seedSchool>>;

/** The service, a stand-in Bot Framework connector and the seeded school, as a test file's beforeAll starts them. */
export async function startTeamsSchool(): Promise<{ svc: RunningService; connector: BotConnector; school: SeededSchool }> {
  const svc = await startTestService();
  const connector = await startBotConnector();
  const school = await seedSchool(svc.ctx.prisma);
  return { svc, connector, school };
}

export async function stopTeamsSchool(svc: RunningService, connector: BotConnector): Promise<void> {
  await svc.close();
  await connector.close();
}

export function memberFor(staff: { displayName: string; email: string; aadObjectId: string | null }, teamsUserId: string): ConnectorMember {
  return { id: teamsUserId, name: staff.displayName, aadObjectId: staff.aadObjectId ?? randomUUID(), email: staff.email, userPrincipalName: staff.email, tenantId: TENANT };
}
