import { randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';

/**
 * A stand-in for the parts of api.twilio.com the service calls, built from Twilio's documented
 * shapes: the Messages API (create with 201 and a message resource, or Twilio's error JSON; list
 * by `To`) and the Media subresource of a message (GET without an extension returns the bytes
 * with the content type they were sent with, `.json` the resource, DELETE `.json` removes
 * Twilio's copy with 204; an unknown or deleted one is 404 with error 20404; media URLs need HTTP
 * basic auth with the account SID and auth token). What a parent's phone would have sent is added
 * with `addMedia`, or over HTTP for `npm run sms -- --picture` (`POST /standin/incoming-media`, the
 * stand-in's own door, not Twilio's). Tests serve it on a port of their own (tests/sms/twilioStandIn.ts);
 * without Twilio credentials (the local outbox) the service mounts it under /standins/twilio.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  form: Record<string, string>;
  query: Record<string, string>;
  authorization?: string;
}

/**
 * 'accept-then-hang-up': Twilio takes the message and the connection drops before the answer;
 * 'accept-then-silence': Twilio takes it and never answers (the caller times out);
 * a function runs first (e.g. to break something mid-send) and may itself never resolve.
 */
export type Answer = { status: number; code?: number; message?: string } | 'accept' | 'accept-then-hang-up' | 'accept-then-silence' | (() => Promise<'accept'>);

/** How the next media requests (GET or DELETE) fail: an HTTP error, or a connection dropped. */
export type MediaAnswer = { status: number } | 'hang-up';

export interface StoredMedia {
  sid: string;
  accountSid: string;
  messageSid: string;
  contentType: string;
  bytes: Buffer;
  deleted: boolean;
}

export interface TwilioStandInState {
  requests: RecordedRequest[];
  /** Messages Twilio accepted (what would reach phones). */
  accepted: { sid: string; to: string; body: string; from?: string; messagingServiceSid?: string; statusCallback?: string }[];
  answers: Answer[];
  /** Media parents sent, by Media SID, kept until deleted as Twilio keeps them. */
  media: Map<string, StoredMedia>;
  mediaAnswers: MediaAnswer[];
}

export interface TwilioStandIn extends TwilioStandInState {
  router: Router;
  /** A picture a parent's phone sent with message `messageSid`: the MediaUrl Twilio's webhook would carry. */
  addMedia(m: { messageSid: string; contentType: string; bytes: Buffer; accountSid?: string }): { mediaUrl: string; sid: string };
}

export interface TwilioStandInOptions {
  /** When given, media URLs need HTTP basic auth with this account SID and token, as Twilio enforces. */
  accountSid?: string;
  authToken?: string;
}

/** The origin Twilio writes in the MediaUrl fields of its webhooks. */
export const TWILIO_API = 'https://api.twilio.com';
/** The account SID of the local stand-in (no Twilio account in the embedded default). */
export const LOCAL_ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const UPLOAD_LIMIT = '12mb';

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function createTwilioStandIn(o: TwilioStandInOptions = {}): TwilioStandIn {
  const router = express.Router();
  const state: TwilioStandInState = { requests: [], accepted: [], answers: [], media: new Map(), mediaAnswers: [] };
  const defaultAccount = o.accountSid ?? LOCAL_ACCOUNT_SID;

  const authorised = (req: Request): boolean => {
    if (!o.accountSid || !o.authToken) return true;
    const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    return m !== null && sameText(Buffer.from(m[1]!, 'base64').toString('utf8'), `${o.accountSid}:${o.authToken}`);
  };
  const twilioError = (res: Response, status: number, code: number, message: string) => res.status(status).json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

  router.use(express.urlencoded({ extended: false }));
  router.use((req, _res, next) => {
    state.requests.push({ method: req.method, path: req.path, form: req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? req.body : {}, query: req.query as Record<string, string>, authorization: req.headers.authorization });
    next();
  });

  const resource = (m: TwilioStandInState['accepted'][number]) => ({
    sid: m.sid,
    account_sid: defaultAccount,
    to: m.to,
    from: m.from ?? null,
    messaging_service_sid: m.messagingServiceSid ?? null,
    body: m.body,
    status: 'queued',
    direction: 'outbound-api',
    num_segments: '1',
    date_created: new Date().toUTCString(),
    uri: `/2010-04-01/Accounts/${defaultAccount}/Messages/${m.sid}.json`,
  });
  router.post('/2010-04-01/Accounts/:account/Messages.json', async (req, res) => {
    let answer = state.answers.shift() ?? 'accept';
    if (typeof answer === 'function') answer = await answer();
    if (typeof answer === 'object') {
      twilioError(res, answer.status, answer.code ?? answer.status * 100, answer.message ?? 'error');
      return;
    }
    const m = { sid: `SM${randomBytes(16).toString('hex')}`, to: req.body.To, body: req.body.Body, from: req.body.From, messagingServiceSid: req.body.MessagingServiceSid, statusCallback: req.body.StatusCallback };
    state.accepted.push(m);
    if (answer === 'accept-then-hang-up') {
      req.socket.destroy();
      return;
    }
    if (answer === 'accept-then-silence') return;
    res.status(201).json(resource(m));
  });
  router.get('/2010-04-01/Accounts/:account/Messages.json', (req, res) => {
    const to = req.query.To;
    const messages = state.accepted.filter((m) => !to || m.to === to).map(resource);
    res.json({ messages, page: 0, page_size: 50, start: 0, end: messages.length, first_page_uri: req.originalUrl, next_page_uri: null, previous_page_uri: null, uri: req.originalUrl });
  });

  const mediaPath = (m: StoredMedia) => `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.messageSid}/Media/${m.sid}`;
  const mediaResource = (m: StoredMedia) => ({
    sid: m.sid,
    account_sid: m.accountSid,
    parent_sid: m.messageSid,
    content_type: m.contentType,
    date_created: new Date().toUTCString(),
    date_updated: new Date().toUTCString(),
    uri: `${mediaPath(m)}.json`,
  });
  /** The media a request names, or the answer Twilio gives when it cannot have it. */
  const mediaFor = (req: Request, res: Response): StoredMedia | undefined => {
    const scripted = state.mediaAnswers.shift();
    if (scripted === 'hang-up') {
      req.socket.destroy();
      return undefined;
    }
    if (scripted) {
      twilioError(res, scripted.status, scripted.status * 100, 'scripted failure');
      return undefined;
    }
    if (!authorised(req)) {
      twilioError(res, 401, 20003, 'Authenticate');
      return undefined;
    }
    const found = state.media.get(String(req.params.sid));
    if (!found || found.deleted || found.accountSid !== req.params.account || found.messageSid !== req.params.message) {
      twilioError(res, 404, 20404, 'The requested resource was not found');
      return undefined;
    }
    return found;
  };
  router.get('/2010-04-01/Accounts/:account/Messages/:message/Media/:sid.json', (req, res) => {
    const m = mediaFor(req, res);
    if (m) res.json(mediaResource(m));
  });
  router.get('/2010-04-01/Accounts/:account/Messages/:message/Media/:sid', (req, res) => {
    const m = mediaFor(req, res);
    if (m) res.status(200).type(m.contentType).send(m.bytes);
  });
  router.delete('/2010-04-01/Accounts/:account/Messages/:message/Media/:sid.json', (req, res) => {
    const m = mediaFor(req, res);
    if (!m) return;
    m.deleted = true;
    res.status(204).end();
  });

  const addMedia: TwilioStandIn['addMedia'] = ({ messageSid, contentType, bytes, accountSid = defaultAccount }) => {
    const m: StoredMedia = { sid: `ME${randomBytes(16).toString('hex')}`, accountSid, messageSid, contentType, bytes, deleted: false };
    state.media.set(m.sid, m);
    return { mediaUrl: `${TWILIO_API}${mediaPath(m)}`, sid: m.sid };
  };
  // The stand-in's own door: what a parent's phone sent, for `npm run sms -- --picture` (basic auth like Twilio's media).
  router.post('/standin/incoming-media', express.raw({ type: () => true, limit: UPLOAD_LIMIT }), (req, res) => {
    const messageSid = String(req.query.messageSid ?? '');
    if (!authorised(req)) return void twilioError(res, 401, 20003, 'Authenticate');
    if (!/^MM[0-9a-f]{32}$/i.test(messageSid) || !Buffer.isBuffer(req.body)) return void twilioError(res, 400, 21620, 'Give the message SID and the file');
    res.status(201).json(addMedia({ messageSid, contentType: req.headers['content-type'] ?? 'application/octet-stream', bytes: req.body }));
  });

  return Object.assign(state, { router, addMedia });
}
