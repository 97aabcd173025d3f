import { PUBLIC_BASE_URL } from '../sms/smsSupport';

/** Twilio credentials of a test account: with TWILIO_API_ORIGIN they make the service send to a stand-in. */
export const TWILIO_ENV = {
  TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'twilio-auth-token-for-tests',
  TWILIO_FROM: '+447700900001',
  PUBLIC_BASE_URL,
};
