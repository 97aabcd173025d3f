import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The school's phone number as a parent would dial it: a UK number in national format
 * ("0161 496 0000", whether the school entered it so or as +44...), another country's in
 * international format, and anything we cannot read as a number exactly as the school wrote it.
 */
export function phoneForParents(written: string): string {
  const phone = parsePhoneNumberFromString(written, 'GB');
  if (!phone) return written;
  return phone.countryCallingCode === '44' ? phone.formatNational() : phone.formatInternational();
}
