import type { PrismaClient } from '../../db/database';
import { newSid, postSigned, runJobs, seedFamily, startSmsService, text, TWILIO_NUMBER, type SmsService } from './smsSupport';

/**
 * One rule for every text the product sends (messaging/textRule.ts), over HTTP: each kind of
 * answer a parent's text (or a teacher's answer) brings, to a parent in each state. HELP and the
 * STOP confirmation answer the number that asked without consent; nothing else does, and nothing
 * naming a child goes to a contact without parental responsibility for that child.
 */
type State = 'consent' | 'no consent' | 'opted out' | 'no parental responsibility';
const STATES: State[] = ['consent', 'no consent', 'opted out', 'no parental responsibility'];

interface Cell {
  prisma: PrismaClient;
  svc: SmsService;
  from: string;
  contactId: string;
  pupilIds: string[];
}

async function parentIn(svc: SmsService, state: State, children = 1): Promise<Cell> {
  const prisma = svc.ctx.prisma;
  const f = await seedFamily(prisma, {
    children: [{ firstName: 'Amir', lastName: 'Khan' }, { firstName: 'Sara', lastName: 'Khan' }].slice(0, children),
    parents: [{ name: 'Farah Khan', consent: state !== 'no consent' }],
  });
  const contactId = f.contacts[0]!.id;
  if (state === 'opted out') await prisma.contact.update({ where: { id: contactId }, data: { optedOutAt: new Date('2026-09-01') } });
  if (state === 'no parental responsibility') await prisma.pupilContact.updateMany({ where: { contactId }, data: { parentalResponsibility: false } });
  return { prisma, svc, from: f.contacts[0]!.mobile, contactId, pupilIds: f.pupils.map((p) => p.id) };
}

/** What the parent is sent, queued and then through the sender (which asks the rule again). */
async function sentTo(c: Cell): Promise<string[]> {
  await runJobs(c.svc);
  const rows = await c.prisma.message.findMany({ where: { direction: 'OUTBOUND', channel: 'SMS', toAddress: c.from, status: { not: 'SUPPRESSED' } }, orderBy: { createdAt: 'asc' } });
  return rows.map((m) => m.template ?? 'free text');
}

// prettier-ignore
const ANSWERS: [string, (c: Cell) => Promise<unknown>, Record<State, string[]>, number?][] = [
  //                                                                           consent                 no consent            opted out             no parental responsibility
  ['HELP',                              (c) => text(c.svc, c.from, 'HELP'),       { consent: ['help'],    'no consent': ['help'], 'opted out': [], 'no parental responsibility': ['help'] }],
  ['STOP',                              (c) => text(c.svc, c.from, 'STOP'),       { consent: ['stop.confirmed'], 'no consent': ['stop.confirmed'], 'opted out': [], 'no parental responsibility': ['stop.confirmed'] }],
  ['START (it gives consent)',          (c) => text(c.svc, c.from, 'START'),      { consent: [],          'no consent': ['start.confirmed'], 'opted out': ['start.confirmed'], 'no parental responsibility': [] }],
  ['UPDATES',                           (c) => text(c.svc, c.from, 'UPDATES'),    { consent: ['updates.current'], 'no consent': [], 'opted out': [], 'no parental responsibility': ['updates.current'] }],
  ['UPDATES 2',                         (c) => text(c.svc, c.from, 'UPDATES 2'),  { consent: ['updates.changed'], 'no consent': [], 'opted out': [], 'no parental responsibility': ['updates.changed'] }],
  ['UPDATES 9',                         (c) => text(c.svc, c.from, 'UPDATES 9'),  { consent: ['updates.invalid'], 'no consent': [], 'opted out': [], 'no parental responsibility': ['updates.invalid'] }],
  ["the parent's own words",            (c) => text(c.svc, c.from, 'He loved the trip'), { consent: ['reply.received'], 'no consent': [], 'opted out': [], 'no parental responsibility': [] }],
  ["the words of a parent of two",      (c) => text(c.svc, c.from, 'The bus was late'),  { consent: ['which.child'], 'no consent': [], 'opted out': [], 'no parental responsibility': [] }, 2],
  ['CHANGE to a booked meeting',        async (c) => {
    await c.prisma.structuredConversation.create({ data: { pupilId: c.pupilIds[0]!, kind: 'INITIAL', status: 'BOOKED', dueBy: new Date('2026-10-01'), scheduledAt: new Date('2026-09-15T14:30:00Z') } });
    await text(c.svc, c.from, 'CHANGE');
  },                                                                             { consent: ['booking.changeAck'], 'no consent': [], 'opted out': [], 'no parental responsibility': [] }],
  ["a teacher's note on handling it",   async (c) => {
    const reply = await c.prisma.message.create({ data: { schoolId: (await c.prisma.contact.findUniqueOrThrow({ where: { id: c.contactId } })).schoolId, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', body: 'Can we talk?', contactId: c.contactId, pupilId: c.pupilIds[0]!, fromAddress: c.from } });
    await c.svc.api(`/api/parent-replies/${reply.id}/handled`, { method: 'POST', body: JSON.stringify({ note: 'We moved his seat.' }) });
  },                                                                             { consent: ['reply.actioned'], 'no consent': [], 'opted out': [], 'no parental responsibility': [] }],
];

describe('every answer the product sends, held to one rule', () => {
  let svc: SmsService;
  beforeAll(async () => {
    svc = await startSmsService();
  });
  afterAll(async () => {
    await svc.close();
  });

  it.each(ANSWERS.map(([name, act, expected, children]) => [name, act, expected, children ?? 1] as const))('%s', async (_, act, expected, children) => {
    const actual: Record<string, string[]> = {};
    for (const state of STATES) {
      const c = await parentIn(svc, state, children);
      await act(c);
      actual[state] = await sentTo(c);
    }
    expect(actual).toEqual(expected);
  });

  it('Given a number no school knows, Then it gets the one answer that names no school or child, with no consent to give', async () => {
    const from = '+447700900988';
    svc.clock.advance(1000);
    await postSigned(svc, '/sms/inbound', { MessageSid: newSid(), From: from, To: TWILIO_NUMBER, Body: 'hello', NumMedia: '0' });
    await runJobs(svc);
    const rows = await svc.ctx.prisma.message.findMany({ where: { direction: 'OUTBOUND', toAddress: from } });
    expect(rows.map((m) => [m.template, m.status])).toEqual([['unknown.number', 'SENT']]);
  });
});
