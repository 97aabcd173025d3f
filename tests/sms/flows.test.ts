import { outbox, seedFamily, startSmsService, staffNotices, text, type SmsService } from './smsSupport';

/**
 * Multi-turn exchanges written as data: what the parent texts, then the texts the outbox holds
 * for them afterwards (newest last) and what reaches the key teacher. One driver runs them all.
 */
interface Turn {
  parent: string;
  /** Templates queued to the parent by this turn. */
  replies: string[];
  /** Notices queued to the key teacher by this turn. */
  teacher?: string[];
  /** The child whose record this turn's text was filed under. */
  about?: string;
  /** The parent's own rhythm of progress updates after this turn (null = the school's). */
  rhythm?: number | null;
  /** This turn changed the rhythm: one audit event, with the parent as the actor. */
  audited?: boolean;
}

interface Flow {
  name: string;
  children?: string[];
  language?: 'en' | 'pl' | 'ur' | 'ro';
  /** Slots offered before the first turn (one conversation for the first child). */
  offer?: string[];
  turns: Turn[];
}

const SLOTS = ['2026-09-15T14:30:00Z', '2026-09-16T15:00:00Z'];

const FLOWS: Flow[] = [
  { name: 'a thank-you is passed on and acknowledged', turns: [{ parent: 'Thank you for today', replies: ['reply.received'], teacher: ['parent.reply'] }] },
  { name: 'HELP then STOP then a message then START', turns: [
    { parent: 'HELP', replies: ['help'] },
    { parent: 'STOP', replies: ['stop.confirmed'], teacher: ['contact.unreachable'] },
    { parent: 'Why did you stop?', replies: [], teacher: ['parent.reply'] },
    { parent: 'START', replies: ['start.confirmed'] },
  ] },
  { name: 'a wrong number, then a valid one, then a late one', offer: SLOTS, turns: [
    { parent: '5', replies: ['booking.invalidChoice'] },
    { parent: '1', replies: ['booking.confirmed'], teacher: ['booking.confirmed'] },
    { parent: '2', replies: ['booking.alreadyBooked'] },
  ] },
  { name: 'none of the times, in Urdu digits', language: 'ur', offer: SLOTS, turns: [{ parent: '۰', replies: ['booking.declinedAck'], teacher: ['booking.declined'] }] },
  { name: 'a booking changed by the parent', offer: SLOTS, turns: [
    { parent: '2', replies: ['booking.confirmed'], teacher: ['booking.confirmed'] },
    { parent: 'change', replies: ['booking.changeAck'], teacher: ['booking.cancelledByParent'] },
  ] },
  { name: 'two children: which child, then the answer', children: ['Amir', 'Sara'], turns: [
    { parent: 'Who has the PE kit?', replies: ['which.child'] },
    { parent: '1', replies: ['reply.received'], teacher: ['parent.reply'] },
  ] },
  { name: 'two children, one named: no need to ask', children: ['Zara', 'Sam'], turns: [
    { parent: 'Zara loved the trip', replies: ['reply.received'], teacher: ['parent.reply'], about: 'Zara' },
    { parent: 'sam says THANK YOU', replies: ['reply.received'], teacher: ['parent.reply'], about: 'Sam' },
  ] },
  { name: 'two children, named without the accent, or as part of a longer name', children: ['Zoë', 'Sam'], turns: [
    { parent: 'zoe was so happy today', replies: ['reply.received'], teacher: ['parent.reply'], about: 'Zoë' },
    { parent: 'Samantha from next door says hello', replies: ['which.child'] },
  ] },
  { name: 'two children, both named: which child', children: ['Zara', 'Sam'], turns: [
    { parent: 'Zara and Sam loved the trip', replies: ['which.child'] },
    { parent: '2', replies: ['reply.received'], teacher: ['parent.reply'], about: 'Zara' },
  ] },
  { name: 'the parent chooses how often they hear about progress, within the limits, then goes back to the school\'s rhythm', turns: [
    { parent: 'updates 2', replies: ['updates.changed'], rhythm: 2, audited: true },
    { parent: 'UPDATES 9', replies: ['updates.invalid'], rhythm: 2 },
    { parent: 'Updates', replies: ['updates.current'], rhythm: 2 },
    { parent: 'UPDATES DEFAULT', replies: ['updates.changed'], rhythm: null, audited: true },
  ] },
  { name: 'a Polish parent sets the rhythm in Polish', language: 'pl', turns: [{ parent: 'aktualizacje 3', replies: ['updates.changed'], rhythm: 3, audited: true }] },
  { name: 'an Urdu parent sets the rhythm in Urdu digits', language: 'ur', turns: [{ parent: 'اپڈیٹ ۴', replies: ['updates.changed'], rhythm: 4, audited: true }] },
  { name: 'a Romanian parent asks, then goes back to the school\'s rhythm', language: 'ro', turns: [
    { parent: 'ACTUALIZĂRI', replies: ['updates.current'], rhythm: null },
    { parent: 'actualizari implicit', replies: ['updates.changed'], rhythm: null, audited: true },
  ] },
  { name: 'a Polish "nie" with nothing asked is the parent\'s voice, not an opt-out', language: 'pl', turns: [{ parent: 'Nie', replies: ['reply.received'], teacher: ['parent.reply'] }] },
];

