import { SignJWT } from 'jose';
import { LOCAL_ISSUER } from '../../api/auth';
import { authOptions } from '../../service/service';
import { TEST_API_KEY, type RunningService } from './testService';

/**
 * A signed-in member of staff, as the dashboard's local sign-in would make them: the service must
 * run with LOCAL_SIGN_IN=true. Returns the Authorization header value.
 */
export async function staffBearer(svc: RunningService, staff: { email: string }): Promise<string> {
  const key = authOptions(svc.ctx, { apiKey: TEST_API_KEY }).localSigningKey;
  if (!key) throw new Error('start the test service with LOCAL_SIGN_IN=true');
  const token = await new SignJWT({ preferred_username: staff.email }).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setIssuedAt().setExpirationTime('1h').sign(key);
  return `Bearer ${token}`;
}
