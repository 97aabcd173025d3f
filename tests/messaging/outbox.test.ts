import type { PrismaClient } from '../../db/database';
import { transaction } from '../../db/transaction';
import { queueMessage, sweepUnplannedMessages, type OutgoingMessage } from '../../messaging/outbox';
import { ManualClock } from '../../runtime/clock';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/**
 * The outbox's promise: a message and its delivery job are written in the caller's transaction,
 * the same idempotency key never yields two messages even when two transactions race, and a
 * message left without a job (by an older version, a restore, anything) gets one back.
 */
let t: TestDatabase;
let prisma: PrismaClient;
let schoolId: string;
const clock = new ManualClock(new Date('2026-12-02T10:00:00Z'));

beforeAll(async () => {
  t = await createTestDatabase();
  prisma = t.db.prisma;
  schoolId = (await prisma.school.create({ data: { name: 'Oakfield Primary' } })).id;
});
afterAll(() => t.drop());

const text = (o: Partial<OutgoingMessage> = {}): OutgoingMessage => ({ schoolId, channel: 'SMS', body: 'Hello', toAddress: '+447700900123', notBefore: clock.now(), createdAt: clock.now(), ...o });
const jobsOf = (messageId: string) => prisma.job.findMany({ where: { subjectId: messageId, kind: 'deliver-message' } });

// The type refuses a bare client: this must not compile (checked by `npm run typecheck`).
export function neverCalled(): void {
  // @ts-expect-error the outbox takes only a transaction
  void queueMessage(prisma, text());
}

describe('the outbox', () => {
  it('Given a message queued in a transaction that then fails, Then neither the message nor its job is left', async () => {
    await expect(
      transaction(prisma, async (tx) => {
        await queueMessage(tx, text({ idempotencyKey: 'rolled-back' }));
        throw new Error('the booking failed after the text was queued');
      }),
    ).rejects.toThrow('the booking failed');
    expect(await prisma.message.count({ where: { idempotencyKey: 'rolled-back' } })).toBe(0);
  });

  it('Given two transactions queueing the same key at the same moment, Then both succeed and one message with one job exists', async () => {
    const queued = await Promise.all(
      [1, 2].map(() =>
        transaction(prisma, async (tx) => {
          const q = await queueMessage(tx, text({ idempotencyKey: 'same-key' }));
          // Hold the transaction open so the other one's insert meets this uncommitted row.
          await tx.$executeRaw`SELECT pg_sleep(0.2)`;
          return q;
        }),
      ),
    );
    expect(new Set(queued.map((q) => q.messageId)).size).toBe(1);
    expect(queued.map((q) => q.created).sort()).toEqual([false, true]);
    expect(await jobsOf(queued[0]!.messageId)).toHaveLength(1);
  });

  it('Given queued messages without a delivery job (as a crash between two writes left them before), Then the sweep plans each once, and leaves planned and finished ones alone', async () => {
    const orphan = await prisma.message.create({ data: { schoolId, channel: 'SMS', direction: 'OUTBOUND', status: 'QUEUED', body: 'Left behind', toAddress: '+447700900124', notBefore: new Date('2026-12-01T09:00:00Z') } });
    const midSend = await prisma.message.create({ data: { schoolId, channel: 'TEAMS', direction: 'OUTBOUND', status: 'SENDING', body: 'Caught mid-send', notBefore: new Date('2026-12-03T09:00:00Z') } });
    const finished = await prisma.message.create({ data: { schoolId, channel: 'SMS', direction: 'OUTBOUND', status: 'SENT', body: 'Went', toAddress: '+447700900125', notBefore: clock.now() } });
    // A job that ran (DONE) for a message that is somehow still queued is taken up again.
    const revived = await prisma.message.create({ data: { schoolId, channel: 'SMS', direction: 'OUTBOUND', status: 'QUEUED', body: 'Revived', toAddress: '+447700900126', notBefore: clock.now() } });
    await prisma.job.create({ data: { kind: 'deliver-message', dedupeKey: `deliver-message:${revived.id}`, runAt: clock.now(), status: 'DONE', subjectId: revived.id, payload: { messageId: revived.id } } });
    const planned = await transaction(prisma, (tx) => queueMessage(tx, text({ idempotencyKey: 'planned' })));

    const swept = await sweepUnplannedMessages(prisma, clock.now());
    expect(swept.sort()).toEqual([orphan.id, midSend.id, revived.id].sort());
    expect(await jobsOf(orphan.id)).toEqual([expect.objectContaining({ status: 'PENDING', runAt: clock.now(), payload: { messageId: orphan.id, lane: '+447700900124' } })]);
    // Not before its own time.
    expect(await jobsOf(midSend.id)).toEqual([expect.objectContaining({ status: 'PENDING', runAt: new Date('2026-12-03T09:00:00Z') })]);
    expect(await jobsOf(revived.id)).toEqual([expect.objectContaining({ status: 'PENDING', attempts: 0 })]);
    expect(await jobsOf(finished.id)).toEqual([]);
    expect(await jobsOf(planned.messageId)).toHaveLength(1);
    expect(await sweepUnplannedMessages(prisma, clock.now())).toEqual([]);
  });
});
