import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/**
 * A local stand-in for api.twilio.com's Messages API: records every request and answers like
 * Twilio (201 with a message resource, or the error JSON Twilio sends). Each test scripts the
 * next answers; by default a message is accepted.
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

export interface TwilioStandIn {
  url: string;
  requests: RecordedRequest[];
  /** Messages Twilio accepted (what would reach phones). */
  accepted: { sid: string; to: string; body: string; from?: string; messagingServiceSid?: string; statusCallback?: string }[];
  answers: Answer[];
  close(): Promise<void>;
}

export async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const app = express();
  const state: Omit<TwilioStandIn, 'url' | 'close'> = { requests: [], accepted: [], answers: [] };
  app.use(express.urlencoded({ extended: false }));
  app.use((req, _res, next) => {
    state.requests.push({ method: req.method, path: req.path, form: req.body ?? {}, query: req.query as Record<string, string>, authorization: req.headers.authorization });
    next();
  });
  const resource = (m: TwilioStandIn['accepted'][number]) => ({
    sid: m.sid,
    account_sid: 'AC00000000000000000000000000000000',
    to: m.to,
    from: m.from ?? null,
    messaging_service_sid: m.messagingServiceSid ?? null,
    body: m.body,
    status: 'queued',
    direction: 'outbound-api',
    num_segments: '1',
    date_created: new Date().toUTCString(),
    uri: `/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/${m.sid}.json`,
  });
  app.post('/2010-04-01/Accounts/:account/Messages.json', async (req, res) => {
    let answer = state.answers.shift() ?? 'accept';
    if (typeof answer === 'function') answer = await answer();
    if (typeof answer === 'object') {
      res.status(answer.status).json({ code: answer.code ?? answer.status * 100, message: answer.message ?? 'error', more_info: 'https://www.twilio.com/docs/errors', status: answer.status });
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
  app.get('/2010-04-01/Accounts/:account/Messages.json', (req, res) => {
    const to = req.query.To;
    const messages = state.accepted.filter((m) => !to || m.to === to).map(resource);
    res.json({ messages, page: 0, page_size: 50, start: 0, end: messages.length, first_page_uri: req.originalUrl, next_page_uri: null, previous_page_uri: null, uri: req.originalUrl });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Requests left unanswered on purpose must not hold the server open.
        server.closeAllConnections();
      }),
  });
}
