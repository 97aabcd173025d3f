import { decodeJwt } from 'jose';
import { LOCAL_ISSUER } from '../../api/auth';
import { loadConfig } from '../../runtime/config';
import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../support/testService';
import { REPORT_AT, seedKnownSchools, type KnownSchools } from '../digest/knownSchools';
import { bearer, localToken } from './signIn';

let svc: RunningService;
let known: KnownSchools;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  svc = await startTestService({ clock: new ManualClock(REPORT_AT), env: { LOCAL_SIGN_IN: 'true' } });
  known = await seedKnownSchools(svc.ctx.prisma);
  for (const [who, id] of Object.entries(known.staff)) if (who !== 'birchLead') tokens[who] = await localToken(svc.baseUrl, id);
});
afterAll(async () => {
  await svc.close();
});

const as = (who: string, path: string) => fetch(`${svc.baseUrl}${path}`, bearer(tokens[who]!));
const audits = (action: string, entityId: string) => svc.ctx.prisma.auditEvent.findMany({ where: { action, entityId }, orderBy: { at: 'asc' } });

describe('local sign-in for the demo', () => {
  it("lists the demo school's staff to pick from, and only theirs", async () => {
    const res = await fetch(`${svc.baseUrl}/auth/local/staff`);
    const { staff } = (await res.json()) as { staff: { displayName: string; school: string; roles: string[] }[] };
    expect(staff.map((s) => s.displayName)).toEqual(['Ade Office', 'Hana Lewis', 'Kate Morgan', 'Sam Okafor', 'Tom Reid', 'Una Price']);
    expect(new Set(staff.map((s) => s.school))).toEqual(new Set(['Oakfield Academy']));
  });

  it('issues a short-lived HS256 token for the member of staff picked, which the API accepts', async () => {
    const claims = decodeJwt(tokens.kate!);
    expect(claims).toMatchObject({ iss: LOCAL_ISSUER, preferred_username: 'kate.morgan@oakfield.example', oid: 'oid-kate.morgan@oakfield.example' });
    expect(claims.exp! - claims.iat!).toBe(3600);
    const me = await (await as('kate', '/api/me')).json();
    expect(me).toMatchObject({ kind: 'staff', staff: { displayName: 'Kate Morgan' } });
  });

  it('refuses staff of a school that is not the demo school', async () => {
    const res = await fetch(`${svc.baseUrl}/auth/local`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId: known.staff.birchLead }) });
    expect(res.status).toBe(404);
  });

  it('is never available in production, whatever LOCAL_SIGN_IN says', async () => {
    expect(loadConfig({ NODE_ENV: 'production', LOCAL_SIGN_IN: 'true' }).localSignIn).toBe(false);
    const prod = await startTestService({ env: { NODE_ENV: 'production', LOCAL_SIGN_IN: 'true' } });
    try {
      expect((await fetch(`${prod.baseUrl}/auth/local/staff`)).status).toBe(404);
      const res = await fetch(`${prod.baseUrl}/auth/local`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(404);
      // A token signed for another service's demo is worthless here.
      expect((await fetch(`${prod.baseUrl}/api/me`, bearer(tokens.lead!))).status).toBe(401);
    } finally {
      await prod.close();
    }
  });
});

describe('role rules', () => {
  it("Given Kate (key teacher), Then the overview, pupil list and key-teacher table hold her own pupils only", async () => {
    const overview = await (await as('kate', '/api/dashboard/overview')).json();
    expect(overview).toMatchObject({ wholeSchool: false, figures: { pupilsOnRegister: 6 } });
    const { pupils } = await (await as('kate', '/api/dashboard/pupils')).json();
    expect(pupils.map((p: { firstName: string }) => p.firstName)).toEqual(['Ethan', 'Bella', 'Amir', 'Daisy', 'Caleb', 'Freya']);
    const { keyTeachers } = await (await as('kate', '/api/dashboard/key-teachers')).json();
    expect(keyTeachers.map((k: { name: string }) => k.name)).toEqual(['Kate Morgan']);
  });

  it("Given a parent of George (Tom's) and Isla (no key teacher) wrote about George, Then the key-teacher table charges that reply to Tom alone", async () => {
    const { keyTeachers } = await (await as('lead', '/api/dashboard/key-teachers')).json();
    expect(keyTeachers.map((k: { name: string; repliesWaiting: number }) => [k.name, k.repliesWaiting])).toEqual([
      ['Kate Morgan', 1],
      ['No key teacher', 0],
      ['Tom Reid', 1],
      ['Una Price', 0],
    ]);
  });

  it("Given Kate asks for Tom's pupils, Then she is refused", async () => {
    expect((await as('kate', `/api/dashboard/overview?keyTeacherId=${known.staff.tom}`)).status).toBe(403);
    expect((await as('kate', `/api/dashboard/pupils/${known.pupils.george}`)).status).toBe(403);
    expect((await as('kate', `/api/dashboard/pupils/${known.pupils.george}/export.csv`)).status).toBe(403);
    expect(await audits('pupil.view', known.pupils.george)).toEqual([]);
  });

  it.each(['lead', 'senco', 'admin'])('Given the %s, Then they see the whole school', async (who) => {
    const overview = await (await as(who, '/api/dashboard/overview')).json();
    expect(overview).toMatchObject({ wholeSchool: true, figures: { pupilsOnRegister: 8, conversations: { overdue: 3 } } });
    expect((await as(who, `/api/dashboard/pupils/${known.pupils.george}`)).status).toBe(200);
  });

  it("Given a lead of another school, Then Oakfield's pupils are not found or refused", async () => {
    const birch = await svc.ctx.prisma.staff.update({ where: { id: known.staff.birchLead }, data: { school: { update: { isDemo: true } } } });
    const token = await localToken(svc.baseUrl, birch.id);
    expect((await fetch(`${svc.baseUrl}/api/dashboard/pupils/${known.pupils.amir}`, bearer(token))).status).toBe(403);
    const overview = await (await fetch(`${svc.baseUrl}/api/dashboard/overview`, bearer(token))).json();
    expect(overview.school.name).toBe('Birchwood Primary');
    expect((await fetch(`${svc.baseUrl}/api/dashboard/overview?schoolId=${known.oakfield}`, bearer(token))).status).toBe(403);
  });

  it('An archived pupil or an unknown id is not found', async () => {
    expect((await as('lead', `/api/dashboard/pupils/${known.pupils.jack}`)).status).toBe(404);
    expect((await as('lead', '/api/dashboard/pupils/not-a-uuid')).status).toBe(404);
  });
});

