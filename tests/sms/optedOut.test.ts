import { transaction, type Tx } from '../../db/transaction';
import { askConfidence, messageParentsOf } from '../../messaging/parentMessages';
import { confirmAgreedTargets } from '../../recording/confirmations';
import { outbox, runJobs, seedFamily, startSmsService, text, type SmsService } from './smsSupport';

/** STOP means nothing else, ever, until START: checked at the sender, whatever path a message takes. */
describe('a parent who texted STOP', () => {
  let svc: SmsService;
  beforeAll(async () => {
    svc = await startSmsService();
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given messages on every path before and after STOP, Then only the STOP confirmation ever leaves for them, while the other parent still hears', async () => {
    const prisma = svc.ctx.prisma;
    const f = await seedFamily(prisma, { parents: [{ name: 'Farah Khan' }, { name: 'Imran Khan' }] });
    const [stopped, other] = f.contacts as [(typeof f.contacts)[number], (typeof f.contacts)[number]];
    const pupilId = f.pupils[0]!.id;
    const tx = <T>(fn: (t: Tx) => Promise<T>) => transaction(prisma, fn);

    // Queued before STOP, waiting for the morning (21:00 in London): the sender must still refuse it.
    svc.clock.set(new Date('2026-09-07T20:00:00Z'));
    await tx((t) => messageParentsOf(t, svc.clock, { pupilId, template: 'progress.update', params: { achieved: [], workingOn: ['MATHS'] } }));
    svc.clock.set(new Date('2026-09-08T09:00:00Z'));
    const conversation = (await (await svc.api('/api/conversations', { method: 'POST', body: JSON.stringify({ pupilId, kind: 'INITIAL' }) })).json()) as { id: string };
    await svc.api(`/api/conversations/${conversation.id}/offers`, { method: 'POST', body: JSON.stringify({ slots: ['2026-09-15T14:30:00Z', '2026-09-16T14:30:00Z'] }) });

    await text(svc, stopped.mobile, 'STOP');

    // Every path after STOP.
    await text(svc, other.mobile, '1'); // booking confirmed; the other parent is told "taken"
    await text(svc, stopped.mobile, 'Is the meeting still on?'); // their own voice: stored, passed on, no answer
    await text(svc, stopped.mobile, 'HELP');
    await text(svc, stopped.mobile, '2'); // a late booking answer
    await svc.api(`/api/conversations/${conversation.id}/reschedule`, { method: 'POST', body: JSON.stringify({ at: '2026-09-17T14:30:00Z' }) });
    await tx((t) => messageParentsOf(t, svc.clock, { pupilId, template: 'teacher.message', params: { text: 'Lovely painting today' } }));
    await tx((t) => messageParentsOf(t, svc.clock, { pupilId, template: 'progress.update', params: { achieved: ['MATHS'], workingOn: [] } }));
    const reply = await prisma.message.findFirstOrThrow({ where: { direction: 'INBOUND', contactId: stopped.id, body: 'Is the meeting still on?' } });
    await svc.api(`/api/parent-replies/${reply.id}/handled`, { method: 'POST', body: JSON.stringify({ note: 'Yes, it is still on.' }) });
    await runJobs(svc);
    svc.clock.set(new Date('2026-09-16T15:00:00Z')); // the day-before reminder
    await runJobs(svc);
    await prisma.structuredConversation.update({ where: { id: conversation.id }, data: { status: 'HELD', heldAt: new Date('2026-09-17T14:30:00Z') } });
    await prisma.target.create({ data: { pupilId, conversationId: conversation.id, area: 'ENGLISH', description: 'Read aloud for ten minutes a day', reviewBy: new Date('2026-12-01') } });
    svc.clock.set(new Date('2026-09-18T09:00:00Z'));
    const confirmed = await tx((t) => confirmAgreedTargets(t, svc.clock, conversation.id));
    const asked = await tx((t) => askConfidence(t, svc.clock, { pupilId, conversationId: conversation.id }));
    await runJobs(svc);

    expect(confirmed.suppressed).toEqual([stopped.id]);
    expect(asked.suppressed).toEqual([stopped.id]);
    const toStopped = await prisma.message.findMany({ where: { direction: 'OUTBOUND', OR: [{ contactId: stopped.id }, { toAddress: stopped.mobile }] } });
    const left = toStopped.filter((m) => ['SENT', 'DELIVERED', 'SENDING'].includes(m.status));
    expect(left.map((m) => m.template)).toEqual(['stop.confirmed']);
    expect(toStopped.filter((m) => m.status !== 'SUPPRESSED' && m.template !== 'stop.confirmed')).toEqual([]);
    // What was queued before STOP is suppressed by the sender; what came after (HELP included) is never queued (messaging/textRule.ts).
    expect(toStopped.filter((m) => m.status === 'SUPPRESSED').map((m) => m.template).sort()).toEqual(['booking.offer', 'progress.update']);

    const heard = (await outbox(svc, other.mobile)).filter((m) => m.status === 'SENT').map((m) => m.template).sort();
    expect(heard).toEqual(
      ['booking.offer', 'booking.confirmed', 'booking.moved', 'booking.reminder', 'confidence.check', 'progress.update', 'progress.update', 'targets.confirmed', 'teacher.message'].sort(),
    );

    // START opens the door again.
    await text(svc, stopped.mobile, 'START');
    await tx((t) => messageParentsOf(t, svc.clock, { pupilId, template: 'progress.update', params: { achieved: [], workingOn: ['ENGLISH'] } }));
    await runJobs(svc);
    expect((await outbox(svc, stopped.mobile)).filter((m) => m.status === 'SENT').map((m) => m.template)).toEqual(['progress.update', 'start.confirmed', 'stop.confirmed']);
  });
});
