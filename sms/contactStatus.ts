import type { Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { recordAudit, systemActor, type Actor } from '../audit/audit';
import { keyTeacherOrSencos, notifyStaff } from '../messaging/staffNotifier';
import { markForPlanning } from '../jobs/planningMarks';

/** Twilio error codes that mean this number cannot be texted by us (dead, not a mobile, unreachable). */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['21211', '21614', '30003', '30005', '30006']);
/** The recipient replied STOP to our sender number at the carrier: Twilio refuses further messages. */
export const OPTED_OUT_CODE = '21610';

/** The staff who should hear about a parent: each linked pupil's key teacher, else the school's SENCOs. */
export async function staffForContact(db: Tx, contactId: string): Promise<{ staffId: string; pupil: { id: string; firstName: string; lastName: string } }[]> {
  const links = await db.pupilContact.findMany({
    where: { contactId, pupil: { archivedAt: null } },
    include: { pupil: { select: { id: true, firstName: true, lastName: true, keyTeacherId: true, schoolId: true } } },
  });
  const out: { staffId: string; pupil: { id: string; firstName: string; lastName: string } }[] = [];
  for (const { pupil } of links) {
    for (const staffId of await keyTeacherOrSencos(db, pupil)) out.push({ staffId, pupil });
  }
  return out;
}

/**
 * Records that a contact cannot be texted (or opted out at the carrier, code 21610) and tells the
 * staff around their children, once: a contact already marked is left as it is.
 */
export async function markContactUndeliverable(db: Tx, clock: Clock, contactId: string, code: string, actor: Actor = systemActor): Promise<boolean> {
  const now = clock.now();
  const optedOut = code === OPTED_OUT_CODE;
  const contact = await db.contact.findUnique({ where: { id: contactId } });
  if (!contact) return false;
  const changed = optedOut
    ? await db.contact.updateMany({ where: { id: contactId, optedOutAt: null }, data: { optedOutAt: now } })
    : await db.contact.updateMany({ where: { id: contactId, unreachableAt: null }, data: { unreachableAt: now, unreachableReason: `Twilio error ${code}` } });
  if (changed.count === 0) return false;
  // No more progress updates to this number.
  await markForPlanning(db, 'contact', contactId);
  await recordAudit(db, actor, {
    schoolId: contact.schoolId,
    action: optedOut ? 'contact.optOut' : 'contact.unreachable',
    entityType: 'Contact',
    entityId: contactId,
    before: optedOut ? { optedOutAt: null } : { unreachableAt: null },
    after: optedOut ? { optedOutAt: now, source: `Twilio error ${code}` } : { unreachableAt: now, unreachableReason: `Twilio error ${code}` },
  });
  const why = optedOut
    ? 'has blocked texts from the school at their phone company (they replied STOP). They get no texts until they reply START: please reach them another way.'
    : `cannot be reached by text (the number is dead, not a mobile, or unreachable: Twilio error ${code}). Please check their number with the office.`;
  await tellStaffCannotText(db, clock, contact, why);
  return true;
}

const UNREACHABLE = 'contact.unreachable';
const REACHABLE = 'contact.reachable';

/** The parent a `contact.unreachable` or `contact.reachable` notice is about, from its key (written below). */
export function contactOfNotice(key: string | null): string | undefined {
  const [kind, contactId] = key?.split(':') ?? [];
  return kind === UNREACHABLE || kind === REACHABLE ? contactId : undefined;
}

/** Tells the staff around a contact's children that texts no longer reach them (`contact.unreachable`), once per change. */
export async function tellStaffCannotText(db: Tx, clock: Clock, contact: { id: string; displayName: string }, why: string): Promise<void> {
  const now = clock.now();
  for (const { staffId, pupil } of await staffForContact(db, contact.id)) {
    await notifyStaff(db, clock, {
      staffId,
      template: UNREACHABLE,
      text: `${contact.displayName}, parent or carer of ${pupil.firstName} ${pupil.lastName}, ${why}`,
      pupilId: pupil.id,
      idempotencyKey: `${UNREACHABLE}:${contact.id}:${pupil.id}:${staffId}:${now.toISOString()}`,
    });
  }
}

/**
 * The parent texted START: the staff who were told texts no longer reach them are told they do
 * again (`contact.reachable`). Only those whose opt-out notice went out (or is going out now) are
 * told; one still waiting is dropped at delivery, since it is no longer true, so a STOP and START
 * seconds apart tell a teacher nothing. At delivery this notice is checked again the same way.
 */
export async function tellStaffCanTextAgain(db: Tx, clock: Clock, contact: { id: string; displayName: string }): Promise<void> {
  const now = clock.now();
  const told = await db.message.findMany({
    where: { channel: 'TEAMS', template: UNREACHABLE, status: { in: ['SENDING', 'SENT', 'DELIVERED'] }, idempotencyKey: { startsWith: `${UNREACHABLE}:${contact.id}:` } },
    select: { staffId: true, pupilId: true },
    distinct: ['staffId', 'pupilId'],
  });
  for (const { staffId, pupil } of await staffForContact(db, contact.id)) {
    if (!told.some((t) => t.staffId === staffId && t.pupilId === pupil.id)) continue;
    await notifyStaff(db, clock, {
      staffId,
      template: REACHABLE,
      text: `${contact.displayName}, parent or carer of ${pupil.firstName} ${pupil.lastName}, replied START: texts from the school reach them again.`,
      pupilId: pupil.id,
      idempotencyKey: `${REACHABLE}:${contact.id}:${pupil.id}:${staffId}:${now.toISOString()}`,
    });
  }
}
