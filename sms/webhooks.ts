import express, { type Express, type Request, type RequestHandler } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { HttpError, route } from '../api/errors';
import { readPhoneNumber } from '../domain/mobileNumber';
import { receiveSms, type InboundOptions } from './inbound';
import { mediaOfForm } from './mediaItems';
import { recordStatus } from './deliveryStatus';

/**
 * Twilio's webhooks. Each request must be a form (anything else: 415), of at most BODY_LIMIT (413),
 * carrying a valid X-Twilio-Signature for the public URL it was sent to (PUBLIC_BASE_URL + the
 * original path and query: behind a proxy the host we see is not the one Twilio signed); anything
 * else gets 403 and nothing is stored. These refusals, made before or at the signature, are passed
 * on as errors so that the address's rate limit counts them (api/rateLimits.ts); a signed request
 * never is. A signed request whose fields are missing or not what Twilio sends gets 400 and nothing
 * is stored: Twilio logs it for whoever runs the number, and a school would rather hear of a broken
 * request than keep a half-record.
 */
const BODY_LIMIT = '32kb';
const FORM = 'application/x-www-form-urlencoded';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

const messageSid = z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/);
const e164 = /^\+[1-9]\d{6,14}$/;

const inboundSchema = z.object({
  MessageSid: messageSid,
  From: z.string().regex(e164),
  // Our own number as Twilio names it (E.164, a short code; "local" from `npm run sms`).
  To: z.string().regex(/^[\w+:.@-]{1,64}$/).optional(),
  // The parent's words are kept as sent, except NUL, which PostgreSQL text cannot hold (and GSM's
  // 0x00 is "@", which Twilio delivers as "@": a NUL here was never typed by a parent).
  Body: z
    .string()
    .max(1600)
    .transform((body) => body.replaceAll('\u0000', '')),
});

const statusSchema = z.object({
  MessageSid: messageSid,
  // Twilio's words (queued, sent, delivered, ...); one it adds later is kept, anything else is not a status.
  MessageStatus: z.string().regex(/^[a-z_]{1,40}$/i),
  ErrorCode: z.string().regex(/^\d+$/).optional(),
});

export interface WebhookDeps {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  publicBaseUrl: string;
  authToken: string;
  /** Runs due jobs soon (the scheduler's kick), so answers do not wait for the next minute. */
  kick(): void;
  inbound: InboundOptions;
}

/**
 * The form's fields exactly as they arrived, read once, for the signature and the handlers alike.
 * (A general form parser drops keys like `__proto__`, so a signed request with such a field added
 * would still verify.) A repeated field is a list, which the schemas below refuse.
 */
const formFields: RequestHandler = (req, _res, next) => {
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '')) {
    const earlier = fields[key];
    fields[key] = earlier === undefined ? value : [earlier, value].flat();
  }
  req.body = fields;
  next();
};

function signedBy(token: string, publicBaseUrl: string): RequestHandler {
  return (req, _res, next) => {
    const signature = req.header('x-twilio-signature');
    const valid = signature !== undefined && twilio.validateRequest(token, signature, `${publicBaseUrl}${req.originalUrl}`, req.body as Record<string, string | string[]>);
    next(valid ? undefined : new HttpError(403, 'forbidden', 'The request is not signed by Twilio for this address'));
  };
}

const formOnly: RequestHandler = (req, _res, next) => {
  next(req.is(FORM) ? undefined : new HttpError(415, 'unsupported_media_type', `Twilio posts ${FORM}`));
};

function malformed(res: express.Response): void {
  res.status(400).type('text/plain').send('Bad Request');
}

const messageIdOf = (req: Request): string | undefined => {
  const m = req.query.m;
  return typeof m === 'string' && /^[0-9a-f-]{36}$/i.test(m) ? m : undefined;
};

export function mountSmsWebhooks(app: Express, d: WebhookDeps): void {
  const form = [formOnly, express.raw({ type: FORM, limit: BODY_LIMIT }), formFields];
  const signed = signedBy(d.authToken, d.publicBaseUrl);

  app.post(
    '/sms/inbound',
    form,
    signed,
    route(async (req, res) => {
      const parsed = inboundSchema.safeParse(req.body);
      // Pictures (MMS): each MediaUrlN / MediaContentTypeN that NumMedia promises, or the request is not Twilio's shape.
      const media = mediaOfForm(req.body as Record<string, unknown>);
      if (!parsed.success || media === 'malformed') return malformed(res);
      // The sender as the register import stores numbers, so "+4407700..." finds "+447700...".
      const sender = readPhoneNumber(parsed.data.From);
      const from = sender.kind === 'invalid' ? parsed.data.From : sender.e164;
      const outcome = await receiveSms(d.prisma, d.clock, { messageSid: parsed.data.MessageSid, from, to: parsed.data.To, body: parsed.data.Body, media }, d.inbound);
      d.logger.info({ messageSid: parsed.data.MessageSid, outcome }, 'inbound SMS');
      if (outcome === 'processed') d.kick();
      // Answers go through the outbox (stored, quiet-hour aware, tracked), never inline TwiML.
      res.status(200).type('text/xml').send(EMPTY_TWIML);
    }),
  );

  app.post(
    '/sms/status',
    form,
    signed,
    route(async (req, res) => {
      const parsed = statusSchema.safeParse(req.body);
      if (!parsed.success) return malformed(res);
      const fresh = await recordStatus(d.prisma, d.clock, {
        messageSid: parsed.data.MessageSid,
        status: parsed.data.MessageStatus,
        errorCode: parsed.data.ErrorCode,
        messageId: messageIdOf(req),
      });
      d.logger.debug({ messageSid: parsed.data.MessageSid, status: parsed.data.MessageStatus, fresh }, 'SMS status');
      res.status(204).end();
    }),
  );
}
