import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs. Phone numbers and message bodies are never logged (UK GDPR): log ids instead. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'school-engagement-bot', ...base },
    redact: { paths: ['req.headers.authorization', '*.mobile', '*.body', '*.Body', '*.From', '*.To'], censor: '[redacted]' },
  });
}
