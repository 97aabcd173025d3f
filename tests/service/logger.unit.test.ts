import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../runtime/logger';

/** Errors reach the log with their stack, and without the fields a library's error carries data in. */
function capture(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (chunks.push(String(chunk)), done()) });
  return { logger: createLogger('info', {}, stream), lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

it('Given a failure with a stack and a database error quoting the duplicate key, Then the log keeps the kind, message, code and stack, never the quoted values', () => {
  const { logger, lines } = capture();
  const err = Object.assign(new Error('duplicate key value violates unique constraint "Contact_schoolId_mobile_key"'), { code: '23505', detail: 'Key ("schoolId", mobile)=(…, +447700900123) already exists.' });
  logger.error({ err }, 'request failed');
  const [line] = lines();
  expect(line!.err).toEqual({ type: 'Error', message: err.message, code: '23505', stack: expect.stringContaining('logger.unit.test.ts') });
  expect(JSON.stringify(line)).not.toContain('+447700900123');
});
