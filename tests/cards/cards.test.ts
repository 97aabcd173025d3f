import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AdaptiveCard } from '../../cards/adaptive';
import { bookingCard, type BookingCardData } from '../../cards/bookingCard';
import { dueCard, helpCard, myPupilsCard, pickPupilCard } from '../../cards/listCards';
import { parentReachableCard, parentUnreachableCard, targetReviewCard, teamsUnreachableCard, unknownNumberCard, unknownTeamsUserCard } from '../../cards/noticeCards';
import { parentReplyCard } from '../../cards/parentReplyCard';
import { prepareCard } from '../../cards/prepareCard';
import { progressFormCard, progressSavedCard } from '../../cards/progressCard';
import { pupilViewsFormCard, pupilViewsSavedCard } from '../../cards/pupilViewsCard';
import { recordFormCard, recordSummaryCard, type RecordCardData } from '../../cards/recordCard';
import { subjectTeacherOutcomeCard, subjectTeachersCard } from '../../cards/subjectTeachersCard';
import { buildReportCard } from '../../evaluation/reportCard';
import type { EvaluationReport } from '../../evaluation/report';

/**
 * Every card, with realistic data, through Microsoft's reference Adaptive Cards parser (the
 * `adaptivecards` renderer, strict 1.5: unknown elements or properties, wrong values and failed
 * validation are reported), then rendered in Chromium to PNGs under tests/artifacts/cards/ for a
 * visual check. No npm package here ships the published 1.5 JSON schema file itself (see README).
 */
const pupil = { id: '6d0c0a6e-1d1b-4c53-9d50-1f1f1f1f1f1f', firstName: 'Amir', lastName: 'Hussain', yearGroup: 5, attendanceNote: '94% this term' };
const url = `https://bot.oakfield.sch.uk/dashboard/#/pupils/${pupil.id}`;
const record: RecordCardData = {
  conversation: {
    id: 'c0000000-0000-4000-8000-000000000001',
    kind: 'INITIAL',
    version: 2,
    recordState: 'DRAFT',
    dueBy: new Date('2026-10-02'),
    heldAt: new Date('2026-09-09'),
    exploreStrengths: 'Reads confidently to his younger brother at home',
    exploreBarriers: 'Loses heart when reading aloud in class',
    exploreAspirations: 'Wants to be a vet',
    focusNotes: 'Confidence with reading aloud',
    planNotes: 'Chess club on Tuesdays',
    reviewNotes: null,
    attendees: [{ name: 'Samina Hussain', role: 'mother' }, { name: 'Hannah Jones', role: 'key teacher' }],
    pupilInvolvement: 'TOOK_PART_IN_PART',
    pupilInvolvementNote: 'Joined for the last ten minutes',
  },
  pupil,
  targets: [{ id: 't0000000-0000-4000-8000-000000000001', area: 'ENGLISH', horizon: 'MEDIUM', description: 'Read a short passage aloud to a small group each week', successLooksLike: 'Volunteers in guided reading', schoolActions: 'Reading mentor for Year 2', homeActions: 'Reads to his brother three evenings a week', reviewBy: '2026-10-23' }],
  defaultReviewBy: '2026-10-23',
  recordUrl: url,
};
const target = { id: 't0000000-0000-4000-8000-000000000001', area: 'ENGLISH' as const, description: 'Read a short passage aloud to a small group each week', status: 'WORKING_TOWARDS' as const, reviewBy: new Date('2026-10-23'), successLooksLike: 'Volunteers in guided reading', schoolActions: 'Reading mentor for Year 2' };

const booking: BookingCardData = {
  conversationId: record.conversation.id,
  pupil,
  kind: 'INITIAL',
  status: 'TO_BOOK',
  dueBy: new Date('2026-10-02'),
  parents: ['Samina Hussain', 'Tariq Hussain'],
  offered: [],
  bookedLabel: null,
  recordUrl: url,
  today: '2026-09-07',
};

