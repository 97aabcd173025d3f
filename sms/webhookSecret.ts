import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../runtime/config';
import { dataDirSecret } from '../runtime/dataDirSecret';

/**
 * The token Twilio webhooks are signed with: TWILIO_AUTH_TOKEN when Twilio is configured. Without
 * Twilio, a local secret kept in <DATA_DIR>/sms-webhook-secret (created on first use, readable by
 * its owner only) so `npm run sms` can sign a simulated reply exactly as Twilio would.
 */
const SECRET_FILE = 'sms-webhook-secret';

export function webhookSecretFile(dataDir: string): string {
  return path.join(dataDir, SECRET_FILE);
}

export function resolveWebhookToken(config: Pick<Config, 'twilioConfigured' | 'TWILIO_AUTH_TOKEN' | 'dataDir'>): string {
  if (config.twilioConfigured && config.TWILIO_AUTH_TOKEN) return config.TWILIO_AUTH_TOKEN;
  return dataDirSecret(config.dataDir, SECRET_FILE, () => randomBytes(24).toString('base64url')).value;
}
