import { PermanentFailure, RetryLater } from '../jobs/jobRunner';
import { mediaPath, type MediaRef } from './mediaItems';

/**
 * Twilio's Media subresource over its documented HTTP API: GET the resource's URL without an
 * extension for the bytes (HTTP basic auth with the account SID and auth token: Twilio enforces it
 * on media URLs), DELETE `<...>.json` to remove Twilio's copy (204). Always at the API origin the
 * service is configured with (api.twilio.com, a stand-in in tests, the mounted stand-in in the
 * local default), at an address built from the SIDs: never a URL a form gave. A redirect Twilio
 * answers with is followed (at most three, https or the same origin) without our credentials.
 */
export interface TwilioMedia {
  /** The account the media must belong to (its SID is in every media URL). */
  accountSid: string;
  /** The bytes, or 'too-large' past `maxBytes` (read no further), or 'gone' (404: deleted or never there). */
  fetch(ref: MediaRef, maxBytes: number): Promise<{ bytes: Buffer } | 'too-large' | 'gone'>;
  /** Removes Twilio's copy; one already gone counts as removed. */
  remove(ref: MediaRef): Promise<void>;
}

export interface TwilioMediaOptions {
  accountSid: string;
  authToken: string;
  /** Where Twilio's API is: read when each request is made (the local default learns its port at start). */
  origin(): string;
  timeoutMs?: number;
}

const MAX_REDIRECTS = 3;

function failure(status: number, what: string): Error {
  if (status === 429 || status >= 500) return new RetryLater(`Twilio answered ${status} to ${what}`);
  return new PermanentFailure(`Twilio refused ${what}: ${status}`);
}

async function readCapped(res: Response, maxBytes: number): Promise<Buffer | 'too-large'> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    return 'too-large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

export function twilioMedia(o: TwilioMediaOptions): TwilioMedia {
  const auth = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}`;
  const timeout = o.timeoutMs ?? 30_000;

  async function request(method: 'GET' | 'DELETE', path: string): Promise<Response> {
    const origin = o.origin().replace(/\/+$/, '');
    let url = new URL(`${origin}${path}`);
    for (let hop = 0; ; hop += 1) {
      const ours = url.origin === new URL(origin).origin;
      let res: Response;
      try {
        res = await fetch(url, { method, redirect: 'manual', headers: ours ? { authorization: auth } : {}, signal: AbortSignal.timeout(timeout) });
      } catch (err) {
        throw new RetryLater(`Twilio could not be reached for media: ${(err as Error).message}`);
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location || method !== 'GET') return res;
      await res.body?.cancel();
      const next = new URL(location, url);
      if (hop >= MAX_REDIRECTS || (next.protocol !== 'https:' && next.origin !== url.origin)) throw new PermanentFailure('Twilio redirected the media somewhere we do not follow');
      url = next;
    }
  }

  return {
    accountSid: o.accountSid,
    async fetch(ref, maxBytes) {
      const res = await request('GET', mediaPath(ref));
      if (res.status === 404) {
        await res.body?.cancel();
        return 'gone';
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw failure(res.status, 'a media download');
      }
      const bytes = await readCapped(res, maxBytes);
      return bytes === 'too-large' ? bytes : { bytes };
    },
    async remove(ref) {
      const res = await request('DELETE', `${mediaPath(ref)}.json`);
      await res.body?.cancel();
      if (res.status === 404 || res.ok) return;
      throw failure(res.status, 'deleting a media item');
    },
  };
}