/** The termly evaluation as a trust lead gets it: the trust's totals, suppressed where small. */
const shown = (text: string) => ({ value: /^\d/.test(text) ? Number(text) : null, text, suppressed: !/^\d/.test(text) });
const evaluation: EvaluationReport = {
  title: 'Termly evaluation: Oak Trust, Autumn 2026',
  subject: { kind: 'organisation', id: 'o', name: 'Oak Trust' },
  asOf: '2026-12-18T16:00:00.000Z',
  smallNumbersSuppressed: true,
  sections: [],
  schools: ['Oakfield Primary', 'Beech Academy', 'Cedar Primary'].map((name, i) => ({ id: `s${i}`, name, term: null, baseline: null, now: {}, baselineCells: null })),
  total: {
    now: { 'cohort.onRegister': shown('38'), 'conversations.held': shown('31'), 'conversations.parentsAttended': shown('fewer than 5'), 'parents.reached': shown('29'), 'parents.confidence': shown('3.82'), 'pupilVoice.viewsGathered': shown('27'), 'targets.achieved': shown('12') },
    baselineCells: { 'cohort.onRegister': shown('30'), 'conversations.held': shown('14'), 'parents.confidence': shown('fewer than 5') },
  },
  notYetCounted: [],
};

const cards: Record<string, AdaptiveCard> = {
  evaluationReady: buildReportCard(evaluation, 'https://bot.oakfield.sch.uk/dashboard/#/evaluation?on=2026-12-18'),
  bookingToBook: bookingCard(booking),
  bookingOffered: bookingCard({ ...booking, status: 'OFFERED', offered: ['Tue 15 Sept, 15:30', 'Wed 16 Sept, 08:45'], notice: 'Texted to Samina Hussain, Tariq Hussain. I will tell you when a time is chosen.' }),
  bookingRefused: bookingCard({ ...booking, values: { slot1_date: '2026-09-15', slot1_time: '15:30', slot2_date: '2026-09-15' }, error: 'Time 2 needs both a day and a start time.' }),
  bookingNoParent: bookingCard({ ...booking, parents: [] }),
  bookingBooked: bookingCard({ ...booking, status: 'BOOKED', bookedLabel: 'Tue 15 Sept, 15:30' }),
  targetReview: targetReviewCard({ pupil, targets: [{ ...target, latestNote: 'Read to the class on Friday' }, { ...target, area: 'PARTICIPATION', description: 'Join the chess club', status: 'NOT_STARTED', latestNote: null }], recordUrl: url }),
  targetReviewDone: targetReviewCard({ pupil, targets: [], recordUrl: url }),
  bookingDeclined: bookingCard({ ...booking, prompt: 'Samina Hussain cannot make any of the times offered for the conversation about Amir Hussain. Please offer new times.' }),
  parentReachable: parentReachableCard({ pupil, what: 'Samina Hussain, parent or carer of Amir Hussain, replied START: texts from the school reach them again.', recordUrl: url }),
  recordFormNew: recordFormCard({ ...record, conversation: { ...record.conversation, recordState: 'DRAFT' }, targets: [] }),
  parentUnreachable: parentUnreachableCard({ pupil, what: 'Samina Hussain, parent or carer of Amir Hussain, has blocked texts from the school at their phone company (they replied STOP). They get no texts until they reply START: please reach them another way.', recordUrl: url }),
  unknownNumber: unknownNumberCard({ from: '+447700900999', receivedLabel: 'Mon 7 Sept, 18:02', text: 'Is Zara in school today?' }),
  unknownTeamsUser: unknownTeamsUserCard('Val Visitor, val@elsewhere.org opened the school engagement app in Teams but has no staff record. If they should use it, add them to the staff roster (with their school email) and ask them to write to the bot again.'),
  teamsUnreachable: teamsUnreachableCard('Hannah Jones can no longer be reached in Teams (the app was removed or the bot blocked; Teams said 403). Their reminders and parent messages are waiting: ask them to add the app again.'),
  prepare: prepareCard({
    pupil,
    conversation: { id: record.conversation.id, kind: 'INITIAL', dueBy: new Date('2026-10-02'), whenLabel: 'Wed 9 Sept, 16:30' },
    targets: [{ ...target, latestNote: 'Read to the class on Friday' }],
    views: { goodAt: 'Football', findHard: 'Reading out loud', helpsMe: 'Reading with a friend first', wantToGetBetterAt: 'Reading', recordedAt: new Date('2026-09-08') },
    lastConversation: null,
    openReplies: [{ from: 'Samina Hussain', body: 'He was upset about reading today', receivedLabel: 'Mon 7 Sept, 18:02' }],
    recordUrl: url,
  }),
  recordForm: recordFormCard(record),
  recordFormWithErrors: recordFormCard({ ...record, conversation: { ...record.conversation, focusNotes: null } }, { problems: [{ field: 'focusNotes', message: 'Say what matters most now' }, { field: 'targets.0.reviewBy', message: 'The review date must be after the conversation' }] }),
  recordSummary: recordSummaryCard({ ...record, conversation: { ...record.conversation, recordState: 'FINAL' } }, { notice: 'Saved as the final record.', editable: true, refreshForUserIds: ['29:jones'] }),
  pupilViewsForm: pupilViewsFormCard({ pupil, conversationId: record.conversation.id }),
  pupilViewsSaved: pupilViewsSavedCard({ pupil, views: { goodAt: 'Football', findHard: 'Reading out loud', helpsMe: 'A quiet corner', wantToGetBetterAt: 'Reading', recordedAt: new Date('2026-09-08') } }),
  progressForm: progressFormCard({ pupil, targets: [target, { ...target, id: 't0000000-0000-4000-8000-000000000002', area: 'PARTICIPATION', description: 'Join the chess club', status: 'NOT_STARTED' }] }),
  progressSaved: progressSavedCard({ pupil, entries: [{ ...target, status: 'ACHIEVED', note: 'Read to the class' }], parentsTold: 1, tellParent: true }),
  parentReply: parentReplyCard({ messageId: 'm0000000-0000-4000-8000-000000000001', pupil, from: 'Samina Hussain', body: 'Amir was upset about reading today. Can we talk?', receivedLabel: 'Mon 7 Sept, 18:02', recordUrl: url }),
  parentReplyUrdu: parentReplyCard({ messageId: 'm0000000-0000-4000-8000-000000000002', pupil, from: 'Samina Hussain', body: 'امیر آج پڑھنے کے بارے میں پریشان تھا۔ کیا ہم 3 بجے بات کر سکتے ہیں؟', receivedLabel: 'Mon 7 Sept, 18:02', recordUrl: url }),
  // A photograph of a letter and no words: worded as a picture, never as an empty quote.
  parentPicture: parentReplyCard({ messageId: 'm0000000-0000-4000-8000-000000000004', pupil, from: 'Samina Hussain', body: '', attached: 'a picture', receivedLabel: 'Mon 7 Sept, 18:02', recordUrl: url }),
  // A text the parent never said the child of, brought to each child's key teacher.
  parentUnfiled: parentReplyCard({
    messageId: 'm0000000-0000-4000-8000-000000000005',
    children: [{ ...pupil, recordUrl: url }, { id: 'p0000000-0000-4000-8000-000000000009', firstName: 'Sara', recordUrl: url }],
    from: 'Samina Hussain',
    body: 'Can someone call me about the trip?',
    attached: '2 pictures',
    receivedLabel: 'Mon 7 Sept, 18:02',
  }),
  subjectTeachers: subjectTeachersCard({ conversationId: record.conversation.id, pupil, targets: [target], staff: [{ id: 's1', displayName: 'Olu Maths', jobTitle: 'Maths lead' }, { id: 's2', displayName: 'Priya English', jobTitle: null }], toldAt: null, parentConfirmedAt: null, recordUrl: url }),
  subjectTeacherOutcome: subjectTeacherOutcomeCard({ pupil: { ...pupil, yearLabel: 'Year 5' }, keyTeacher: 'Hannah Jones', heldAt: new Date('2026-09-09'), targets: [target], recordUrl: url }),
  help: helpCard([{ usage: 'due', summary: 'what needs you this week' }]),
  myPupils: myPupilsCard([{ name: 'Amir Hussain', detail: 'Year 5; next conversation due by Fri 2 Oct 2026 (booked)' }]),
  due: dueCard([
    { title: 'Parent messages waiting', items: [{ name: 'Amir Hussain', words: { intro: 'Samina Hussain, Mon 7 Sept, 18:02:', body: 'He was upset about reading today' }, action: { title: "Answer Samina's message", verb: 'reply.open', data: { messageId: 'm0000000-0000-4000-8000-000000000001' } } }] },
    { title: 'Conversations to record', items: [{ name: 'Amir Hussain', detail: 'Draft saved', action: { title: "Record Amir's conversation", verb: 'record.open', data: { conversationId: record.conversation.id } } }] },
    { title: 'Conversations to book', items: [{ name: 'Oliwia Nowak', detail: 'Due by Fri 4 Dec 2026', action: { title: 'Offer times for Oliwia', verb: 'booking.open', data: { conversationId: 'c0000000-0000-4000-8000-000000000002' } } }] },
    { title: 'Targets to review', items: [{ name: 'Oliwia Nowak', detail: 'positive relationships (review by Fri 11 Dec 2026)', action: { title: "Review Oliwia's targets", verb: 'progress.open', data: { pupilId: pupil.id } } }] },
  ]),
  pickPupil: pickPupilCard('prepare', [{ name: 'Amir Hussain' }, { name: 'Amira Begum' }]),
};

