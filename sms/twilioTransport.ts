import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import { PermanentFailure, RetryLater } from '../jobs/jobRunner';
import { OPTED_OUT_CODE, UNREACHABLE_CODES } from './contactStatus';

/** How an SMS leaves the building: Twilio's Messages API, or the local outbox in the embedded default. */
export interface SmsTransport {
  kind: 'twilio' | 'local';
  /** `from`: the school's own number (or the one the parent texted), used unless a Messaging Service sends. */
  send(m: { messageId: string; to: string; body: string; from?: string }): Promise<{ providerId: string }>;
  /** A message with this body already sent to `to` since `since` and not in `knownSids`: the provider's id, if any. */
  findSent?(m: { to: string; body: string; since: Date; knownSids: ReadonlySet<string> }): Promise<string | undefined>;
}

/** Twilio refused this recipient for good: the contact is marked (opted out or unreachable) and the message suppressed. */
export class RecipientRefused extends Error {
  constructor(readonly code: string) {
    super(`Twilio refused the recipient (error ${code})`);
  }
}

class ProviderFailure extends PermanentFailure {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** 429, 5xx and network trouble are retried; 21610 and dead-number codes refuse the recipient; any other 4xx is permanent. */
export function classifyTwilioError(err: unknown): Error {
  const e = err as { status?: number; code?: number | string; message?: string };
  const code = e.code === undefined ? undefined : String(e.code);
  if (code === OPTED_OUT_CODE || (code && UNREACHABLE_CODES.has(code))) return new RecipientRefused(code);
  if (typeof e.status !== 'number' || e.status === 429 || e.status >= 500) {
    return new RetryLater(`Twilio unavailable: ${e.status ?? 'network'} ${e.message ?? ''}`.trim());
  }
  return new ProviderFailure(`Twilio refused the message: ${e.status} ${code ?? ''} ${e.message ?? ''}`.trim(), code);
}

/** Sends every Twilio API request to another origin (a local stand-in in tests), keeping path and query. */
class RedirectingRequestClient extends RequestClient {
  constructor(
    private readonly origin: string,
    timeout: number | undefined,
  ) {
    super({ timeout });
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    const target = new URL(this.origin);
    uri.protocol = target.protocol;
    uri.host = target.host;
    return super.request<TData>({ ...opts, uri: uri.toString() });
  }
}

export interface TwilioTransportOptions {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  /** Where Twilio posts delivery receipts for one message. */
  statusCallbackUrl(messageId: string): string;
  /** Tests: a local stand-in for api.twilio.com. */
  apiOrigin?: string;
  /** How long to wait for Twilio's answer before retrying later (default: the Twilio library's 30 s). */
  timeoutMs?: number;
}

export function twilioTransport(o: TwilioTransportOptions): SmsTransport {
  const client = twilio(o.accountSid, o.authToken, o.apiOrigin ? { httpClient: new RedirectingRequestClient(o.apiOrigin, o.timeoutMs) } : { timeout: o.timeoutMs });
  return {
    kind: 'twilio',
    async send({ messageId, to, body, from }) {
      try {
        // A Messaging Service picks the sender from its pool itself (and keeps a parent on one number).
        const sender = o.messagingServiceSid ? { messagingServiceSid: o.messagingServiceSid } : { from: from ?? o.from! };
        const message = await client.messages.create({ to, body, ...sender, statusCallback: o.statusCallbackUrl(messageId) });
        return { providerId: message.sid };
      } catch (err) {
        throw classifyTwilioError(err);
      }
    },
    async findSent({ to, body, since, knownSids }) {
      try {
        const recent = await client.messages.list({ to, dateSentAfter: since, limit: 50 });
        return recent.find((m) => m.body === body && m.direction !== 'inbound' && !knownSids.has(m.sid))?.sid;
      } catch (err) {
        throw classifyTwilioError(err);
      }
    },
  };
}
