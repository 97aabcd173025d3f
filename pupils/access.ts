import type { PrismaClient } from '../db/database';
import type { Tx } from '../db/transaction';
import { canEditPupil, canViewPupil, EDIT_REFUSED, VIEW_REFUSED, type Principal } from '../domain/access';
import { DomainError, forbidden, notFound } from '../domain/errors';

/**
 * The pupil a use case acts on, checked against the role rules inside the use case's own
 * transaction. `view` and `edit`: a pupil the caller may not see is "not found" (their existence is
 * not confirmed), one they may see but not change is "forbidden". `act` (booking): anyone who may
 * not change it is "forbidden", as the booking routes have always answered.
 */
export type Access = 'view' | 'edit' | 'act';

const PUPIL = { id: true, schoolId: true, keyTeacherId: true, firstName: true, lastName: true, anonymisedAt: true } as const;

/** Inside a use case's transaction, or for an edge that checks before it shows anything (a card's form). */
type Reader = Tx | PrismaClient;

export async function pupilFor(tx: Reader, by: Principal, pupilId: string, access: Access) {
  const pupil = await tx.pupil.findUnique({ where: { id: pupilId }, select: PUPIL });
  return allowed(by, pupil, access, 'Pupil');
}

/** A conversation and its pupil, for the conversation's use cases. */
export async function conversationFor(tx: Reader, by: Principal, conversationId: string, access: Access) {
  const c = await tx.structuredConversation.findUnique({ where: { id: conversationId }, select: { id: true, pupil: { select: PUPIL } } });
  return { conversationId, pupil: allowed(by, c?.pupil ?? null, access, 'Conversation') };
}

/** A target and its pupil. */
export async function targetFor(tx: Reader, by: Principal, targetId: string, access: Access) {
  const t = await tx.target.findUnique({ where: { id: targetId }, select: { id: true, pupil: { select: PUPIL } } });
  return { targetId, pupil: allowed(by, t?.pupil ?? null, access, 'Target') };
}

function allowed<P extends { schoolId: string; keyTeacherId: string | null; anonymisedAt: Date | null }>(by: Principal, pupil: P | null, access: Access, what: string): P {
  // An anonymised record is kept for the school's figures, not to be written to again.
  if (!pupil || (access !== 'view' && pupil.anonymisedAt)) throw notFound(what);
  // Not theirs to see: "not found" to the API, in words that say whose it is.
  if (access !== 'act' && !canViewPupil(by, pupil)) throw new DomainError('not_found', 'not_found', access === 'view' ? VIEW_REFUSED : EDIT_REFUSED);
  if (access !== 'view' && !canEditPupil(by, pupil)) throw forbidden(EDIT_REFUSED);
  return pupil;
}
