import type * as AdaptiveCards from 'adaptivecards';
import { buildDigestCard, digestText } from '../../digest/digestCard';
import { computeDigest } from '../../digest/figures';
import { loadDigestInput } from '../../digest/digestQueries';
import { startBotConnector, type BotConnector } from '../support/botConnector';
import { startTestService, type RunningService } from '../support/testService';
import { memberFor, personal, post } from '../bot/teamsActivities';
import { ManualClock } from '../../runtime/clock';
import { REPORT_AT, seedKnownSchools, type KnownSchools } from './knownSchools';
import { factsOf } from './cardFacts';

// The UMD build: Jest runs CommonJS and the package's main entry is an ES module.
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** Keys sorted, Teams' own extension and the renderer's version left out: what the reference parser must give back unchanged. */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'msteams' && k !== 'version')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalised(v)]),
    );
  }
  return value;
}

/** The Adaptive Cards reference parser reports unknown elements and actions, and drops any property it does not know. */
function parseWithReferenceParser(json: Record<string, unknown>): { events: string[]; roundTrip: unknown } {
  const context = new AC.SerializationContext();
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return { events, roundTrip: card.toJSON(new AC.SerializationContext()) };
}

describe('the digest card', () => {
  let svc: RunningService;
  let connector: BotConnector;
  let known: KnownSchools;
  let card: Record<string, unknown>;

  beforeAll(async () => {
    svc = await startTestService({ clock: new ManualClock(REPORT_AT), env: { PUBLIC_BASE_URL: 'https://send.oakfield.example' } });
    connector = await startBotConnector();
    known = await seedKnownSchools(svc.ctx.prisma);
    const figures = computeDigest(await loadDigestInput(svc.ctx.prisma, known.oakfield, REPORT_AT), REPORT_AT);
    card = { ...buildDigestCard(figures, { schoolName: 'Oakfield Academy', timezone: 'Europe/London', dashboardUrl: 'https://send.oakfield.example/dashboard/', misUrl: 'https://send.oakfield.example/api/schools/S/mis' }) };
  });
  afterAll(async () => {
    await svc.close();
    await connector.close();
  });

  it('is an Adaptive Card 1.5 the reference parser reads without a warning or a dropped property', () => {
    expect(card.version).toBe('1.5');
    const { events, roundTrip } = parseWithReferenceParser(card);
    expect(events).toEqual([]);
    expect(normalised(roundTrip)).toEqual(normalised(card));
  });

  it("shows Oakfield's figures in words a lead reads at a glance", () => {
    expect(factsOf(card)).toMatchObject({
      'Due this week': '1',
      Overdue: '3',
      'Kate Morgan': '6 pupils (more than 5)',
      'Initial conversations outstanding': '4',
      English: '2 set · 1 reviewed on time · 0 achieved · 0 off track',
      'Reached in the last half term': '3 of 7',
      'Never reached (hard to reach)': '3',
      'Longest wait': '3 d',
      'Typical (median) wait': '2 d',
      'Pupils with no views recorded this term': '6',
      'Parental confidence': '3.67 / 5 from 3 parents (up 1.17 on half a term ago)',
      'Texts to parents not delivered': '2',
      'Tom Reid': '1 pupil',
    });
    // Overdue by key teacher, above the workload.
    expect(JSON.stringify(card)).toMatch(/\{"title":"Kate Morgan","value":"\[2\]\([^)]*\)"\},\{"title":"Tom Reid","value":"\[1\]\([^)]*\)"\}/);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the dashboard', url: 'https://send.oakfield.example/dashboard/' }]);
  });

  it("never names a child or a need: counts only", () => {
    const text = JSON.stringify(card);
    for (const word of ['Amir', 'Bella', 'Caleb', 'Daisy', 'SPLD', 'Autism', 'EHC']) expect(text).not.toContain(word);
  });

  it('has no section about the MIS for a school whose register sync is well or that imports files', () => {
    expect(JSON.stringify(card)).not.toContain('Register sync');
  });

  it('Given the register sync failed twice since its last good run four days ago, Then the card says so in counts and tells the admin what to do, and still parses', async () => {
    const input = await loadDigestInput(svc.ctx.prisma, known.oakfield, REPORT_AT);
    const day = 86_400_000;
    const at = REPORT_AT.getTime();
    const figures = computeDigest(
      {
        ...input,
        mis: {
          state: 'CONNECTED',
          connectedAt: new Date(at - 30 * day),
          lastGoodSyncAt: new Date(at - 4 * day - 60_000),
          finished: [
            { status: 'FAILED', finishedAt: new Date(at - day) },
            { status: 'FAILED', finishedAt: new Date(at - 2 * day) },
            { status: 'SUCCEEDED', finishedAt: new Date(at - 4 * day) },
          ],
        },
      },
      REPORT_AT,
    );
    const ctx = { schoolName: 'Oakfield Academy', timezone: 'Europe/London', dashboardUrl: 'https://send.oakfield.example/dashboard/', misUrl: 'https://send.oakfield.example/api/schools/S/mis' };
    const failing = { ...buildDigestCard(figures, ctx) } as Record<string, unknown>;
    expect(parseWithReferenceParser(failing).events).toEqual([]);
    expect(factsOf(failing)).toMatchObject({ 'Last good sync': '4 days ago', 'Syncs failed since': '2', Access: 'granted' });
    expect(JSON.stringify(failing)).toContain('The last sync from the MIS failed. An admin sees why, and what it could not import, at https://send.oakfield.example/api/schools/S/mis');
    expect(digestText(figures, ctx)).toContain('Register sync from the MIS: last good sync 4 days ago, 2 failed since.');
  });

  it('has a plain-text version for the notification', () => {
    const figures = computeDigest({ timezone: 'Europe/London', terms: [], pupils: [], staff: [], conversations: [], targets: [], pupilViews: [], contacts: [], parentMessages: [], confidence: [], failedMessages: [], failedJobs: [], lastDigestAt: null, mis: null }, REPORT_AT);
    expect(digestText(figures, { schoolName: 'Oakfield Academy', timezone: 'Europe/London', dashboardUrl: 'https://x/dashboard/', misUrl: 'https://x/api/schools/S/mis' })).toBe(
      'Weekly digest for Oakfield Academy: week of 16 November 2026. Conversations: 0 due this week, 0 held in the last 7 days, 0 overdue, 0 initial outstanding. Parents: 0 of 0 reached in the last half term, 0 replies waiting. Dashboard: https://x/dashboard/',
    );
  });

  it('Given the school lead types "digest" to the bot in Teams, Then the card comes back in the chat', async () => {
    const lead = await svc.ctx.prisma.staff.findUniqueOrThrow({ where: { id: known.staff.lead } });
    const member = memberFor(lead, '29:hana');
    connector.members.set(member.id, member);
    await post(svc.baseUrl, personal(connector, member).message('digest'));
    const sent = JSON.stringify(connector.cards());
    expect(sent).toContain('Weekly digest for Oakfield Academy: week of 16 November 2026');
    expect(sent).toContain('https://send.oakfield.example/dashboard/');
  });

  it('Given a key teacher types "digest", Then the bot says it is for leads and sends no figures', async () => {
    connector.sent.length = 0;
    const kate = await svc.ctx.prisma.staff.findUniqueOrThrow({ where: { id: known.staff.kate } });
    const member = memberFor(kate, '29:kate');
    connector.members.set(member.id, member);
    await post(svc.baseUrl, personal(connector, member).message('digest'));
    expect(connector.sent.map((s) => s.activity.text).join(' ')).toContain('The digest is for school leads and SENCOs');
    expect(JSON.stringify(connector.cards())).not.toContain('Weekly digest');
  });
});
