import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { z } from 'zod';
import { ManualClock } from '../../runtime/clock';
import { WondeAccessRevoked, WondeClient, WondeRateLimited, WondeUnavailable } from '../../mis/wonde/client';
import * as shape from '../../mis/wonde/shapes';
import { startWondeStandIn, STANDIN_SCHOOL, STANDIN_TOKEN, type RunningWonde } from '../support/wondeStandIn';

const FIXTURES = path.join(__dirname, 'fixtures');

/** Each endpoint the product reads, and the schema its records go through. */
const ENDPOINTS: Record<string, { schema: z.ZodType; single?: boolean }> = {
  'students.json': { schema: shape.student },
  'student.json': { schema: shape.student, single: true },
  'student-evidence.json': { schema: shape.student, single: true },
  'contacts.json': { schema: shape.contact },
  'employees.json': { schema: shape.employee },
  'groups.json': { schema: shape.group },
  'classes.json': { schema: shape.teachingClass },
  'deletions.json': { schema: shape.deletion },
  'attendance-summaries.json': { schema: shape.attendanceSummary },
  'behaviours.json': { schema: shape.behaviour },
  'achievements.json': { schema: shape.achievement },
  'exclusions.json': { schema: shape.exclusion },
  'assessment-aspects.json': { schema: shape.aspect },
  'assessment-results.json': { schema: shape.result },
};

describe("Wonde's documented example responses", () => {
  it('every fixture names its source and how it was copied, and every endpoint read has one', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual([...Object.keys(ENDPOINTS), 'pagination.json'].sort());
    for (const f of files) {
      const fixture = JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as { source?: string; copy?: string };
      expect({ f, source: typeof fixture.source, copy: typeof fixture.copy }).toEqual({ f, source: 'string', copy: 'string' });
    }
  });

  it.each(Object.keys(ENDPOINTS))('Given the example of %s, Then every record passes the client schema', (file) => {
    const { response } = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as { response: unknown };
    const { schema, single } = ENDPOINTS[file]!;
    if (single) {
      expect(schema.safeParse(shape.singleEnvelope.parse(response).data).error).toBeUndefined();
      return;
    }
    const list = shape.listEnvelope.parse(response);
    expect(list.data.length).toBeGreaterThan(0);
    for (const record of list.data) expect(schema.safeParse(record).error).toBeUndefined();
  });

  it('Given the pagination example (per_page written as a string), Then it passes the pagination schema', () => {
    const { response } = JSON.parse(readFileSync(path.join(FIXTURES, 'pagination.json'), 'utf8')) as { response: { meta: { pagination: unknown } } };
    expect(shape.pagination.parse(response.meta.pagination)).toMatchObject({ more: true, per_page: '2', current_page: 1 });
  });
});

describe('the Wonde client against the stand-in', () => {
  const clock = new ManualClock(new Date('2026-09-07T01:00:00Z'));
  let wonde: RunningWonde;
  const logLines: string[] = [];
  const logger = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
  let slept: number[] = [];

  const client = (o: Partial<ConstructorParameters<typeof WondeClient>[0]> = {}) =>
    new WondeClient({ baseUrl: `${wonde.origin}/v1.0`, wondeSchoolId: STANDIN_SCHOOL, token: STANDIN_TOKEN, clock, logger, sleep: async (ms) => void slept.push(ms), timeoutMs: 500, ...o });
  const pagesOf = async (c: WondeClient, query = {}) => {
    const pages = [];
    for await (const p of c.students(query)) pages.push(p);
    return pages;
  };

  beforeAll(async () => {
    wonde = await startWondeStandIn(clock);
  });
  afterAll(() => wonde.close());
  beforeEach(() => {
    slept = [];
    wonde.requests.length = 0;
    wonde.restore(STANDIN_SCHOOL);
  });

  it('Given 1,500 students, When they are read 200 a page, Then 8 pages are followed and every page keeps the include and the filter', async () => {
    const c = client();
    const pages = await pagesOf(c, { include: ['year', 'extended_details'], updatedAfter: new Date('2026-01-01T00:00:00Z') });
    expect(pages.map((p) => p.records.length)).toEqual([200, 200, 200, 200, 200, 200, 200, 100]);
    expect(pages.flatMap((p) => p.malformed)).toEqual([]);
    expect(pages[7]!.records[99]!.year?.data.code).toBe('11');
    expect(c.requests).toBe(8);
    expect(wonde.requests.map((r) => [r.query.page ?? '1', r.query.include, r.query.updated_after, r.query.per_page])).toEqual(
      ['1', '2', '3', '4', '5', '6', '7', '8'].map((n) => [n, 'year,extended_details', '2026-01-01 00:00:00', '200']),
    );
  });

  it('Given a malformed record on a page, Then it is reported with its id and the rest of the page is read', async () => {
    const school = wonde.school(STANDIN_SCHOOL);
    const bad = school.senStudents()[3]!;
    school.corrupt(bad.id);
    try {
      const [first] = await pagesOf(client({ perPage: 50 }), { include: ['education_details'] });
      expect(first!.records).toHaveLength(49);
      expect(first!.malformed).toEqual([{ kind: 'student', id: bad.id, problem: expect.stringMatching(/date_of_birth|education_details/) }]);
    } finally {
      school.repair(bad.id);
    }
  });

  it('Given Wonde answers 429 with Retry-After 7, Then the client waits 7 s as told and reads the page', async () => {
    wonde.rateLimit(1, 7);
    const c = client();
    const { records } = await c.employees({ include: ['roles'] });
    expect(records).toHaveLength(120);
    expect(slept).toEqual([7000]);
    expect(c.requests).toBe(2);
  });

  it('Given Wonde asks to wait ten minutes, Then the request ends with WondeRateLimited naming the wait (the sync is rescheduled for it)', async () => {
    wonde.rateLimit(1, 600);
    await expect(client().employees({})).rejects.toEqual(new WondeRateLimited(600_000));
    expect(slept).toEqual([]);
  });

  it('Given two 503s and a timeout, Then the client retries with backoff (1 s, 2 s, 4 s) and reads the page', async () => {
    wonde.failNext([{ status: 503 }, { status: 502 }, 'timeout']);
    const c = client();
    expect((await c.groups({ include: ['employees'] })).records).toHaveLength(65);
    expect(slept).toEqual([1000, 2000, 4000]);
    expect(c.requests).toBe(4);
  });

  it('Given Wonde down for four tries, Then WondeUnavailable, after exactly four requests', async () => {
    wonde.failNext([{ status: 500 }, { status: 503 }, 'hang-up', { status: 504 }]);
    const c = client();
    await expect(c.groups({})).rejects.toBeInstanceOf(WondeUnavailable);
    expect(c.requests).toBe(4);
  });

  it.each([401, 403] as const)('Given the school revoked access (Wonde answers %i), Then WondeAccessRevoked at once, with no retry', async (status) => {
    wonde.revoke(STANDIN_SCHOOL, status);
    const c = client();
    await expect(c.employees({})).rejects.toEqual(new WondeAccessRevoked(status));
    expect(c.requests).toBe(1);
    expect(slept).toEqual([]);
  });

  it("Given a next page on another host, Then it is not followed (the token would go with it)", async () => {
    const c = client();
    await expect(c.page('student', 'https://elsewhere.example/v1.0/schools/x/students?page=2', shape.student)).rejects.toBeInstanceOf(WondeUnavailable);
    expect(c.requests).toBe(0);
  });

  it('Given everything above at trace level, Then the token never reached the log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(STANDIN_TOKEN);
  });
});