describe('filters', () => {
  it.each([
    ['yearGroup=7', ['Bella', 'Amir', 'George']],
    ['need=SPLD', ['Bella', 'Hannah', 'Daisy', 'Freya']],
    ['senStatus=EHC_PLAN', ['Ethan', 'Bella']],
    ['yearGroup=8&need=SPLD', ['Hannah', 'Daisy']],
    [`keyTeacherId=${'TOM'}`, ['Hannah', 'George']],
  ])('?%s lists %j', async (query, names) => {
    const q = query.replace('TOM', known.staff.tom);
    const { pupils } = await (await as('lead', `/api/dashboard/pupils?${q}`)).json();
    expect(pupils.map((p: { firstName: string }) => p.firstName)).toEqual(names);
  });

  it('narrows the figures too, and refuses a filter that is not one', async () => {
    const overview = await (await as('lead', '/api/dashboard/overview?yearGroup=7')).json();
    expect(overview.figures.pupilsOnRegister).toBe(3);
    expect(overview.options.yearGroups).toEqual([7, 8, 9, 10]);
    expect((await as('lead', '/api/dashboard/overview?need=DRAGONS')).status).toBe(400);
  });
});

describe("a pupil's record", () => {
  it('shows the timeline: conversations with the four stages, views, targets with progress, texts to and from parents, confidence', async () => {
    const res = await as('kate', `/api/dashboard/pupils/${known.pupils.amir}`);
    expect(res.status).toBe(200);
    const record = await res.json();
    expect(record.pupil).toMatchObject({ firstName: 'Amir', keyTeacher: { displayName: 'Kate Morgan' } });
    expect(record.timeline.map((e: { kind: string; at: string }) => `${e.at.slice(0, 10)} ${e.kind}`)).toEqual([
      '2026-11-15 message',
      '2026-11-02 confidence',
      '2026-11-01 message',
      '2026-09-25 target',
      '2026-09-25 target',
      '2026-09-20 confidence',
      '2026-09-20 conversation',
      '2026-09-15 pupilView',
    ]);
    const conversation = record.timeline.find((e: { kind: string }) => e.kind === 'conversation');
    expect(conversation).toMatchObject({ explore: { strengths: 'Loves building things', barriers: 'Noisy classrooms' }, focus: 'Speaking up in class', plan: 'Visual timetable' });
    const english = record.timeline.find((e: { kind: string; area?: string }) => e.kind === 'target' && e.area === 'ENGLISH');
    expect(english.progress).toEqual([{ at: '2026-11-09T12:00:00.000Z', status: 'WORKING_TOWARDS', note: 'Reads to his brother at home' }]);
    const reply = record.timeline[0];
    expect(reply).toMatchObject({ direction: 'INBOUND', body: 'Thank you, he told us all about it!', contactName: 'Mrs Khan' });
  });

  it("includes a parent's reply that names no child in each of that parent's children's records", async () => {
    const george = await (await as('lead', `/api/dashboard/pupils/${known.pupils.george}`)).json();
    const isla = await (await as('lead', `/api/dashboard/pupils/${known.pupils.isla}`)).json();
    const texts = (r: { timeline: { kind: string }[] }) => r.timeline.filter((e) => e.kind === 'message').length;
    expect([texts(george), texts(isla)]).toEqual([3, 2]);
  });

  it('audits every view, with who looked', async () => {
    const before = (await audits('pupil.view', known.pupils.bella)).length;
    await as('senco', `/api/dashboard/pupils/${known.pupils.bella}`);
    await as('kate', `/api/dashboard/pupils/${known.pupils.bella}`);
    const rows = (await audits('pupil.view', known.pupils.bella)).slice(before);
    expect(rows.map((r) => [r.actorId, r.actorKind, r.entityType, r.schoolId])).toEqual([
      [known.staff.senco, 'STAFF', 'Pupil', known.oakfield],
      [known.staff.kate, 'STAFF', 'Pupil', known.oakfield],
    ]);
  });
});

