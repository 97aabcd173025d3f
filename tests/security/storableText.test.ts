import type { Express } from 'express';
import fc from 'fast-check';
import { startTestService, type RunningService } from '../support/testService';
import { freshPupil, seedMatrixSchools, tracesOf, type FreshPupil, type MatrixSchools } from './matrixSchools';

/**
 * Text PostgreSQL cannot hold (a NUL character, half of a surrogate pair) anywhere in what any edge
 * takes: every /api route that takes a body (read off the running router, as the role matrix does),
 * query strings, roster JSON, and every card verb the bot answers. Each is answered 400
 * `invalid_text` naming the field, never 500, and nothing is written or stored changed.
 */
let svc: RunningService;
let schools: MatrixSchools;
let cell: FreshPupil;

beforeAll(async () => {
  svc = await startTestService();
  schools = await seedMatrixSchools(svc.ctx.prisma);
  cell = await freshPupil(svc.ctx.prisma, schools);
});
afterAll(() => svc.close());

/** "POST /pupils/:id/views", ... for every route on the /api router that takes a body. */
function routesWithBodies(app: Express): { method: string; path: string }[] {
  interface Layer {
    name: string;
    route?: { path: string; methods: Record<string, boolean> };
    handle: { stack?: Layer[] };
    matchers?: ((path: string) => unknown)[];
  }
  const api = (app.router as unknown as { stack: Layer[] }).stack.find((l) => l.name === 'router' && l.matchers?.[0]?.('/api/me'));
  return (api?.handle.stack ?? []).flatMap((l) =>
    l.route ? Object.keys(l.route.methods).filter((m) => ['post', 'put', 'patch'].includes(m)).map((m) => ({ method: m.toUpperCase(), path: l.route!.path })) : [],
  );
}

/** A real id for each path parameter, so a route that read the body would reach the database with it. */
function concrete(path: string): string {
  const ids: Record<string, string> = {
    schools: schools.oakfield.id,
    pupils: cell.pupil.id,
    conversations: cell.conversation.id,
    targets: cell.target.id,
    contacts: cell.contact.id,
    'parent-replies': cell.reply.id,
  };
  const first = path.split('/')[1]!;
  return `/api${path.replace(/:id\b/g, ids[first] ?? crypto.randomUUID()).replace(/:format\b/g, 'csv')}`;
}

