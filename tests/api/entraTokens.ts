import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { StartOptions } from '../support/testService';

/**
 * A stand-in for Microsoft Entra ID: a key pair made in the test, its public half handed to the
 * service as the tenant's signing keys, tokens shaped like Entra v2 access tokens.
 */
export const TENANT_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
export const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
export const PUBLIC_BASE_URL = 'https://engage.oakfield.example';

export interface FakeEntra {
  /** Options for startTestService: the app registration and the local signing keys. */
  serviceOptions: StartOptions;
  /** A token; claims override the defaults (audience = app id, issuer = the tenant's v2 issuer, 1 h). */
  /** `expiresIn: null` leaves the expiry out altogether. */
  token(claims: JWTPayload & { oid?: string; preferred_username?: string }, options?: { expiresIn?: string | number | null; issuedAt?: number }): Promise<string>;
}

export async function fakeEntra(): Promise<FakeEntra> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const keys = createLocalJWKSet({ keys: [jwk] });
  return {
    serviceOptions: {
      env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-in-tests', MicrosoftAppTenantId: TENANT_ID, PUBLIC_BASE_URL },
      service: { auth: { entra: { tenantId: TENANT_ID, appId: APP_ID, publicBaseUrl: PUBLIC_BASE_URL, keys } } },
    },
    async token(claims, options = {}) {
      const { aud = APP_ID, iss = `https://login.microsoftonline.com/${TENANT_ID}/v2.0`, ...rest } = claims;
      const jwt = new SignJWT({ tid: TENANT_ID, ...rest })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setAudience(aud as string)
        .setIssuer(iss)
        .setIssuedAt(options.issuedAt);
      if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '1h');
      return jwt.sign(privateKey);
    },
  };
}
