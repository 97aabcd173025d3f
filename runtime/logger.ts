import pino from 'pino';

export type Logger = pino.Logger;

/**
 * An error as the log keeps it: its kind, message, code and stack, and nothing else. A library's
 * error can carry the failed request's data in other fields (PostgreSQL's `detail` quotes the
 * duplicate key, a provider's error the request body), which would put a phone number in the log.
 */
function errorOnly(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}), stack: err.stack };
}

/**
 * How the log is written: JSON lines for anything that reads them (production, a container's log
 * collector, a file, CI); pretty lines for a person at a terminal, outside production, when
 * pino-pretty (a development dependency) is installed.
 */
export function logFormat(o: { isTTY: boolean; nodeEnv: string; prettyInstalled: boolean }): 'pretty' | 'json' {
  return o.isTTY && o.nodeEnv !== 'production' && o.prettyInstalled ? 'pretty' : 'json';
}

export function prettyInstalled(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** The same log, pretty-printed in a worker (redaction and serialisers run first, here). */
export function prettyDestination(): pino.DestinationStream {
  return pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } }) as pino.DestinationStream;
}

/** Structured JSON logs. Phone numbers and message bodies are never logged (UK GDPR): log ids instead. */
export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'school-engagement-bot', ...base },
    serializers: { err: errorOnly },
    redact: { paths: ['req.headers.authorization', '*.mobile', '*.body', '*.Body', '*.From', '*.To'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * pg 8 warns (once per process) when a query is sent on a client that is still running one: Prisma
 * 7's query interpreter reads a transaction's nested relations at once on the transaction's one
 * connection. pg queues them in order, so nothing goes wrong; the warning says pg 9 will refuse
 * it. Kept out of a newcomer's terminal (logged at debug), with the reason in the README.
 */
export function isPgConcurrentQueryNotice(w: Error): boolean {
  return w.name === 'DeprecationWarning' && w.message.startsWith('Calling client.query() when the client is already executing a query');
}
