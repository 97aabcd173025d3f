import type { SenStatus } from '../generated/prisma/client';
import type { IsoDate } from './schoolCalendar';

/**
 * Who the evidence figures count. The programme tracked its pupils for two years "even if they are
 * no longer identified as having SEN at any point after the start of the project" (000:394-399): a
 * pupil who leaves the SEN register stays in the figures as **former SEN** for two years from the day
 * they left it. A pupil never known to be on the register (imported as not on it) is not in the
 * cohort at all; one who returns to the register is SEN again. Pure.
 */
export type CohortStatus = 'SEN' | 'FORMER_SEN';

export const FORMER_SEN_YEARS = 2;

export interface StatusChange {
  senStatus: SenStatus;
  /** School-local date the status took effect. */
  effectiveOn: IsoDate;
}

const onRegister = (s: SenStatus): boolean => s !== 'NOT_ON_REGISTER';

/** The day a pupil who left the register on `leftOn` leaves the figures (29 February moves to 1 March). */
export function formerSenUntil(leftOn: IsoDate): IsoDate {
  const d = new Date(`${leftOn}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear() + FORMER_SEN_YEARS, d.getUTCMonth(), d.getUTCDate())).toISOString().slice(0, 10);
}

/** The day the pupil last left the register, from their dated history; undefined if they never did. */
function leftRegisterOn(history: StatusChange[]): IsoDate | undefined {
  let left: IsoDate | undefined;
  let was = false;
  for (const change of [...history].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn))) {
    const is = onRegister(change.senStatus);
    if (was && !is) left = change.effectiveOn;
    if (is) left = undefined;
    was = is;
  }
  return left;
}

export function cohortStatus(current: SenStatus, history: StatusChange[], today: IsoDate): CohortStatus | null {
  if (onRegister(current)) return 'SEN';
  const left = leftRegisterOn(history);
  return left !== undefined && today < formerSenUntil(left) ? 'FORMER_SEN' : null;
}
