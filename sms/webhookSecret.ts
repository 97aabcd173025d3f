import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../runtime/config';

/**
 * The token Twilio webhooks are signed with: TWILIO_AUTH_TOKEN when Twilio is configured. Without
 * Twilio, a local secret kept in <DATA_DIR>/sms-webhook-secret (created on first use, readable by
 * its owner only) so `npm run sms` can sign a simulated reply exactly as Twilio would.
 */
export function webhookSecretFile(dataDir: string): string {
  return path.join(dataDir, 'sms-webhook-secret');
}

export function resolveWebhookToken(config: Pick<Config, 'twilioConfigured' | 'TWILIO_AUTH_TOKEN' | 'dataDir'>): string {
  if (config.twilioConfigured && config.TWILIO_AUTH_TOKEN) return config.TWILIO_AUTH_TOKEN;
  const file = webhookSecretFile(config.dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(24).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  }
}
