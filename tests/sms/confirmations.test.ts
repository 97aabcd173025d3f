import { confirmAgreedTargets } from '../../recording/confirmations';
import { outbox, seedFamily, startSmsService, type SmsService } from './smsSupport';
import { transaction } from '../../db/transaction';

describe('confirming the agreed targets to the parents (step 5 of the process information trail)', () => {
  let svc: SmsService;
  beforeAll(async () => {
    svc = await startSmsService();
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given a held conversation with three targets, Then each parent hears the areas in plain words in their language with the next review date, once', async () => {
    const prisma = svc.ctx.prisma;
    const f = await seedFamily(prisma, { parents: [{ name: 'Farah Khan' }, { name: 'Ioana Pop', language: 'ro' }] });
    const pupilId = f.pupils[0]!.id;
    const c = await prisma.structuredConversation.create({
      data: { pupilId, kind: 'INITIAL', status: 'HELD', dueBy: new Date('2026-09-30'), heldAt: new Date('2026-09-07T08:00:00Z'), recordState: 'FINAL', nextReviewBy: new Date('2027-01-15') },
    });
    for (const [area, description] of [
      ['ENGLISH', 'Use phonics cards to decode unfamiliar words in guided reading'],
      ['MATHS', 'Recall the 3, 4 and 8 times tables'],
      ['ATTENDANCE', 'Arrive by 8:45 every day with the breakfast club'],
    ] as const) {
      await prisma.target.create({ data: { pupilId, conversationId: c.id, area, description, reviewBy: new Date('2026-12-10') } });
    }
    const sent = await transaction(prisma, (tx) => confirmAgreedTargets(tx, svc.clock, c.id));
    expect(sent.queued).toHaveLength(2);
    const [english] = await outbox(svc, f.contacts[0]!.mobile);
    expect(english!.body).toBe(
      'Oakfield Primary: thank you for meeting us about Amir. Together we agreed to work on reading and writing, maths and coming to school every day. We will look at how it is going by Fri 15 Jan. Reply any time.',
    );
    const [romanian] = await outbox(svc, f.contacts[1]!.mobile);
    expect(romanian!.body).toContain('Împreună vom lucra la: citit-scris, matematică și prezența zilnică. Vom vedea cum merge până pe vin. 15 ian. Ne puteți');
    for (const m of [english!, romanian!]) expect(m.body).not.toMatch(/phonics|times tables|breakfast/);
    expect((await prisma.structuredConversation.findUniqueOrThrow({ where: { id: c.id } })).parentConfirmedAt).toEqual(svc.clock.now());

    await transaction(prisma, (tx) => confirmAgreedTargets(tx, svc.clock, c.id));
    expect((await outbox(svc)).filter((m) => m.template === 'targets.confirmed')).toHaveLength(2);
  });
});
