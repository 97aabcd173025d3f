import { isIPv6 } from 'node:net';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';

/**
 * Per-address rate limits that hold for the whole deployment: every instance counts in one
 * PostgreSQL table (UNLOGGED: a count lost in a crash only restarts a minute's allowance), one row
 * per limiter, client address and minute, so N instances behind a balancer allow what one does.
 * Past the limit the address gets 429 with Retry-After until the minute is over.
 *
 * What counts depends on the door:
 * - Twilio's webhooks and the bot (`limitRefusals`): only requests refused before or at
 *   authentication (forged, malformed, too big). A correctly signed request is never counted and
 *   never refused for the limit: Twilio sends from shared addresses, and a text answered 429 is
 *   not retried, so a flood of forgeries must not cost a parent's words.
 * - the API (`limitRefusedSignIns`): refused sign-ins (401) count; past the limit the address waits,
 *   whatever it sends, so a guesser cannot tell a right key from a wrong one.
 * - the demo sign-in (`limitRequests`): every request counts.
 */
export interface Limit {
  /** Names the limit in the table and the logs. */
  name: string;
  perMinute: number;
}

export interface Tally {
  /** Requests counted for this address this minute. */
  count: number;
  /** Seconds until the minute is over. */
  retryAfterSeconds: number;
}

export interface RateLimitStore {
  /** Counts one more for the address this minute (one upsert) and says how many so far. */
  add(limiter: string, address: string): Promise<Tally>;
  /** How many so far, counting nothing. */
  current(limiter: string, address: string): Promise<Tally>;
}

const MINUTE_MS = 60_000;

const ADD = `INSERT INTO "RateLimitCount" ("limiter", "address", "minute", "count") VALUES ($1, $2, $3, 1)
  ON CONFLICT ("limiter", "address", "minute") DO UPDATE SET "count" = "RateLimitCount"."count" + 1
  RETURNING "count"`;
// Minutes that are over, removed by each instance once a minute: a statement of its own, so its
// row locks (old minutes) never meet the upserts' (this minute) and the two cannot deadlock.
const PRUNE = `DELETE FROM "RateLimitCount" WHERE "minute" < $1`;
const CURRENT = `SELECT "count" FROM "RateLimitCount" WHERE "limiter" = $1 AND "address" = $2 AND "minute" = $3`;

export function rateLimitStore(pool: Pool, clock: Clock): RateLimitStore {
  let prunedMinute = 0;
  const window = () => {
    const now = clock.now().getTime();
    const minute = now - (now % MINUTE_MS);
    return { minute, retryAfterSeconds: Math.max(1, Math.ceil((minute + MINUTE_MS - now) / 1000)) };
  };
  return {
    async add(limiter, address) {
      const { minute, retryAfterSeconds } = window();
      const { rows } = await pool.query<{ count: number }>(ADD, [limiter, address, new Date(minute)]);
      if (minute > prunedMinute) {
        prunedMinute = minute;
        // A prune that fails is tried again by the next refusal.
        await pool.query(PRUNE, [new Date(minute)]).catch(() => {
          prunedMinute = 0;
        });
      }
      return { count: rows[0]!.count, retryAfterSeconds };
    },
    async current(limiter, address) {
      const { minute, retryAfterSeconds } = window();
      const { rows } = await pool.query<{ count: number }>(CURRENT, [limiter, address, new Date(minute)]);
      return { count: rows[0]?.count ?? 0, retryAfterSeconds };
    },
  };
}

/**
 * The client as the limits count it: req.ip (see `trust proxy` in api/app.ts), an IPv6 client by
 * its /56, which is what one home or office is given (a single host may pick any address in it).
 */
export function clientKey(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right].map((g) => g.padStart(4, '0'));
  const prefix = `${groups.slice(0, 3).join(':')}:${groups[3]!.slice(0, 2)}00`;
  return `${prefix}::/56`;
}

function tooMany(res: Response, tally: Tally): void {
  res.setHeader('retry-after', String(tally.retryAfterSeconds));
  res.status(429).json({ error: 'too_many_requests', message: 'Too many requests from your address; please wait a minute and try again.' });
}

/** Logged once per address and minute, when it first goes past the limit (a flood would fill the log). */
function logFirstRefusal(logger: Logger, limit: Limit, req: Request, tally: Tally): void {
  if (tally.count === limit.perMinute + 1) logger.warn({ limit: limit.name, path: req.path }, 'rate limited');
}

const statusOf = (err: unknown): number | undefined => {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
};

/**
 * For the open doors: an error handler mounted after the door's routes, which pass to it (as an
 * error with a 4xx status) only what they refuse before or at authentication. Each such refusal
 * is counted; past the limit it is answered 429 instead. Anything authenticated never comes here.
 * If the count cannot be taken (the database is away), the refusal is answered as it was.
 */
export function limitRefusals(store: RateLimitStore, limit: Limit, logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    const status = statusOf(err);
    if (status === undefined || status < 400 || status >= 500 || res.headersSent) return next(err);
    store.add(limit.name, clientKey(req)).then(
      (tally) => {
        if (tally.count <= limit.perMinute) return next(err);
        logFirstRefusal(logger, limit, req, tally);
        tooMany(res, tally);
      },
      (dbErr: Error) => {
        logger.warn({ limit: limit.name, err: dbErr.message }, 'rate limit not counted');
        next(err);
      },
    );
  };
}

/** Every request counts; past the limit, 429 (the demo sign-in, where each request is a guess). */
export function limitRequests(store: RateLimitStore, limit: Limit, logger: Logger): RequestHandler {
  return (req, res, next) => {
    store.add(limit.name, clientKey(req)).then(
      (tally) => {
        if (tally.count <= limit.perMinute) return next();
        logFirstRefusal(logger, limit, req, tally);
        tooMany(res, tally);
      },
      (dbErr: Error) => {
        logger.warn({ limit: limit.name, err: dbErr.message }, 'rate limit not counted');
        next();
      },
    );
  };
}

/**
 * Refused sign-ins, around the API's authentication: an address that has spent its allowance is
 * turned away before authentication (whatever it sends, the right key included), and each 401
 * that authentication itself answers is counted (a 401 from anywhere else is not).
 */
export function limitRefusedSignIns(store: RateLimitStore, limit: Limit, logger: Logger, authenticate: RequestHandler): RequestHandler {
  // Requests from one address at the same moment (a school's staff behind one router, a script)
  // share one read of its count: the guard then costs one statement per address, not per request.
  const reading = new Map<string, Promise<Tally>>();
  const current = (address: string): Promise<Tally> => {
    const inFlight = reading.get(address);
    if (inFlight) return inFlight;
    const read = store.current(limit.name, address).finally(() => reading.delete(address));
    reading.set(address, read);
    return read;
  };
  return (req, res, next) => {
    const counted = (err?: unknown) => {
      if (statusOf(err) !== 401) return next(err);
      store.add(limit.name, clientKey(req)).then(
        (tally) => {
          if (tally.count === limit.perMinute) logger.warn({ limit: limit.name, path: req.path }, 'rate limited');
          next(err);
        },
        (dbErr: Error) => {
          logger.warn({ limit: limit.name, err: dbErr.message }, 'rate limit not counted');
          next(err);
        },
      );
    };
    current(clientKey(req)).then(
      (tally) => (tally.count < limit.perMinute ? authenticate(req, res, counted) : tooMany(res, tally)),
      (dbErr: Error) => {
        logger.warn({ limit: limit.name, err: dbErr.message }, 'rate limit not read');
        authenticate(req, res, counted);
      },
    );
  };
}