describe('SMS exchanges, as a table', () => {
  let svc: SmsService;
  beforeAll(async () => {
    svc = await startSmsService();
  });
  afterAll(async () => {
    await svc.close();
  });

  it.each(FLOWS.map((f) => [f.name, f] as const))('%s', async (_name, flow) => {
    svc.clock.set(new Date('2026-09-07T09:00:00Z'));
    const f = await seedFamily(svc.ctx.prisma, {
      children: (flow.children ?? ['Amir']).map((firstName) => ({ firstName, lastName: 'Khan' })),
      parents: [{ name: 'Farah Khan', language: flow.language }],
    });
    const from = f.contacts[0]!.mobile;
    if (flow.offer) {
      const c = await (await svc.api('/api/conversations', { method: 'POST', body: JSON.stringify({ pupilId: f.pupils[0]!.id }) })).json();
      await svc.api(`/api/conversations/${c.id}/offers`, { method: 'POST', body: JSON.stringify({ slots: flow.offer }) });
    }
    let seenParent = (await outbox(svc, from)).length;
    let seenTeacher = 0;
    let seenAudits = 0;
    const contact = f.contacts[0]!;
    for (const turn of flow.turns) {
      expect((await text(svc, from, turn.parent)).status).toBe(200);
      const toParent = (await outbox(svc, from)).reverse();
      expect([turn.parent, toParent.slice(seenParent).map((m) => m.template)]).toEqual([turn.parent, turn.replies]);
      for (const m of toParent.slice(seenParent)) expect(m.language).toBe(flow.language ?? 'en');
      seenParent = toParent.length;
      const notices = await staffNotices(svc.ctx.prisma, f.keyTeacherId);
      expect([turn.parent, notices.slice(seenTeacher).map((n) => n.template)]).toEqual([turn.parent, turn.teacher ?? []]);
      seenTeacher = notices.length;
      const audits = await svc.ctx.prisma.auditEvent.findMany({ where: { entityId: contact.id, action: 'contact.progressRhythm' }, orderBy: { at: 'asc' } });
      const added = audits.slice(seenAudits).map((a) => ({ actorKind: a.actorKind, actorId: a.actorId, after: a.after }));
      expect([turn.parent, added]).toEqual([turn.parent, turn.audited ? [{ actorKind: 'PARENT', actorId: contact.id, after: { updateEveryWeeks: turn.rhythm } }] : []]);
      seenAudits = audits.length;
      if (turn.rhythm !== undefined) {
        const { updateEveryWeeks } = await svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: contact.id } });
        expect([turn.parent, updateEveryWeeks]).toEqual([turn.parent, turn.rhythm]);
      }
      if (turn.about) {
        const sent = await svc.ctx.prisma.message.findFirstOrThrow({ where: { direction: 'INBOUND', fromAddress: from, body: turn.parent } });
        expect([turn.parent, f.pupils.find((p) => p.id === sent.pupilId)?.firstName]).toEqual([turn.parent, turn.about]);
      }
    }
  });
});