describe("exporting a pupil's record", () => {
  it('gives a CSV, one row per timeline entry, formula-safe, audited', async () => {
    await svc.ctx.prisma.message.create({
      data: { schoolId: known.oakfield, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', contactId: (await svc.ctx.prisma.pupilContact.findFirstOrThrow({ where: { pupilId: known.pupils.caleb } })).contactId, pupilId: known.pupils.caleb, body: '=HYPERLINK("http://evil")', createdAt: new Date('2026-11-14T10:00:00Z') },
    });
    const res = await as('lead', `/api/dashboard/pupils/${known.pupils.caleb}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=record-smith-caleb.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    // A UTF-8 byte-order mark first, so Excel reads Urdu, Polish and Romanian as written.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('"Date","Entry","Status","Detail"');
    expect(lines).toContain(`"14 Nov 2026, 10:00","Text from Ms Smith","Received","'=HYPERLINK(""http://evil"")"`);
    expect(lines).toContain('"18 Nov 2026, 15:30","Initial structured conversation","Booked","Due by 18 Nov 2026"');
    expect(lines).toHaveLength(1 + 6);
    const [audit] = await audits('pupil.export', known.pupils.caleb);
    expect(audit).toMatchObject({ actorId: known.staff.lead, after: { format: 'csv' } });
  });

  it('gives printable HTML with print styles, escaped, audited', async () => {
    const res = await as('kate', `/api/dashboard/pupils/${known.pupils.caleb}/export.html`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Record of <bdi dir="auto">Caleb Smith</bdi></h1>');
    expect(html).toContain('@media print');
    expect(html).toContain('<dt>SEN status</dt><dd>SEN support</dd>');
    expect(html).not.toContain('<script');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect((await audits('pupil.export', known.pupils.caleb)).map((a) => (a.after as { format: string }).format)).toEqual(['csv', 'html']);
  });

  it("Given a conversation still to book, Then its date is the due date, with no made-up time", async () => {
    const res = await as('lead', `/api/dashboard/pupils/${known.pupils.daisy}/export.csv`);
    const lines = (await res.text()).split('\r\n');
    expect(lines).toContain('"10 Nov 2026","Initial structured conversation","To book","Due by 10 Nov 2026"');
    expect(lines.join('\n')).not.toContain('00:00');
  });

  it("Given a text in Urdu, Then the printable export lays out the parent's words and name in their own direction", async () => {
    const contact = await svc.ctx.prisma.contact.create({ data: { schoolId: known.oakfield, displayName: 'نادیہ حسین', mobile: '+447700900950', preferredLanguage: 'ur' } });
    await svc.ctx.prisma.pupilContact.create({ data: { pupilId: known.pupils.ethan, contactId: contact.id, relationship: 'MOTHER' } });
    await svc.ctx.prisma.message.create({
      data: { schoolId: known.oakfield, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', contactId: contact.id, pupilId: known.pupils.ethan, body: 'شکریہ، کل 3 بجے ٹھیک ہے۔', createdAt: new Date('2026-11-14T11:00:00Z') },
    });
    const html = await (await as('lead', `/api/dashboard/pupils/${known.pupils.ethan}/export.html`)).text();
    expect(html).toContain('<td>Text from <bdi dir="auto">نادیہ حسین</bdi></td>');
    expect(html).toContain('<td dir="auto">شکریہ، کل 3 بجے ٹھیک ہے۔</td>');
    expect(html).toContain('<dt>Parents and carers</dt><dd>');
  });
});

describe('the key teacher filter', () => {
  it('Given the SENCO is the key teacher of a pupil without having the key teacher role, Then she is one of the options', async () => {
    await svc.ctx.prisma.pupil.update({ where: { id: known.pupils.isla }, data: { keyTeacherId: known.staff.senco } });
    try {
      const overview = await (await as('lead', '/api/dashboard/overview')).json();
      expect(overview.options.keyTeachers.map((k: { displayName: string }) => k.displayName)).toEqual(['Kate Morgan', 'Sam Okafor', 'Tom Reid', 'Una Price']);
      const { pupils } = await (await as('lead', `/api/dashboard/pupils?keyTeacherId=${known.staff.senco}`)).json();
      expect(pupils.map((p: { firstName: string }) => p.firstName)).toEqual(['Isla']);
    } finally {
      await svc.ctx.prisma.pupil.update({ where: { id: known.pupils.isla }, data: { keyTeacherId: null } });
    }
  });
});
