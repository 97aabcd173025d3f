import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * One reading of a phone number for the whole product: the register import stores contacts' numbers
 * with it and the inbound webhook looks up the sender with it, so a number written two ways
 * ("07700 900210", "+44 7700 900210", "+44 (0)7700 900210", or "+4407700900210" with the trunk
 * zero left in after the country code) is one parent. UK numbers may omit +44. Pure.
 */
export type MobileReading =
  | { kind: 'mobile'; e164: string }
  | { kind: 'landline'; e164: string }
  | { kind: 'notMobile'; e164: string }
  | { kind: 'invalid' };

// Ofcom's ranges for drama and testing (07700 900000-900999 mobile, 01632 960000-960999 landline):
// libphonenumber calls them invalid, but the demo and tests use them so that no real family can
// ever be texted by mistake.
const DRAMA_MOBILE = /^\+447700900\d{3}$/;
const DRAMA_LANDLINE = /^\+441632960\d{3}$/;

export function readPhoneNumber(written: string): MobileReading {
  const parsed = parsePhoneNumberFromString(written, 'GB');
  if (!parsed) return { kind: 'invalid' };
  const e164 = parsed.number;
  if (DRAMA_MOBILE.test(e164)) return { kind: 'mobile', e164 };
  if (DRAMA_LANDLINE.test(e164)) return { kind: 'landline', e164 };
  if (!parsed.isValid()) return { kind: 'invalid' };
  const type = parsed.getType();
  if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') return { kind: 'mobile', e164 };
  if (type === 'FIXED_LINE') return { kind: 'landline', e164 };
  return { kind: 'notMobile', e164 };
}
