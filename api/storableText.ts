import type { RequestHandler } from 'express';
import { textProblems, type TextProblem } from '../domain/storableText';
import { HttpError } from './errors';

/**
 * The edges' answer to text PostgreSQL cannot hold (domain/storableText.ts): 400 `invalid_text`
 * with each field's path, the same wherever the text came in (the API here, the bot's activities
 * and card data in bot/teamsCapability.ts). A register sent as a file cannot hold either: its bytes
 * are decoded strictly, and a NUL byte means it is not text (roster/csvEncoding.ts).
 */
export function unstorableTextError(problems: TextProblem[]): HttpError {
  return new HttpError(400, 'invalid_text', `Some text cannot be stored: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
}

/** The API's check, after the JSON parser: the body (when parsed) and the query string. */
export const storableText: RequestHandler = (req, _res, next) => {
  const body = Buffer.isBuffer(req.body) ? [] : textProblems(req.body);
  const query = textProblems(req.query, 'query');
  const problems = [...body, ...query];
  next(problems.length > 0 ? unstorableTextError(problems) : undefined);
};
