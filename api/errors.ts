import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { DomainError, type RefusalKind } from '../domain/errors';
import type { Logger } from '../runtime/logger';

/** An error with an HTTP status and a message safe to show the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The API's one mapping of a use case's refusal: a status by its kind, its reason code and message as they are. */
export const STATUS_OF: Record<RefusalKind, number> = { not_found: 404, forbidden: 403, invalid: 400, conflict: 409, unprocessable: 422 };

/** Wraps an async route so rejections reach the error handler (and nothing is left half-answered). */
export function route(handler: (...args: Parameters<RequestHandler>) => Promise<unknown>): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof DomainError) {
      res.status(STATUS_OF[err.kind]).json({ error: err.code, message: err.message, details: err.details });
      return;
    }
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.code, message: err.message, details: err.details });
      return;
    }
    if (err instanceof ZodError) {
      res.status(400).json({
        error: 'invalid_request',
        message: 'The request is not valid',
        details: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
      return;
    }
    // body-parser's own errors carry a status (400 malformed JSON, 413 too large, 415 charset).
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status < 500) {
      res.status(status).json({ error: err.type ?? 'bad_request', message: err.expose ? err.message : 'The request could not be read' });
      return;
    }
    logger.error({ err, path: req.path, requestId: res.locals.requestId }, 'request failed');
    res.status(500).json({ error: 'internal', message: 'Something went wrong; nothing was lost. Please try again.' });
  };
}
