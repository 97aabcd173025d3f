import { newSid, postSigned, startSmsService, TWILIO_NUMBER, type SmsService } from './smsSupport';

/**
 * Only a repeat of a MessageSid is Twilio retrying. Two different texts whose answers collide on
 * an idempotency key (the same unknown number writing twice at once: one "we do not know this
 * number" answer a day) are both kept: before, the second text's transaction met the first one's
 * key as a unique violation, was taken for a retry, and the parent's words were dropped.
 */
let svc: SmsService;

beforeAll(async () => {
  svc = await startSmsService();
  await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary' } });
  // Holds each answer's insert a moment, so the two texts' transactions are sure to overlap.
  await svc.ctx.db.pool.query(`
    CREATE FUNCTION hold_answer() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.template = 'unknown.number' THEN PERFORM pg_sleep(0.3); END IF; RETURN NEW; END $$;
    CREATE TRIGGER hold_answer BEFORE INSERT ON "Message" FOR EACH ROW EXECUTE FUNCTION hold_answer();`);
});
afterAll(() => svc.close());

const send = (sid: string, body: string) => postSigned(svc, '/sms/inbound', { MessageSid: sid, AccountSid: `AC${'0'.repeat(32)}`, From: '+447700900999', To: TWILIO_NUMBER, Body: body, NumMedia: '0' });

it('Given two texts from a number we do not know arriving together, Then both are stored and answered once; a repeat of either sid is still a repeat', async () => {
  const [a, b] = [newSid(), newSid()];
  const answers = await Promise.all([send(a, 'Hello, is this the school?'), send(b, 'It is about my son')]);
  expect(answers.map((r) => r.status)).toEqual([200, 200]);
  const inbound = await svc.ctx.prisma.message.findMany({ where: { direction: 'INBOUND', fromAddress: '+447700900999' }, orderBy: { body: 'asc' } });
  expect(inbound.map((m) => [m.providerId, m.body])).toEqual([
    [a, 'Hello, is this the school?'],
    [b, 'It is about my son'],
  ].sort((x, y) => x[1]!.localeCompare(y[1]!)));
  expect(await svc.ctx.prisma.message.count({ where: { template: 'unknown.number' } })).toBe(1);

  expect((await send(a, 'Hello, is this the school?')).status).toBe(200);
  expect(await svc.ctx.prisma.message.count({ where: { direction: 'INBOUND', fromAddress: '+447700900999' } })).toBe(2);
});
