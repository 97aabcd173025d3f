import { ManualClock } from '../../runtime/clock';
import { EVALUATION_JOB } from '../../evaluation/termlyReports';
import { staffBearer } from '../support/staffTokens';
import { startTestService, type RunningService } from '../support/testService';

/**
 * A trust from the start, over HTTP: whoever runs the service adds it, its lead and a school; the
 * lead sets the trust's defaults; the school's admin adopts them; the gap analysis shows what the
 * school still lacks; the school leaves and the trust sees it no more. Every change is audited.
 */
describe('a trust and a school joining it', () => {
  let svc: RunningService;
  let trustId: string;
  let schoolId: string;
  let lead: string;
  let admin: string;
  const as = (bearer: string, path: string, init: RequestInit = {}) => svc.api(path, { ...init, headers: { authorization: bearer, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> & { [k: string]: any } });

  beforeAll(async () => {
    svc = await startTestService({ env: { LOCAL_SIGN_IN: 'true' }, clock: new ManualClock(new Date('2026-08-20T09:00:00Z')) });
    schoolId = (await json(await svc.api('/api/schools', { method: 'POST', body: JSON.stringify({ name: 'Cedar Primary' }) }))).body.id as string;
    await svc.ctx.prisma.staff.create({ data: { schoolId, displayName: 'Ada Admin', email: 'ada@cedar.example', roles: ['ADMIN'] } });
    admin = await staffBearer(svc, { email: 'ada@cedar.example' });
  });
  afterAll(() => svc.close());

  it('Given the API key, When it adds a trust with a lead and the school joins it, Then each step is audited', async () => {
    const trust = await json(await svc.api('/api/organisations', { method: 'POST', body: JSON.stringify({ name: 'Oak Trust', kind: 'TRUST' }) }));
    expect(trust).toMatchObject({ status: 201, body: { name: 'Oak Trust', kind: 'TRUST', baselineOn: null } });
    trustId = trust.body.id as string;
    expect((await json(await svc.api(`/api/organisations/${trustId}/members`, { method: 'POST', body: JSON.stringify({ displayName: 'Tess Trust', email: 'Tess@OakTrust.example' }) }))).body).toMatchObject({ email: 'tess@oaktrust.example', active: true });
    expect((await svc.api(`/api/schools/${schoolId}/organisations`, { method: 'PUT', body: JSON.stringify({ trustId }) })).status).toBe(200);
    // A trust is not a local authority.
    expect((await json(await svc.api(`/api/schools/${schoolId}/organisations`, { method: 'PUT', body: JSON.stringify({ localAuthorityId: trustId }) }))).body.error).toBe('wrong_kind');
    lead = await staffBearer(svc, { email: 'tess@oaktrust.example' });
    const actions = (await svc.ctx.prisma.auditEvent.findMany({ where: { action: { startsWith: 'organisation' } }, orderBy: { at: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['organisation.create', 'organisation.member.add']);
    expect(await svc.ctx.prisma.auditEvent.findFirst({ where: { action: 'school.organisations', schoolId } })).toMatchObject({ after: { trustId } });
  });

  it('Given the school just joined, When its admin and the trust lead look at the gap analysis, Then both see what is missing; the trust sees small numbers suppressed', async () => {
    await svc.api('/api/roster/pupils?schoolId=' + schoolId, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'UPN,Forename,Surname,Year,SEN Status,Key Teacher Email,Contact 1 Name,Contact 1 Mobile\nC1,Cara,One,Year 2,K,ada@cedar.example,Pat One,07700900101\nC2,Cal,Two,Year 3,K,ada@cedar.example,Pat Two,07700900102\n',
    });
    const forSchool = await json(await as(admin, `/api/schools/${schoolId}/gaps`));
    const items = Object.fromEntries((forSchool.body.items as { id: string; done: boolean; detail: string }[]).map((i) => [i.id, i]));
    expect(items.terms).toMatchObject({ done: false, detail: 'No term today or ahead: nothing can be planned' });
    expect(items.register).toMatchObject({ done: true });
    expect(items.consent).toMatchObject({ done: false, detail: '2 parents without consent recorded' });
    expect(items.digestReaders).toMatchObject({ done: false, detail: 'No school lead or SENCO named' });
    const forTrust = await json(await as(lead, `/api/organisations/${trustId}/gaps`));
    const trustItems = Object.fromEntries((forTrust.body.schools[0].items as { id: string; detail: string }[]).map((i) => [i.id, i.detail]));
    expect(trustItems.consent).toBe('fewer than 5 parents without consent recorded');
  });

  it('Given the trust lead sets default settings and a calendar, When the admin adopts them, Then they become the school’s own (audited as the admin’s change) and its end of term is planned', async () => {
    const calendar = { terms: [{ name: 'Autumn 2026', startsOn: '2026-09-02', endsOn: '2026-12-18' }], closures: [{ name: 'Half term', startsOn: '2026-10-26', endsOn: '2026-10-30' }] };
    const saved = await json(await as(lead, `/api/organisations/${trustId}/defaults`, { method: 'PUT', body: JSON.stringify({ settings: { staffReminderTime: '08:30', reviewByWeekOfTerm: 5 }, calendar }) }));
    expect(saved).toMatchObject({ status: 200, body: { settings: { staffReminderTime: '08:30', reviewByWeekOfTerm: 5 } } });
    // A school's own name is not the trust's to set.
    expect((await as(lead, `/api/organisations/${trustId}/defaults`, { method: 'PUT', body: JSON.stringify({ settings: { name: 'Trust Primary' } }) })).status).toBe(400);
    const offered = await json(await as(admin, `/api/schools/${schoolId}/organisation-defaults`));
    expect(offered.body.offered).toHaveLength(1);
    // The trust lead cannot adopt for the school: it is the school's own act.
    expect((await as(lead, `/api/schools/${schoolId}/adopt-defaults`, { method: 'POST', body: JSON.stringify({ organisationId: trustId, parts: ['settings'] }) })).status).toBe(403);
    const adopted = await json(await as(admin, `/api/schools/${schoolId}/adopt-defaults`, { method: 'POST', body: JSON.stringify({ organisationId: trustId, parts: ['settings', 'calendar'] }) }));
    expect(adopted.status).toBe(200);
    expect(await svc.ctx.prisma.school.findUniqueOrThrow({ where: { id: schoolId } })).toMatchObject({ staffReminderTime: '08:30', reviewByWeekOfTerm: 5 });
    const events = await svc.ctx.prisma.auditEvent.findMany({ where: { schoolId, action: { in: ['school.settings', 'school.calendar', 'school.adoptDefaults'] } }, orderBy: { at: 'asc' } });
    expect(events.map((e) => [e.action, e.actorKind])).toEqual([
      ['school.settings', 'STAFF'],
      ['school.calendar', 'STAFF'],
      ['school.adoptDefaults', 'STAFF'],
    ]);
    expect(await svc.ctx.prisma.auditEvent.count({ where: { action: 'organisation.defaults', actorKind: 'ORGANISATION_MEMBER' } })).toBe(1);
    expect(await svc.ctx.prisma.job.findFirst({ where: { kind: EVALUATION_JOB, schoolId, status: 'PENDING' }, select: { runAt: true } })).toEqual({ runAt: new Date('2026-12-18T16:00:00Z') });
  });

  it('Given the trust offers how to assess reading, writing and maths, When the admin adopts its schemes, Then the school assesses so and the gap analysis sees schemes chosen; a scheme of the same name that differs is refused whole', async () => {
    const ownMaths = { kind: 'STEPS', name: 'Oak maths steps', steps: ['Emerging', 'Developing', 'Secure'], expectedPerTerm: 1 };
    const schemes = [
      { subject: 'reading', preset: 'age-related' },
      { subject: 'writing', preset: 'age-related' },
      { subject: 'maths', name: 'Mathematics', scheme: ownMaths },
    ];
    expect((await as(lead, `/api/organisations/${trustId}/defaults`, { method: 'PUT', body: JSON.stringify({ schemes: [{ subject: 'reading', preset: 'age-related', scheme: ownMaths }] }) })).status).toBe(400);
    expect((await json(await as(lead, `/api/organisations/${trustId}/defaults`, { method: 'PUT', body: JSON.stringify({ schemes }) }))).body.schemes).toEqual(schemes);
    const adopted = await json(await as(admin, `/api/schools/${schoolId}/adopt-defaults`, { method: 'POST', body: JSON.stringify({ organisationId: trustId, parts: ['schemes'] }) }));
    expect(adopted.body.subjects.map((s: { outcome: string; subject: { key: string; name: string } }) => [s.outcome, s.subject.key, s.subject.name])).toEqual([
      ['added', 'reading', 'Reading'],
      ['added', 'writing', 'Writing'],
      ['added', 'maths', 'Mathematics'],
    ]);
    const setup = await json(await as(admin, `/api/schools/${schoolId}/assessment`));
    expect(setup.body.schemes.map((s: { name: string; presetKey: string | null }) => [s.name, s.presetKey])).toEqual([
      [expect.stringMatching(/working towards/i), 'age-related'],
      ['Oak maths steps', null],
    ]);
    // Adopting again changes nothing: the school's copy is the one reused.
    const again = await json(await as(admin, `/api/schools/${schoolId}/adopt-defaults`, { method: 'POST', body: JSON.stringify({ organisationId: trustId, parts: ['schemes'] }) }));
    expect(again.body.subjects.map((s: { outcome: string }) => s.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const items = Object.fromEntries(((await json(await as(admin, `/api/schools/${schoolId}/gaps`))).body.items as { id: string; done: boolean }[]).map((i) => [i.id, i.done]));
    expect(items.schemes).toBe(true);
    // The trust changes its maths scheme but keeps the name: the school's own is not reinterpreted.
    await as(lead, `/api/organisations/${trustId}/defaults`, { method: 'PUT', body: JSON.stringify({ schemes: [{ subject: 'writing', preset: 'small-steps' }, { subject: 'maths', scheme: { ...ownMaths, steps: ['Emerging', 'Secure'] } }] }) });
    const refused = await json(await as(admin, `/api/schools/${schoolId}/adopt-defaults`, { method: 'POST', body: JSON.stringify({ organisationId: trustId, parts: ['schemes'] }) }));
    expect(refused).toMatchObject({ status: 409, body: { error: 'name_taken' } });
    const writing = await svc.ctx.prisma.assessmentSubject.findFirstOrThrow({ where: { schoolId, key: 'writing' }, include: { scheme: true } });
    expect(writing.scheme.presetKey).toBe('age-related');
  });

  it('Given the trust lead, When she reads the school’s figures, Then each read is in the school’s audit trail under her name', async () => {
    expect((await as(lead, `/api/organisations/${trustId}/schools/${schoolId}`)).status).toBe(200);
    expect((await as(lead, `/api/schools/${schoolId}/evaluation?format=html`)).status).toBe(200);
    const reads = await svc.ctx.prisma.auditEvent.findMany({ where: { schoolId, action: { in: ['school.figures.view', 'evaluation.view'] } } });
    expect(reads.map((e) => [e.action, e.actorKind, e.actorLabel])).toEqual([
      ['school.figures.view', 'ORGANISATION_MEMBER', 'tess@oaktrust.example'],
      ['evaluation.view', 'ORGANISATION_MEMBER', 'tess@oaktrust.example'],
    ]);
  });

  it('Given the school leaves the trust, Then the trust sees it no more: not in its overview, its figures refused', async () => {
    expect((await svc.api(`/api/schools/${schoolId}/organisations`, { method: 'PUT', body: JSON.stringify({ trustId: null }) })).status).toBe(200);
    const overview = await json(await as(lead, `/api/organisations/${trustId}/overview`));
    expect(overview.body.schools).toEqual([]);
    expect((await as(lead, `/api/organisations/${trustId}/schools/${schoolId}`)).status).toBe(403);
    expect((await as(lead, `/api/schools/${schoolId}/evaluation`)).status).toBe(403);
    expect((await as(lead, `/api/schools/${schoolId}/gaps`)).status).toBe(403);
    expect(await svc.ctx.prisma.auditEvent.findFirst({ where: { action: 'school.organisations', schoolId }, orderBy: { at: 'desc' } })).toMatchObject({ before: { trustId }, after: { trustId: null } });
  });
});
