import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../support/testService';
import { REPORT_AT, seedKnownSchools, type KnownSchools } from '../digest/knownSchools';

/** The printable record reads like a record: one part per kind of entry, each held conversation one section per stage. */
let svc: RunningService;
let known: KnownSchools;

beforeAll(async () => {
  svc = await startTestService({ clock: new ManualClock(REPORT_AT) });
  known = await seedKnownSchools(svc.ctx.prisma);
});
afterAll(async () => {
  await svc.close();
});

const sections = (html: string, tag: string): string[] => [...html.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);

it("Given Amir's record is printed, Then it has one part per kind of entry, and his held conversation has a section for each of the four stages, in order", async () => {
  const html = await (await svc.api(`/api/dashboard/pupils/${known.pupils.amir}/export.html`)).text();
  expect(sections(html, 'h2')).toEqual(['Structured conversations', 'Targets', "The pupil&#39;s views", 'Texts to and from parents', 'Parental confidence']);
  const conversation = html.slice(html.indexOf('<section class="conversation">'), html.indexOf('</section>\n</section>'));
  expect(sections(conversation, 'h4')).toEqual(['Explore', 'Focus', 'Plan', 'Review']);
  expect(conversation).toContain('<dt>Strengths</dt><dd dir="auto">Loves building things</dd>');
  // The four stages are no longer run together in one table cell.
  expect(html).not.toMatch(/<td[^>]*>[^<]*Strengths: [^<]*Focus: /);
});

it('Given the thank-you the service sent for a reply, Then the timeline marks it automatic, and the parent\'s own words are not', async () => {
  const contact = await svc.ctx.prisma.pupilContact.findFirstOrThrow({ where: { pupilId: known.pupils.caleb }, select: { contactId: true } });
  const at = new Date('2026-11-13T10:00:00Z');
  await svc.ctx.prisma.message.createMany({
    data: [
      { schoolId: known.oakfield, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', contactId: contact.contactId, pupilId: known.pupils.caleb, body: 'He loved the trip', createdAt: at },
      { schoolId: known.oakfield, channel: 'SMS', direction: 'OUTBOUND', status: 'DELIVERED', template: 'reply.received', contactId: contact.contactId, pupilId: known.pupils.caleb, body: 'Oakfield Academy: thank you, we have passed your message to the teacher.', createdAt: new Date(at.getTime() + 60_000) },
    ],
  });
  const record = (await (await svc.api(`/api/dashboard/pupils/${known.pupils.caleb}`)).json()) as { timeline: { kind: string; body?: string; automatic?: boolean }[] };
  const texts = record.timeline.filter((e) => e.kind === 'message');
  expect(texts.find((e) => e.body === 'He loved the trip')).toMatchObject({ automatic: false });
  expect(texts.find((e) => e.body?.startsWith('Oakfield Academy: thank you'))).toMatchObject({ automatic: true });
});
