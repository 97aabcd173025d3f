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
