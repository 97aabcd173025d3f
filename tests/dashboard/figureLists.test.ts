import { ManualClock } from '../../runtime/clock';
import { buildDigestCard } from '../../digest/digestCard';
import { computeDigest, type DigestFigures } from '../../digest/figures';
import { loadDigestInput } from '../../digest/digestQueries';
import { figureCount, figureKeysOf } from '../../digest/figureNames';
import { startTestService, type RunningService } from '../support/testService';
import { REPORT_AT, seedKnownSchools, type KnownSchools } from '../digest/knownSchools';
import { bearer, localToken } from './signIn';

/**
 * Every figure opens the list it counts: on the known data set, for each reader (the school lead,
 * a key teacher, the SENCO with filters), each figure the overview shows, each number on the key
 * teachers view and each number on the digest card leads to a list of exactly that many records,
 * within the reader's role.
 */
let svc: RunningService;
let known: KnownSchools;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  svc = await startTestService({ clock: new ManualClock(REPORT_AT), env: { LOCAL_SIGN_IN: 'true', PUBLIC_BASE_URL: 'https://send.oakfield.example' } });
  known = await seedKnownSchools(svc.ctx.prisma);
  for (const who of ['lead', 'kate', 'senco'] as const) tokens[who] = await localToken(svc.baseUrl, known.staff[who]);
});
afterAll(async () => {
  await svc.close();
});

interface FigureList {
  count: number;
  label: string;
  rows: { id: string; pupils: { id: string; name: string }[]; title: string; detail: string }[];
}
const json = async <T>(who: string, path: string): Promise<T> => {
  const res = await fetch(`${svc.baseUrl}${path}`, bearer(tokens[who]!));
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};
const list = (who: string, key: string, qs = '') => json<FigureList>(who, `/api/dashboard/figures/${encodeURIComponent(key)}${qs}`);

describe.each([
  ['the school lead, whole school', 'lead', ''],
  ['a key teacher, her own pupils', 'kate', ''],
  ['the SENCO, filtered to Year 7', 'senco', '?yearGroup=7'],
  ['the school lead, pupils with no key teacher', 'lead', '?keyTeacherId=none'],
])('%s', (_who, who, qs) => {
  it('Given every figure the overview shows, When each is opened, Then its list has exactly as many rows as the figure says', async () => {
    const { figures } = await json<{ figures: DigestFigures }>(who, `/api/dashboard/overview${qs}`);
    const keys = figureKeysOf(figures);
    expect(keys.length).toBeGreaterThan(30);
    const mismatches: string[] = [];
    for (const key of keys) {
      const opened = await list(who, key, qs);
      const shown = figureCount(figures, key);
      if (opened.count !== shown || opened.rows.length !== shown) mismatches.push(`${key}: figure ${shown}, list ${opened.rows.length}`);
    }
    expect(mismatches).toEqual([]);
    // Something was really counted: a list with a pupil in it, leading to their record.
    const pupils = await list(who, 'pupilsOnRegister', qs);
    expect(pupils.rows.length).toBe(figures.pupilsOnRegister);
  });
});

it("Given a key teacher, When she opens a figure, Then the list holds her own pupils only, and names her Birchwood colleague's nowhere", async () => {
  const mine = await list('kate', 'pupilsOnRegister');
  const all = await list('lead', 'pupilsOnRegister');
  expect(mine.rows.length).toBeLessThan(all.rows.length);
  const kates = await svc.ctx.prisma.pupil.findMany({ where: { keyTeacherId: known.staff.kate, archivedAt: null, senStatus: { not: 'NOT_ON_REGISTER' } }, select: { id: true } });
  expect(mine.rows.map((r) => r.id).sort()).toEqual(kates.map((p) => p.id).sort());
  expect(JSON.stringify(all)).not.toContain(known.pupils.birchPupil);
});

it('Given a figure that is no figure, Then it is refused as not found', async () => {
  const res = await fetch(`${svc.baseUrl}/api/dashboard/figures/parents.everything`, bearer(tokens.lead!));
  expect(res.status).toBe(404);
});

it('Given the key teachers view, When any number is opened for that key teacher, Then its list has exactly that many rows', async () => {
  interface Row { staffId: string | null; pupils: number; dueThisWeek: number; overdue: number; heldThisTerm: number; repliesWaiting: number; withoutViewsThisTerm: number; targetsOffTrack: number }
  const { keyTeachers } = await json<{ keyTeachers: Row[] }>('lead', '/api/dashboard/key-teachers');
  expect(keyTeachers.length).toBeGreaterThan(2);
  const columns: [keyof Row, (staffId: string | null) => string][] = [
    ['pupils', (id) => `workload.${id ?? 'none'}`],
    ['dueThisWeek', () => 'conversations.dueThisWeek'],
    ['overdue', () => 'conversations.overdue'],
    ['heldThisTerm', () => 'conversations.heldThisTerm'],
    ['repliesWaiting', () => 'parents.repliesWaiting'],
    ['withoutViewsThisTerm', () => 'pupilVoice.withoutViewsThisTerm'],
    ['targetsOffTrack', () => 'targets.total.offTrack'],
  ];
  const mismatches: string[] = [];
  for (const k of keyTeachers) {
    for (const [column, key] of columns) {
      const opened = await list('lead', key(k.staffId), `?keyTeacherId=${k.staffId ?? 'none'}`);
      if (opened.rows.length !== k[column]) mismatches.push(`${k.staffId} ${column}: ${k[column]} shown, ${opened.rows.length} listed`);
    }
  }
  expect(mismatches).toEqual([]);
});

it('Given the digest card, Then every number on it is a link to the list it counts, and that list (read by the school lead) has that many rows', async () => {
  const figures = computeDigest(await loadDigestInput(svc.ctx.prisma, known.oakfield, REPORT_AT), REPORT_AT);
  const card = JSON.stringify(buildDigestCard(figures, { schoolName: 'Oakfield Academy', timezone: 'Europe/London', dashboardUrl: 'https://send.oakfield.example/dashboard/', misUrl: 'https://send.oakfield.example/api/schools/S/mis' }));
  const links = [...card.matchAll(/\[(\d+)[^\]]*\]\(https:\/\/send\.oakfield\.example\/dashboard\/#\/figures\/([^)]+)\)/g)].map((m) => ({ shown: Number(m[1]), key: decodeURIComponent(m[2]!) }));
  // Every count of the card: conversations, overdue by teacher, targets by area, parents, voice, delivery, workload.
  expect(links.length).toBeGreaterThanOrEqual(5 + figures.conversations.overdueByKeyTeacher.length + 12 + 6 + 2 + 3 + figures.workload.length);
  const mismatches: string[] = [];
  for (const l of links) {
    const opened = await list('lead', l.key);
    if (opened.rows.length !== l.shown) mismatches.push(`${l.key}: ${l.shown} on the card, ${opened.rows.length} listed`);
  }
  expect(mismatches).toEqual([]);
});

it('Given "Parents rating", Then it reads as who it counts (parents who gave a rating), and its list shows each one\'s latest rating', async () => {
  const opened = await list('lead', 'confidence.parentsRating');
  expect(opened.label).toBe('Parents who gave a confidence rating');
  expect(opened.rows.length).toBe(3);
  for (const r of opened.rows) expect(r.detail).toMatch(/latest confidence rating [1-5] of 5/);
});