const ARTIFACTS = path.resolve(__dirname, '../artifacts/cards');
const DOCS = path.resolve(__dirname, '../../docs/cards');
/** The cards the README shows. */
const DOC_CARDS = ['due', 'bookingDeclined', 'prepare', 'recordForm', 'recordSummary', 'parentReply'];
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (process.env.UPDATE_DOCS_SCREENSHOT === '1') mkdirSync(DOCS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 640, height: 400 } });
  const lib = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const css = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8');
  await page.setContent(`<!doctype html><html><head><style>${css} body{font-family:"Segoe UI",sans-serif;margin:0;background:#f5f5f5} #card{width:600px;margin:8px;background:#fff;border-radius:6px}</style></head><body><div id="card"></div></body></html>`);
  await page.addScriptTag({ content: lib });
});
afterAll(async () => {
  await browser?.close();
});

/** Parses and renders a card with the reference renderer: its warnings, and the buttons whose words do not fit. */
function renderInPage(card: AdaptiveCard) {
  return page.evaluate((json) => {
    const AC = (window as unknown as { AdaptiveCards: any }).AdaptiveCards;
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    const c = new AC.AdaptiveCard();
    c.parse(json, context);
    const events: string[] = [];
    for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
    const validation = c.validateProperties();
    for (const e of validation.validationEvents) events.push(e.message);
    const host = document.getElementById('card')!;
    host.innerHTML = '';
    const rendered = c.render();
    if (rendered) host.appendChild(rendered);
    // Every ShowCard opened, so its buttons are laid out too; a button whose words do not fit is cut short ("prepare O...").
    const closed = [...host.querySelectorAll<HTMLElement>('button[aria-expanded="false"]')];
    for (const b of closed) b.click();
    const cut = [...host.querySelectorAll<HTMLElement>('button')].filter((b) => b.scrollWidth > b.clientWidth + 1 || [...b.querySelectorAll<HTMLElement>('*')].some((e) => e.scrollWidth > e.clientWidth + 1)).map((b) => b.textContent);
    for (const b of closed) b.click();
    return { events, version: c.version?.toString(), rendered: Boolean(rendered), height: host.getBoundingClientRect().height, cut };
  }, card as unknown as Record<string, unknown>);
}

