import { outbox, runJobs, seedFamily, staffNotices, startSmsService, text, type Family, type SmsService } from '../sms/smsSupport';

const SLOTS = ['2026-09-15T14:30:00Z', '2026-09-16T15:00:00Z', '2026-09-17T07:30:00Z'];

/** Booking a structured conversation end to end: REST for the teacher, SMS for the parents, real PostgreSQL, the local outbox. */
describe('booking a structured conversation by SMS', () => {
  let svc: SmsService;
  beforeAll(async () => {
    svc = await startSmsService();
  });
  afterAll(async () => {
    await svc.close();
  });
  beforeEach(() => svc.clock.set(new Date('2026-09-07T09:00:00Z')));

  const prisma = () => svc.ctx.prisma;
  const conversationFor = async (f: Family, pupil = 0) =>
    (await (await svc.api('/api/conversations', { method: 'POST', body: JSON.stringify({ pupilId: f.pupils[pupil]!.id, kind: 'INITIAL' }) })).json()) as { id: string };
  const offer = (id: string, slots = SLOTS) => svc.api(`/api/conversations/${id}/offers`, { method: 'POST', body: JSON.stringify({ slots }) });
  const conversation = (id: string) => prisma().structuredConversation.findUniqueOrThrow({ where: { id } });
  const templatesTo = async (to: string) => (await outbox(svc, to)).map((m) => m.template).reverse();
  const reminderJobs = (id: string) => prisma().job.findMany({ where: { subjectId: id, kind: 'booking-reminder' }, orderBy: { createdAt: 'asc' } });

  it('Given two parents, one Polish-speaking, When the teacher offers three times, Then each gets one text in their language and the first valid choice books it', async () => {
    const f = await seedFamily(prisma(), { parents: [{ name: 'Farah Khan' }, { name: 'Anna Nowak', language: 'pl' }] });
    const [mum, dad] = f.contacts as [Family['contacts'][number], Family['contacts'][number]];
    const c = await conversationFor(f);
    expect((await offer(c.id)).status).toBe(201);
    expect((await conversation(c.id)).status).toBe('OFFERED');
    const [toMum] = await outbox(svc, mum.mobile);
    expect(toMum!.body).toBe("Oakfield Primary: please choose a time to meet Amir's teacher. Reply 1 for Tue 15 Sept 3:30pm, 2 for Wed 16 Sept 4:00pm, 3 for Thu 17 Sept 8:30am, or 0 for another time.");
    const [toDad] = await outbox(svc, dad.mobile);
    expect(toDad).toMatchObject({ template: 'booking.offer', language: 'pl' });
    expect(toDad!.body).toContain('Prosimy wybrać: 1 wt. 15 wrz 15:30');

    await text(svc, mum.mobile, '7');
    expect((await outbox(svc, mum.mobile))[0]!.body).toBe('Oakfield Primary: sorry, we did not understand. Please reply with a number from 1 to 3, or 0 for another time.');
    expect((await conversation(c.id)).status).toBe('OFFERED');

    await text(svc, mum.mobile, '2');
    const booked = await conversation(c.id);
    expect(booked).toMatchObject({ status: 'BOOKED', scheduledAt: new Date(SLOTS[1]!) });
    expect((await outbox(svc, mum.mobile))[0]!.body).toBe('Oakfield Primary: thank you. Your meeting about Amir is booked for Wed 16 Sept 4:00pm. To change it, reply CHANGE.');
    expect(await templatesTo(dad.mobile)).toEqual(['booking.offer', 'booking.takenByOther']);
    const offers = await prisma().bookingOffer.findMany({ where: { conversationId: c.id }, include: { slots: true } });
    expect(offers.find((o) => o.contactId === mum.id)).toMatchObject({ status: 'ACCEPTED' });
    expect(offers.find((o) => o.contactId === dad.id)).toMatchObject({ status: 'WITHDRAWN' });
    expect(offers.flatMap((o) => o.slots).filter((s) => s.chosen)).toHaveLength(1);
    expect((await staffNotices(prisma(), f.keyTeacherId)).map((n) => n.template)).toEqual(['booking.confirmed']);
    expect(await prisma().auditEvent.count({ where: { entityId: c.id, action: 'booking.choose', actorKind: 'PARENT', actorId: mum.id } })).toBe(1);

    // Dad answers late: he is told it is already booked, and nothing changes.
    await text(svc, dad.mobile, '1');
    expect((await outbox(svc, dad.mobile))[0]!.template).toBe('booking.alreadyBooked');
    expect((await conversation(c.id)).scheduledAt).toEqual(new Date(SLOTS[1]!));

    // The reminder goes the day before at 16:00 school time, once.
    const [reminder] = await reminderJobs(c.id);
    expect(reminder).toMatchObject({ status: 'PENDING', runAt: new Date('2026-09-15T15:00:00Z') });
    svc.clock.set(new Date('2026-09-15T15:00:00Z'));
    await runJobs(svc);
    await runJobs(svc);
    const reminders = (await outbox(svc)).filter((m) => m.template === 'booking.reminder' && m.pupilId === f.pupils[0]!.id);
    expect(reminders.map((m) => [m.to, m.status]).sort()).toEqual([[mum.mobile, 'SENT'], [dad.mobile, 'SENT']].sort());
  });

  it('Given both parents answer at the same moment with different times, Then exactly one booking is made and the other parent is told', async () => {
    const f = await seedFamily(prisma(), { parents: [{ name: 'Farah Khan' }, { name: 'Imran Khan' }] });
    const c = await conversationFor(f);
    await offer(c.id);
    const answers = await Promise.all([text(svc, f.contacts[0]!.mobile, '1'), text(svc, f.contacts[1]!.mobile, '3')]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const booked = await conversation(c.id);
    expect(booked.status).toBe('BOOKED');
    const outcomes = [...(await outbox(svc, f.contacts[0]!.mobile)), ...(await outbox(svc, f.contacts[1]!.mobile))].map((m) => m.template).sort();
    expect(outcomes).toEqual(['booking.alreadyBooked', 'booking.confirmed', 'booking.offer', 'booking.offer', 'booking.takenByOther'].sort());
    expect(await prisma().bookingSlot.count({ where: { offer: { conversationId: c.id }, chosen: true } })).toBe(1);
  });

  it.each(['0', 'another time', 'None', 'inny termin'])('Given a parent replies %j, Then the offer is declined and the key teacher is asked for new times', async (reply) => {
    const f = await seedFamily(prisma());
    const c = await conversationFor(f);
    await offer(c.id);
    await text(svc, f.contacts[0]!.mobile, reply);
    expect((await conversation(c.id)).status).toBe('TO_BOOK');
    expect(await templatesTo(f.contacts[0]!.mobile)).toEqual(['booking.offer', 'booking.declinedAck']);
    expect((await staffNotices(prisma(), f.keyTeacherId)).map((n) => n.template)).toEqual(['booking.declined']);
    expect((await prisma().bookingOffer.findFirstOrThrow({ where: { conversationId: c.id } })).status).toBe('DECLINED');
  });

  it('Given a booked meeting, When the parent texts CHANGE, Then it is released, the reminder cancelled and the key teacher asked for new times', async () => {
    const f = await seedFamily(prisma());
    const c = await conversationFor(f);
    await offer(c.id);
    await text(svc, f.contacts[0]!.mobile, '1');
    await text(svc, f.contacts[0]!.mobile, 'Change');
    expect(await conversation(c.id)).toMatchObject({ status: 'TO_BOOK', scheduledAt: null });
    expect((await reminderJobs(c.id)).map((j) => j.status)).toEqual(['CANCELLED']);
    expect((await staffNotices(prisma(), f.keyTeacherId)).map((n) => n.template)).toEqual(['booking.confirmed', 'booking.cancelledByParent']);
    expect(await templatesTo(f.contacts[0]!.mobile)).toEqual(['booking.offer', 'booking.confirmed', 'booking.changeAck']);
    expect((await prisma().contact.findUniqueOrThrow({ where: { id: f.contacts[0]!.id } })).optedOutAt).toBeNull();
  });

  it('Given a booked meeting, When the parent texts CANCEL, Then they are opted out (carrier rule) and the booking stands', async () => {
    const f = await seedFamily(prisma());
    const c = await conversationFor(f);
    await offer(c.id);
    await text(svc, f.contacts[0]!.mobile, '1');
    await text(svc, f.contacts[0]!.mobile, 'CANCEL');
    expect((await prisma().contact.findUniqueOrThrow({ where: { id: f.contacts[0]!.id } })).optedOutAt).not.toBeNull();
    expect((await conversation(c.id)).status).toBe('BOOKED');
  });

  it('Given an open offer, When the only parent texts STOP, Then the offer is withdrawn, the conversation goes back to be booked and the key teacher is told', async () => {
    const f = await seedFamily(prisma());
    const c = await conversationFor(f);
    await offer(c.id);
    const offered = await conversation(c.id);
    await text(svc, f.contacts[0]!.mobile, 'STOP');
    expect((await conversation(c.id)).status).toBe('TO_BOOK');
    expect((await prisma().bookingOffer.findFirstOrThrow({ where: { conversationId: c.id } })).status).toBe('WITHDRAWN');
    // Like any other booking change: a new version, and audited with the parent as actor.
    expect((await conversation(c.id)).version).toBe(offered.version + 1);
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: 'conversation.offerWithdrawn' } });
    expect(audit).toMatchObject({ actorKind: 'PARENT', actorId: f.contacts[0]!.id, before: { status: 'OFFERED' }, after: { status: 'TO_BOOK' } });
    const notice = (await staffNotices(prisma(), f.keyTeacherId)).at(-1)!;
    expect(notice.template).toBe('contact.unreachable');
    expect(notice.body).toContain('replied STOP');
    await text(svc, f.contacts[0]!.mobile, '1');
    expect((await conversation(c.id)).status).toBe('TO_BOOK');
  });

  it('Given a booked meeting, When the school moves it, Then the parents are told and the reminder moves with it', async () => {
    const f = await seedFamily(prisma());
    const c = await conversationFor(f);
    await offer(c.id);
    await text(svc, f.contacts[0]!.mobile, '1');
    const res = await svc.api(`/api/conversations/${c.id}/reschedule`, { method: 'POST', body: JSON.stringify({ at: '2026-09-22T14:00:00Z' }) });
    expect(res.status).toBe(200);
    expect((await res.json()).scheduledAt).toBe('2026-09-22T14:00:00.000Z');
    expect((await outbox(svc, f.contacts[0]!.mobile))[0]!.body).toBe('Oakfield Primary: we have had to move your meeting about Amir. The new time is Tue 22 Sept 3:00pm. To change it, reply CHANGE.');
    expect((await reminderJobs(c.id)).map((j) => [j.status, j.runAt.toISOString()])).toEqual([
      ['CANCELLED', '2026-09-14T15:00:00.000Z'],
      ['PENDING', '2026-09-21T15:00:00.000Z'],
    ]);
    expect(await prisma().auditEvent.count({ where: { entityId: c.id, action: 'booking.reschedule', actorKind: 'API_KEY' } })).toBe(1);
  });

  it('Given a booked meeting, When the school offers new times instead, Then the booking is released and the parent gets the new times', async () => {
    const f = await seedFamily(prisma());
    const c = await conversationFor(f);
    await offer(c.id);
    await text(svc, f.contacts[0]!.mobile, '1');
    const res = await svc.api(`/api/conversations/${c.id}/reschedule`, { method: 'POST', body: JSON.stringify({ slots: ['2026-09-23T14:00:00Z', '2026-09-24T14:00:00Z'] }) });
    expect(res.status).toBe(200);
    expect(await conversation(c.id)).toMatchObject({ status: 'OFFERED', scheduledAt: null });
    expect(await templatesTo(f.contacts[0]!.mobile)).toEqual(['booking.offer', 'booking.confirmed', 'booking.offer']);
    await text(svc, f.contacts[0]!.mobile, '2');
    expect(await conversation(c.id)).toMatchObject({ status: 'BOOKED', scheduledAt: new Date('2026-09-24T14:00:00Z') });
  });

  it('Given a booked meeting, When the school cancels it, Then the parents are told, its jobs are cancelled, and a late number gets a clear answer', async () => {
    const f = await seedFamily(prisma());
    const c = await conversationFor(f);
    await offer(c.id);
    await text(svc, f.contacts[0]!.mobile, '1');
    const res = await svc.api(`/api/conversations/${c.id}/cancel`, { method: 'POST', body: JSON.stringify({ reason: 'Teacher off sick' }) });
    expect(res.status).toBe(200);
    expect(await conversation(c.id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'Teacher off sick' });
    expect((await reminderJobs(c.id)).map((j) => j.status)).toEqual(['CANCELLED']);
    expect((await outbox(svc, f.contacts[0]!.mobile))[0]!.template).toBe('booking.cancelled');
    await text(svc, f.contacts[0]!.mobile, '2');
    expect((await outbox(svc, f.contacts[0]!.mobile))[0]!.template).toBe('booking.offerClosed');
  });

  describe('sensible times, in a school with an autumn term, a training day on Friday 23 October and half term from Saturday 24 October to Sunday 1 November', () => {
    const withAutumnTerm = async (f: Family) => {
      await prisma().schoolTerm.create({ data: { schoolId: f.schoolId, name: 'Autumn 2026', startsOn: new Date('2026-09-02'), endsOn: new Date('2026-12-18') } });
      await prisma().schoolClosure.createMany({
        data: [
          { schoolId: f.schoolId, name: 'Training day', kind: 'TRAINING_DAY', startsOn: new Date('2026-10-23'), endsOn: new Date('2026-10-23') },
          { schoolId: f.schoolId, name: 'Half term', kind: 'HOLIDAY', startsOn: new Date('2026-10-24'), endsOn: new Date('2026-11-01') },
        ],
      });
      return f;
    };

    it.each([
      ['one time only', [SLOTS[0]], 'offer between 2 and 4 times'],
      ['five times', [...SLOTS, '2026-09-18T10:00:00Z', '2026-09-21T10:00:00Z'], 'offer between 2 and 4 times'],
      ['a time in the past', ['2026-09-01T10:00:00Z', SLOTS[0]], 'Tue 1 Sept 2026, 11:00 is in the past'],
      ['the same time twice', [SLOTS[0], SLOTS[0]], 'the times must be different'],
      ['a time at 3 a.m.', [SLOTS[0], '2026-09-16T02:00:00Z'], 'Wed 16 Sept 2026, 03:00 is outside meeting hours, 07:00-20:00'],
      ['a time at 20:30 school time', [SLOTS[0], '2026-09-16T20:30'], 'Wed 16 Sept 2026, 20:30 is outside meeting hours'],
      ['a weekday in half term', [SLOTS[0], '2026-10-27T15:30'], 'Tue 27 Oct 2026, 15:30 is in the half term'],
      ['a Saturday in half term', [SLOTS[0], '2026-10-31T10:00'], 'Sat 31 Oct 2026, 10:00 is in the half term'],
      ['a weekday after the end of term', [SLOTS[0], '2026-12-21T15:30'], 'Mon 21 Dec 2026, 15:30 is after the last term entered'],
      ['a date without a time', [SLOTS[0], '2026-09-16'], 'must be a date and time such as 2026-12-01T15:30 (school time)'],
    ])('Given an offer of %s, Then it is refused naming the time, and nothing is sent', async (_label, slots, problem) => {
      const f = await withAutumnTerm(await seedFamily(prisma()));
      const c = await conversationFor(f);
      const res = await offer(c.id, slots as string[]);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(problem);
      expect(await outbox(svc, f.contacts[0]!.mobile)).toEqual([]);
    });

    it('Given times written without an offset, either side of the clocks going back, Then they are read as school time (BST, then GMT) and texted as written', async () => {
      const f = await withAutumnTerm(await seedFamily(prisma()));
      const c = await conversationFor(f);
      expect((await offer(c.id, ['2026-10-22T15:30', '2026-11-02T15:30'])).status).toBe(201);
      const slots = await prisma().bookingSlot.findMany({ where: { offer: { conversationId: c.id } }, orderBy: { position: 'asc' } });
      expect(slots.map((x) => x.startsAt.toISOString())).toEqual(['2026-10-22T14:30:00.000Z', '2026-11-02T15:30:00.000Z']);
      expect((await outbox(svc, f.contacts[0]!.mobile))[0]!.body).toContain('Reply 1 for Thu 22 Oct 3:30pm, 2 for Mon 2 Nov 3:30pm');
    });

    it('Given a training day and a Saturday in term, Then the school may meet parents then', async () => {
      const f = await withAutumnTerm(await seedFamily(prisma()));
      const c = await conversationFor(f);
      expect((await offer(c.id, ['2026-10-23T09:00', '2026-09-19T10:00'])).status).toBe(201);
    });

    it('Given a booked meeting, When the school moves it to 9 p.m. or into half term, Then it is refused naming the time, and the booking stands', async () => {
      const f = await withAutumnTerm(await seedFamily(prisma()));
      const c = await conversationFor(f);
      await offer(c.id);
      await text(svc, f.contacts[0]!.mobile, '1');
      for (const [at, problem] of [
        ['2026-09-22T21:00', 'Tue 22 Sept 2026, 21:00 is outside meeting hours'],
        ['2026-10-28T10:00:00+00:00', 'Wed 28 Oct 2026, 10:00 is in the half term'],
      ]) {
        const res = await svc.api(`/api/conversations/${c.id}/reschedule`, { method: 'POST', body: JSON.stringify({ at }) });
        expect(res.status).toBe(400);
        expect((await res.json()).message).toContain(problem);
      }
      expect(await conversation(c.id)).toMatchObject({ status: 'BOOKED', scheduledAt: new Date(SLOTS[0]!) });
    });
  });

  it('Given a pupil with an open conversation, When another is created, Then it is refused with the open one named', async () => {
    const f = await seedFamily(prisma());
    const c = await conversationFor(f);
    const again = await svc.api('/api/conversations', { method: 'POST', body: JSON.stringify({ pupilId: f.pupils[0]!.id }) });
    expect(again.status).toBe(409);
    expect((await again.json()).details.conversationId).toBe(c.id);
  });

  it('Given a parent with offers for two children, When they reply with a number, Then they are asked which child and the number then books that child', async () => {
    const f = await seedFamily(prisma(), { children: [{ firstName: 'Amir', lastName: 'Ali' }, { firstName: 'Sara', lastName: 'Ali' }] });
    const amir = await conversationFor(f, 0);
    const sara = await conversationFor(f, 1);
    await offer(amir.id);
    await offer(sara.id, ['2026-09-21T14:00:00Z', '2026-09-22T14:00:00Z']);
    await text(svc, f.contacts[0]!.mobile, '2');
    expect((await outbox(svc, f.contacts[0]!.mobile))[0]!.body).toBe('Oakfield Primary: which child is this about? Reply 1 for Amir, 2 for Sara.');
    await text(svc, f.contacts[0]!.mobile, '2');
    expect(await conversation(sara.id)).toMatchObject({ status: 'BOOKED', scheduledAt: new Date('2026-09-22T14:00:00Z') });
    expect((await conversation(amir.id)).status).toBe('OFFERED');
  });

  it('Given no parent can be texted, When the teacher offers times, Then it is refused with the reason', async () => {
    const f = await seedFamily(prisma(), { parents: [{ name: 'No Consent', consent: false }] });
    const c = await conversationFor(f);
    const res = await offer(c.id);
    expect(res.status).toBe(409);
    expect((await res.json()).error).toBe('no_reachable_parent');
  });
});
