import { startSmsService, text, type SmsService } from './smsSupport';

/**
 * One number, written two ways, is one parent: "+4407700900210" (the trunk zero left in after the
 * country code, as some phones and gateways write it) is "+447700900210", both when the register
 * is imported and when a text arrives (domain/mobileNumber.ts reads both).
 */
describe('a parent whose number is written with a trunk zero after +44', () => {
  let svc: SmsService;
  let schoolId: string;

  beforeAll(async () => {
    svc = await startSmsService();
    schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary' } })).id;
    const staff = await svc.api(`/api/roster/staff?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'Name,Email,Role\nTom Fletcher,t.fletcher@oakfield.example,Key Teacher\n' });
    expect(staff.status).toBe(200);
  });
  afterAll(() => svc.close());

  it('Given a register that writes the mother\'s mobile as +44 07700 900210, When imported, Then it is stored as +447700900210', async () => {
    const res = await svc.api(`/api/roster/pupils?schoolId=${schoolId}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'UPN,Forename,Surname,Year,SEN Status,Key Teacher Email,Contact 1 Name,Contact 1 Mobile,Contact 1 SMS Consent\nT1,Lily,Evans,3,K,t.fletcher@oakfield.example,Jo Evans,+4407700900210,Yes\n',
    });
    expect(await res.json()).toMatchObject({ imported: 1, rejected: 0 });
    expect(await svc.ctx.prisma.contact.findMany({ where: { schoolId }, select: { mobile: true } })).toEqual([{ mobile: '+447700900210' }]);
  });

  it('Given that contact, When Twilio delivers her text From +4407700900210, Then it is filed as hers, not as an unknown number', async () => {
    expect((await text(svc, '+4407700900210', 'Lily had a good weekend')).status).toBe(200);
    const inbound = await svc.ctx.prisma.message.findFirstOrThrow({ where: { direction: 'INBOUND', body: 'Lily had a good weekend' }, include: { contact: true, pupil: true } });
    expect([inbound.contact?.mobile, inbound.pupil?.firstName, inbound.fromAddress]).toEqual(['+447700900210', 'Lily', '+447700900210']);
    expect(await svc.ctx.prisma.message.count({ where: { template: 'unknown.number' } })).toBe(0);
    expect(await svc.ctx.prisma.message.count({ where: { template: 'parent.reply' } })).toBe(1);
  });
});