describe.each(Object.entries(cards))('the %s card', (name, card) => {
  it('is an Adaptive Card 1.5 the reference parser accepts without a warning, and renders', async () => {
    const result = await renderInPage(card);
    expect(result.events).toEqual([]);
    expect(result.version).toBe('1.5');
    expect(result.rendered).toBe(true);
    expect(result.cut).toEqual([]);
    await page.setViewportSize({ width: 640, height: Math.ceil(result.height) + 16 });
    await page.locator('#card').screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
    // `npm run screenshot` refreshes the README's card pictures too.
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1' && DOC_CARDS.includes(name)) copyFileSync(path.join(ARTIFACTS, `${name}.png`), path.join(DOCS, `${name}.png`));
  });
});

/** Every button of a card, wherever it sits (the card's actions, an ActionSet, a ShowCard's card). */
function buttonsOf(node: unknown): { type: string; title: string; verb?: string }[] {
  if (Array.isArray(node)) return node.flatMap(buttonsOf);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = typeof o.type === 'string' && o.type.startsWith('Action.') ? [o as { type: string; title: string; verb?: string }] : [];
  return [...own, ...Object.values(o).flatMap(buttonsOf)];
}

describe('buttons', () => {
  it.each(Object.entries(cards))('the %s card: every button is labelled in words, and no two share a label', (_name, card) => {
    const titles = buttonsOf(card).map((b) => b.title);
    expect(new Set(titles).size).toBe(titles.length);
    // Words starting with a capital, never a command as the teacher would type it.
    for (const t of titles) expect(t).toMatch(/^[A-Z0-9]/);
  });
});