const clean = fc.string({ maxLength: 12 });
/** A string with a NUL or a lone surrogate somewhere in it. */
const unstorable = fc.tuple(clean, fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0000\u0000'), clean).map(([a, bad, b]) => a + bad + b);
const key = fc.oneof(fc.constantFrom('name', 'goodAt', 'note', 'reason', 'text', 'exploreStrengths', 'slots', 'csv', 'description', 'attendees'), fc.stringMatching(/^[a-z][a-zA-Z]{0,7}$/));
const plain = fc.oneof(clean, fc.integer(), fc.boolean(), fc.constant(null), fc.array(clean, { maxLength: 3 }));

/** A JSON body with one unstorable string at a path (inside objects, possibly an array), and that path as the answer must name it. */
const poisoned = fc
  .record({
    base: fc.dictionary(key, plain, { maxKeys: 4 }),
    path: fc.array(key, { minLength: 1, maxLength: 3 }),
    inArray: fc.boolean(),
    bad: unstorable,
  })
  .map(({ base, path, inArray, bad }) => {
    const body: Record<string, unknown> = structuredClone(base);
    let at: Record<string, unknown> = body;
    for (const k of path.slice(0, -1)) {
      const next = at[k] !== null && typeof at[k] === 'object' && !Array.isArray(at[k]) ? (at[k] as Record<string, unknown>) : {};
      at[k] = next;
      at = next;
    }
    const last = path[path.length - 1]!;
    at[last] = inArray ? ['fine', bad] : bad;
    return { body, path: [...path, ...(inArray ? ['1'] : [])].join('.') };
  });

const api = (method: string, path: string, body: unknown) => svc.api(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('text PostgreSQL cannot hold, at every edge', () => {
  it('reads the routes that take a body from the running app', () => {
    const routes = routesWithBodies(svc.service.app).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(expect.arrayContaining(['POST /schools', 'PATCH /schools/:id/settings', 'POST /pupils/:id/views', 'PUT /conversations/:id/record', 'POST /conversations/:id/cancel', 'POST /roster/import']));
    expect(routes.length).toBeGreaterThanOrEqual(15);
  });

  it('Given any body with a NUL or a lone surrogate anywhere, on every /api route that takes one, Then 400 invalid_text names the field, never 500, and nothing about the pupil is written', async () => {
    const before = await tracesOf(svc.ctx.prisma, cell);
    for (const { method, path } of routesWithBodies(svc.service.app)) {
      await fc.assert(
        fc.asyncProperty(poisoned, async ({ body, path: field }) => {
          const res = await api(method, concrete(path), body);
          const answer = (await res.json()) as { error: string; details: { path: string }[] };
          expect([`${method} ${path}`, res.status, answer.error]).toEqual([`${method} ${path}`, 400, 'invalid_text']);
          expect(answer.details.map((d) => d.path)).toContain(field);
        }),
        { numRuns: 15 },
      );
    }
    expect(await tracesOf(svc.ctx.prisma, cell)).toEqual(before);
  });

  it.each([
    ['a pupil\'s views', 'POST', () => `/api/pupils/${cell.pupil.id}/views`, { goodAt: 'Drawing\u0000', hardFor: 'x' }, 'goodAt'],
    ['a school\'s settings', 'PATCH', () => `/api/schools/${schools.oakfield.id}/settings`, { digestTime: '08:00', name: 'Oak\uD800field' }, 'name'],
    ['a cancel reason', 'POST', () => `/api/conversations/${cell.conversation.id}/cancel`, { reason: 'ill\uDC00' }, 'reason'],
    ['a new school\'s name', 'POST', () => '/api/schools', { name: 'St Mary\uD800s' }, 'name'],
    ['a register sent as JSON', 'POST', () => `/api/roster/import?kind=staff&schoolId=${schools.oakfield.id}`, { csv: 'Name,Email,Role\nA\u0000B,a@b.example,Teacher\n' }, 'csv'],
    ['a note on a parent\'s reply', 'POST', () => `/api/parent-replies/${cell.reply.id}/handled`, { note: ['fine', 'we\u0000'] }, 'note.1'],
  ])('Given %s with such text, Then 400 names the field and nothing is stored', async (_, method, path, body, field) => {
    const schoolsBefore = await svc.ctx.prisma.school.count();
    const res = await api(method, path(), body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_text', details: [{ path: field, message: expect.stringMatching(/cannot be stored/) }] });
    expect(await svc.ctx.prisma.school.count()).toBe(schoolsBefore);
    expect(await svc.ctx.prisma.pupilView.count({ where: { pupilId: cell.pupil.id } })).toBe(0);
    expect(await svc.ctx.prisma.staff.count({ where: { email: 'a@b.example' } })).toBe(0);
  });

  it('Given a query string with a NUL (%00), Then 400 names the parameter', async () => {
    const res = await svc.api(`/api/sms/outbox?to=%2B44%00`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_text', details: [{ path: 'query.to' }] });
  });

  it('Given a field whose name holds a NUL, Then 400 names it too', async () => {
    const res = await svc.api(`/api/pupils/${cell.pupil.id}/views`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"good\\u0000At":"Drawing"}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_text', details: [{ path: 'good\u0000At', message: expect.stringMatching(/^the field's name/) }] });
  });

  it('Given a body nested a hundred thousand deep, Then the check walks it without overflowing (the parser\'s own limits answer)', async () => {
    const deep = `${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`;
    const res = await svc.api(`/api/pupils/${cell.pupil.id}/views`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
    expect(res.status).toBeLessThan(500);
  });

  it('Given any card verb the bot answers, When its card data holds such text, Then the bot answers 400 naming the field and runs no turn', async () => {
    const verbs = svc.service.cardActionVerbs();
    expect(verbs.length).toBeGreaterThanOrEqual(10);
    const invoke = (verb: string, data: Record<string, unknown>) => ({
      type: 'invoke',
      name: 'adaptiveCard/action',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      from: { id: '29:someone', aadObjectId: schools.people.keyTeacher.aadObjectId },
      recipient: { id: '28:bot' },
      conversation: { id: 'a:personal', conversationType: 'personal' },
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...verbs), poisoned, async (verb, { body, path }) => {
        const res = await fetch(`${svc.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(invoke(verb, body)) });
        expect(res.status).toBe(400);
        const answer = (await res.json()) as { error: string; details: { path: string }[] };
        expect(answer.error).toBe('invalid_text');
        expect(answer.details.map((d) => d.path)).toContain(`value.action.data.${path}`);
      }),
      { numRuns: 60 },
    );
  });
});
