import { messageParentsOf, queueParentSms } from '../../messaging/parentMessages';
import { ContentRuleError, isParentPageLink, parentPageLink } from '../../messaging/content';
import { PUBLIC_BASE_URL, outbox, runJobs, seedFamily, startSmsService, type SmsService } from './smsSupport';
import { transaction } from '../../db/transaction';

/**
 * The only link a text to a parent may carry is that parent's page on this service, and only in
 * the texts made for it (page.link, views.invite, plan.ready): never a teacher's link, never
 * another site. And a call script is never sent as a text.
 */
const TOKEN = 'Xy7kQ2mN9pL4vR8tW3zA5c';

describe('links in texts to parents', () => {
  let svc: SmsService;
  beforeAll(async () => {
    svc = await startSmsService();
  });
  afterAll(() => svc.close());

  const family = () => seedFamily(svc.ctx.prisma, { parents: [{ name: 'Anna Nowak', language: 'pl' }, { name: 'John Smith' }] });

  it("Given the parent's own page on this service, When the plan is sent, Then each parent gets the link in their language", async () => {
    const f = await family();
    const link = parentPageLink(PUBLIC_BASE_URL, TOKEN);
    await transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'plan.ready', params: { link }, publicBaseUrl: PUBLIC_BASE_URL }));
    await runJobs(svc);
    const [polish] = await outbox(svc, f.contacts[0]!.mobile);
    const [english] = await outbox(svc, f.contacts[1]!.mobile);
    expect(polish).toMatchObject({ template: 'plan.ready', language: 'pl', body: `Oakfield Primary: wspólny plan dla dziecka (Amir), z tym, co można robić w domu, jest tutaj: ${link}` });
    expect(english!.body).toBe(`Oakfield Primary: the plan we agreed for Amir, with what you can do at home, is here: ${link}`);
  });

  it.each([
    ['another site', 'https://example.com/p/Xy7kQ2mN9pL4vR8tW3zA5c'],
    ['this service, but not a parent page', `${PUBLIC_BASE_URL}/dashboard`],
    ['a parent page with a query', `${PUBLIC_BASE_URL}/p/${TOKEN}?next=https://example.com`],
    ['a parent page with more after it', `${PUBLIC_BASE_URL}/p/${TOKEN} www.example.com`],
  ])('Given %s as the link, Then nothing is queued and the content rules say why', async (_label, link) => {
    const f = await family();
    const before = (await outbox(svc)).length;
    await expect(
      transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'page.link', params: { link }, publicBaseUrl: PUBLIC_BASE_URL })),
    ).rejects.toBeInstanceOf(ContentRuleError);
    expect(await outbox(svc)).toHaveLength(before);
  });

  it('Given no service address to check the link against, Then a text with a link is refused', async () => {
    const f = await family();
    await expect(
      transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'page.link', params: { link: parentPageLink(PUBLIC_BASE_URL, TOKEN) } })),
    ).rejects.toBeInstanceOf(ContentRuleError);
  });

  it("Given a teacher's own words with the parent page's link in them, Then they are refused: only the catalogue carries it", async () => {
    const f = await family();
    await expect(
      transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'teacher.message', params: { text: `See ${parentPageLink(PUBLIC_BASE_URL, TOKEN)}` }, publicBaseUrl: PUBLIC_BASE_URL })),
    ).rejects.toMatchObject({ problems: ['contains a link'] });
  });

  it('Given a call script, Then it is never queued as a text', async () => {
    const f = await family();
    const contact = await svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: f.contacts[0]!.id } });
    await expect(
      transaction(svc.ctx.prisma, (tx) => queueParentSms(tx, svc.clock, { schoolId: f.schoolId, template: 'call.intro', params: {}, contact: { ...contact, preferredLanguage: 'pl' } })),
    ).rejects.toThrow('call.intro is a call script, not an SMS');
  });

  it('Given a parent asks for their page code at 9 p.m., Then it goes at once (it lasts ten minutes); other answers wait for sending hours', async () => {
    const f = await family();
    svc.clock.set(new Date('2026-09-08T20:00:00Z'));
    const [code] = (await transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'page.code', params: { code: '482913' }, onlyContactId: f.contacts[1]!.id }))).queued;
    const [thanks] = (await transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'survey.thanks', onlyContactId: f.contacts[1]!.id }))).queued;
    await runJobs(svc);
    const sent = await outbox(svc, f.contacts[1]!.mobile);
    expect(sent.find((m) => m.id === code)).toMatchObject({ status: 'SENT', body: 'Oakfield Primary: your code is 482913. It works for 10 minutes. Do not share it with anyone.' });
    expect(sent.find((m) => m.id === thanks)).toMatchObject({ status: 'QUEUED' });
  });
});

describe('the parent page link', () => {
  it.each([
    [`${PUBLIC_BASE_URL}/p/${TOKEN}`, true],
    [`${PUBLIC_BASE_URL}/p/short`, false],
    [`${PUBLIC_BASE_URL}/p/${TOKEN}#x`, false],
    [`${PUBLIC_BASE_URL}.evil.example/p/${TOKEN}`, false],
    [`http://engage.school.example/p/${TOKEN}`, false],
  ])('%s is the service\'s parent page: %s', (link, is) => {
    expect(isParentPageLink(link, PUBLIC_BASE_URL)).toBe(is);
    expect(isParentPageLink(link, `${PUBLIC_BASE_URL}/`)).toBe(is);
  });
});