describe('the record of the structured conversation', () => {
  const targetBlocks = (card: AdaptiveCard) => (JSON.stringify(card).match(/"text":"Target \d+"/g) ?? []).length;
  it('Given a record with one agreed target, Then the form shows that target only, with "Add a target" for another', () => {
    expect(targetBlocks(cards.recordForm!)).toBe(1);
    expect(buttonsOf(cards.recordForm).map((b) => b.title)).toContain('Add a target');
  });
  it('Given a new record, Then the form shows one empty target to start with, not three', () => {
    expect(targetBlocks(cards.recordFormNew!)).toBe(1);
  });
  it("Given the attendees field, Then its example names no one (not a member of the demo school's staff)", () => {
    const placeholder = JSON.stringify(cards.recordFormNew).match(/"id":"attendees"[^}]*"placeholder":"([^"]*)"/)?.[1];
    expect(placeholder).toBe("Parent's name (mother)\\nYour name (key teacher)");
  });
  it('Given the saved summary, Then each target reads in plain words, with no numbering and no brackets inside brackets', () => {
    const summary = JSON.stringify(cards.recordSummary);
    expect(summary).toContain('"text":"**English**: Read a short passage aloud to a small group each week"');
    expect(summary).toContain('{"title":"How long","value":"Medium term, a unit of work"}');
    expect(summary).not.toMatch(/\([^)]*\(/);
    expect(summary).not.toMatch(/\*\*\d+\./);
  });
});

describe("a parent's own words", () => {
  const containersOf = (card: AdaptiveCard) => JSON.stringify(card.body);
  it('Given a text in Urdu, Then it is laid out right to left (so its punctuation and numbers sit where they belong); English is not', () => {
    expect(containersOf(cards.parentReplyUrdu!)).toMatch(/"type":"Container","items":\[\{"type":"RichTextBlock","inlines":\[\{"type":"TextRun","text":"امیر[^"]*"\}\]\}\],"rtl":true/);
    expect(containersOf(cards.parentReply!)).not.toContain('"rtl"');
  });

  // Teams reads TextBlock text and FactSet values as markdown; a TextRun is shown as written.
  const disguised = 'Please [reset your Teams password](https://evil.example/login) **now**';
  const markdownTexts = (node: unknown): string[] => {
    if (Array.isArray(node)) return node.flatMap(markdownTexts);
    if (!node || typeof node !== 'object') return [];
    const o = node as Record<string, unknown>;
    const own = o.type === 'TextBlock' ? [String(o.text)] : o.type === 'FactSet' ? (o.facts as { value: string }[]).map((f) => f.value) : [];
    return [...own, ...Object.values(o).flatMap(markdownTexts)];
  };
  it.each([
    ['a reply to the key teacher', parentReplyCard({ messageId: 'm0000000-0000-4000-8000-000000000003', pupil, from: 'A parent', body: disguised, receivedLabel: 'now', recordUrl: url })],
    ['an unknown number, to the admins', unknownNumberCard({ from: '+447700900999', receivedLabel: 'now', text: disguised })],
  ])('Given a text with a disguised link (%s), Then staff see it exactly as written, never as markdown', (_, card) => {
    expect(JSON.stringify(card)).toContain(JSON.stringify({ type: 'TextRun', text: disguised }));
    expect(markdownTexts(card).filter((t) => t.includes('evil.example'))).toEqual([]);
  });
});

describe('the reference renderer used above', () => {
  it('reports a button whose words are cut short, so a clean result means something', async () => {
    const long = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x' }], actions: [1, 2, 3, 4].map((i) => ({ type: 'Action.Submit', title: `Prepare for Oliwia Nowak and her parents, button ${i}` })) } as unknown as AdaptiveCard;
    expect((await renderInPage(long)).cut.length).toBeGreaterThan(0);
  });
});

describe('the reference parser used above', () => {
  it('reports a broken card (unknown element, an input without an id), so a clean result means something', async () => {
    const events = await page.evaluate(() => {
      const AC = (window as unknown as { AdaptiveCards: any }).AdaptiveCards;
      const context = new AC.SerializationContext(AC.Versions.v1_5);
      const c = new AC.AdaptiveCard();
      c.parse({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }, { type: 'Input.Text' }] }, context);
      const out: string[] = [];
      for (let i = 0; i < context.eventCount; i++) out.push(context.getEventAt(i).message);
      for (const e of c.validateProperties().validationEvents) out.push(e.message);
      return out;
    });
    expect(events.length).toBeGreaterThanOrEqual(2);
  });
});
