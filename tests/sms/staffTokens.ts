import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { LOCAL_ISSUER } from '../../api/auth';
import { TEST_API_KEY } from '../support/testService';
import type { SmsService } from './smsSupport';

/** A local sign-in token for a member of staff (the service runs with LOCAL_SIGN_IN=true in these tests). */
export async function signInAs(svc: SmsService, staffId: string): Promise<string> {
  const staff = await svc.ctx.prisma.staff.findUniqueOrThrow({ where: { id: staffId } });
  const key = createHash('sha256').update(`local-sign-in:${TEST_API_KEY}`).digest();
  return new SignJWT({ email: staff.email }).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setIssuedAt().setExpirationTime('1h').sign(key);
}
