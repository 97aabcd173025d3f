import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { forgetPreviousKey, resealTokens, rotateKeyFiles } from '../../mis/rotateKey';
import { newKey, tokenVault, TokenUnreadable, TokenVault } from '../../mis/tokenVault';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/** The schools' Wonde tokens at rest: AES-256-GCM, bound to their school, readable across a key rotation. */
const TOKEN = '7e76896f9aca62569048c667db292d72dd84f224';
const SCHOOL = '00000000-0000-4000-8000-000000000001';

describe('the token vault', () => {
  const key = newKey();
  const vault = TokenVault.fromKeys(key);

  it('Given a token sealed for a school, Then it opens for that school and holds nothing of the token in clear', () => {
    const sealed = vault.seal(TOKEN, SCHOOL);
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(TOKEN);
    expect(vault.seal(TOKEN, SCHOOL)).not.toBe(sealed);
    expect(vault.open(sealed, SCHOOL)).toBe(TOKEN);
  });

  it("Given a sealed token copied onto another school, or altered, or opened with another key, Then it does not open", () => {
    const sealed = vault.seal(TOKEN, SCHOOL);
    expect(() => vault.open(sealed, '00000000-0000-4000-8000-000000000002')).toThrow(TokenUnreadable);
    const [v, id, iv, tag, ct] = sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => vault.open([v, id, iv, tag, flipped.toString('base64url')].join('.'), SCHOOL)).toThrow(TokenUnreadable);
    expect(() => TokenVault.fromKeys(newKey()).open(sealed, SCHOOL)).toThrow(TokenUnreadable);
  });

  it('Given a rotation under way, Then tokens under the previous key still open and are known to be stale', () => {
    const sealed = vault.seal(TOKEN, SCHOOL);
    const rotated = TokenVault.fromKeys(newKey(), [key]);
    expect(rotated.open(sealed, SCHOOL)).toBe(TOKEN);
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.seal(TOKEN, SCHOOL))).toBe(false);
  });

  it('Given the embedded default with no MIS_TOKEN_KEY, Then a key is generated into the data folder, owner-only, and kept; a deployment without one has no vault', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sebt-vault-'));
    const config = { MIS_TOKEN_KEY: undefined, MIS_TOKEN_KEY_PREVIOUS: undefined, embeddedDatabase: true, dataDir };
    const sealed = tokenVault(config)!.seal(TOKEN, SCHOOL);
    expect(statSync(path.join(dataDir, 'mis-token-key')).mode & 0o077).toBe(0);
    expect(Buffer.from(readFileSync(path.join(dataDir, 'mis-token-key'), 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(tokenVault(config)!.open(sealed, SCHOOL)).toBe(TOKEN);
    expect(tokenVault({ ...config, embeddedDatabase: false })).toBeUndefined();
  });
});

describe('npm run mis:rotate-key', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('Given two schools sealed under the old key and one under a key long gone, When the tokens are resealed under the new key, Then both open with the new key alone, and the lost one is counted', async () => {
    const [oldKey, newer, lost] = [newKey(), newKey(), newKey()];
    const schools = await Promise.all(['Oak', 'Ash', 'Elm'].map((name) => db.db.prisma.school.create({ data: { name } })));
    const sealers = [oldKey, oldKey, lost].map((k) => TokenVault.fromKeys(k));
    for (const [i, s] of schools.entries()) {
      await db.db.prisma.misConnection.create({ data: { schoolId: s.id, wondeSchoolId: `A${i}000`, tokenCiphertext: sealers[i]!.seal(`${TOKEN}${i}`, s.id), connectedAt: new Date() } });
    }
    expect(await resealTokens(db.db.prisma, TokenVault.fromKeys(newer, [oldKey]))).toEqual({ resealed: 2, current: 0, unreadable: 1 });
    const onlyNew = TokenVault.fromKeys(newer);
    const stored = await db.db.prisma.misConnection.findMany({ where: { schoolId: { in: schools.slice(0, 2).map((s) => s.id) } } });
    expect(stored.map((c) => onlyNew.open(c.tokenCiphertext, c.schoolId)).sort()).toEqual([`${TOKEN}0`, `${TOKEN}1`]);
    expect(await resealTokens(db.db.prisma, onlyNew)).toEqual({ resealed: 0, current: 2, unreadable: 1 });
  });

  it('Given the embedded key files, When a rotation starts, Then the old key is kept as the previous one; a rotation that did not finish is finished, never started again', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sebt-rotate-'));
    const old = newKey();
    writeFileSync(path.join(dataDir, 'mis-token-key'), `${old}\n`, { mode: 0o600 });
    expect(rotateKeyFiles(dataDir)).toEqual({ started: true });
    expect(readFileSync(path.join(dataDir, 'mis-token-key.previous'), 'utf8').trim()).toBe(old);
    const fresh = readFileSync(path.join(dataDir, 'mis-token-key'), 'utf8').trim();
    expect(fresh).not.toBe(old);
    expect(statSync(path.join(dataDir, 'mis-token-key')).mode & 0o077).toBe(0);
    expect(rotateKeyFiles(dataDir)).toEqual({ started: false });
    expect(readFileSync(path.join(dataDir, 'mis-token-key'), 'utf8').trim()).toBe(fresh);
    const vault = tokenVault({ MIS_TOKEN_KEY: undefined, MIS_TOKEN_KEY_PREVIOUS: undefined, embeddedDatabase: true, dataDir })!;
    expect(vault.open(TokenVault.fromKeys(old).seal(TOKEN, SCHOOL), SCHOOL)).toBe(TOKEN);
    forgetPreviousKey(dataDir);
    expect(() => tokenVault({ MIS_TOKEN_KEY: undefined, MIS_TOKEN_KEY_PREVIOUS: undefined, embeddedDatabase: true, dataDir })!.open(TokenVault.fromKeys(old).seal(TOKEN, SCHOOL), SCHOOL)).toThrow(TokenUnreadable);
  });
});
