import path from 'node:path';
import { z } from 'zod';

/** Every environment variable the service reads. README's "Configuration" table mirrors this list. */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A 32-byte key written in base64 (e.g. `openssl rand -base64 32`). */
const aesKey = optionalText.pipe(
  z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be 32 bytes written in base64 (openssl rand -base64 32)')
    .optional(),
);

/** Bounds of a message retention period, in days: the service's default and each school's own. */
export const MESSAGE_RETENTION_DAYS = { min: 30, max: 3650 } as const;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Interface to listen on; default 127.0.0.1 in the embedded default (its demo sign-in is open), else every interface. */
  HOST: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PostgreSQL; unset = embedded PostgreSQL (PGlite) under DATA_DIR. */
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATA_DIR: z.string().default('./data'),
  /** Bearer key for scripts; in the embedded default it is generated at first start. */
  API_KEY: optionalText.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
  /** The address Twilio and Teams reach this service at (webhook signatures are checked against it). */
  PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
  /** Run the scheduler's clock in this instance (every instance may; the database decides who does what). */
  SCHEDULER_ENABLED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Seed the demo school when the database is empty (default: only in the embedded default). */
  DEMO_DATA: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  /** Let the dashboard sign staff in by picking their name, outside Teams (default: only in the embedded default). Never in production. */
  LOCAL_SIGN_IN: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),

  // HTTP hardening (api/hardening.ts)
  /** Proxies in front that append to X-Forwarded-For; the client is the address the outermost of them saw. Default: 1, or 0 with the embedded database. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).optional(),
  /** Requests per minute from one address to Twilio's webhooks, and to the bot's endpoint. */
  WEBHOOK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Requests per minute from one address to the demo's local sign-in. */
  SIGN_IN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Refused sign-ins (401) per minute from one address before /api answers it 429 for the rest of the minute. */
  API_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(60),

  // Microsoft Teams bot and Entra ID (the same app registration)
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText,
  MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),

  // Twilio
  TWILIO_ACCOUNT_SID: optionalText.pipe(z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits').optional()),
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_FROM: optionalText.pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +447700900123').optional()),
  TWILIO_MESSAGING_SERVICE_SID: optionalText.pipe(z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'must look like MG followed by 32 hex digits').optional()),
  /** Where Twilio's REST API is called instead of https://api.twilio.com: a stand-in for tests. Refused in production. */
  TWILIO_API_ORIGIN: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),

  // Azure AI Translator (optional: teachers' free text is translated when set)
  TRANSLATOR_KEY: optionalText,
  TRANSLATOR_REGION: optionalText,
  TRANSLATOR_ENDPOINT: z.url().default('https://api.cognitive.microsofttranslator.com'),

  // The school's MIS through Wonde (mis/)
  /** Encrypts each school's Wonde token at rest (AES-256-GCM). Generated into DATA_DIR in the embedded default. */
  MIS_TOKEN_KEY: aesKey,
  /** The key before a rotation: tokens it encrypted are still read until `npm run mis:rotate-key` re-encrypts them. */
  MIS_TOKEN_KEY_PREVIOUS: aesKey,
  /** Where Wonde's API is called instead of https://<school's domain>: a stand-in for tests. Refused in production. */
  WONDE_API_ORIGIN: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),

  /** Days the text of SMS and Teams messages is kept, for schools that set no period of their own; after that only the fact of the message remains (UK GDPR). */
  MESSAGE_RETENTION_DAYS: z.coerce.number().int().min(MESSAGE_RETENTION_DAYS.min).max(MESSAGE_RETENTION_DAYS.max).default(400),
});

export type RawEnv = z.infer<typeof envSchema>;

export interface Config extends RawEnv {
  dataDir: string;
  publicBaseUrl: string;
  /** True when neither DATABASE_URL nor Twilio nor Microsoft credentials are needed. */
  embeddedDatabase: boolean;
  twilioConfigured: boolean;
  botAuthenticated: boolean;
  seedDemo: boolean;
  localSignIn: boolean;
  host: string;
  trustProxyHops: number;
}

export class ConfigError extends Error {}

/** Reads and validates configuration once; a missing or malformed variable names itself. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const problems: string[] = [];
  const twilioAny = raw.TWILIO_ACCOUNT_SID || raw.TWILIO_AUTH_TOKEN || raw.TWILIO_FROM || raw.TWILIO_MESSAGING_SERVICE_SID;
  const twilioConfigured = Boolean(raw.TWILIO_ACCOUNT_SID && raw.TWILIO_AUTH_TOKEN && (raw.TWILIO_FROM || raw.TWILIO_MESSAGING_SERVICE_SID));
  if (twilioAny && !twilioConfigured) {
    problems.push('  TWILIO_*: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and one of TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID together');
  }
  const botAuthenticated = Boolean(raw.MicrosoftAppId);
  if (botAuthenticated && raw.MicrosoftAppType !== 'UserAssignedMSI' && !raw.MicrosoftAppPassword) {
    problems.push('  MicrosoftAppPassword: required when MicrosoftAppId is set (or use MicrosoftAppType=UserAssignedMSI)');
  }
  if (botAuthenticated && raw.MicrosoftAppType === 'SingleTenant' && !raw.MicrosoftAppTenantId) {
    problems.push('  MicrosoftAppTenantId: required for a SingleTenant app');
  }
  if (raw.NODE_ENV === 'production' && (twilioConfigured || botAuthenticated) && !raw.PUBLIC_BASE_URL) {
    problems.push('  PUBLIC_BASE_URL: required in production so webhook signatures can be checked');
  }
  if (raw.NODE_ENV === 'production' && raw.TWILIO_API_ORIGIN) {
    problems.push('  TWILIO_API_ORIGIN: a stand-in for Twilio is for tests only; unset it in production');
  }
  if (raw.NODE_ENV === 'production' && raw.WONDE_API_ORIGIN) {
    problems.push('  WONDE_API_ORIGIN: a stand-in for Wonde is for tests only; unset it in production');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);

  const embeddedDatabase = !raw.DATABASE_URL;
  return {
    ...raw,
    dataDir: path.resolve(raw.DATA_DIR),
    publicBaseUrl: (raw.PUBLIC_BASE_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ''),
    embeddedDatabase,
    twilioConfigured,
    botAuthenticated,
    seedDemo: raw.DEMO_DATA ?? embeddedDatabase,
    localSignIn: raw.NODE_ENV !== 'production' && (raw.LOCAL_SIGN_IN ?? embeddedDatabase),
    host: raw.HOST ?? (embeddedDatabase && raw.NODE_ENV !== 'production' ? '127.0.0.1' : '0.0.0.0'),
    // Deployed, HTTPS ends at a proxy or load balancer (README, Deploying); the embedded default is reached directly.
    trustProxyHops: raw.TRUST_PROXY_HOPS ?? (embeddedDatabase ? 0 : 1),
  };
}
