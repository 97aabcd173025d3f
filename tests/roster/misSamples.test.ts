import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePupilRoster } from '../../roster/pupilRow';
import { startTestService, type RunningService } from '../support/testService';

/**
 * Registers as the MIS products English schools use really export them (tests/roster/samples/<mis>/,
 * each with a SOURCE.md saying where its shape comes from): every one imports with no row rejected,
 * contacts in their priority order, coded values read by code or description, every year-group form.
 */
const SAMPLES = path.resolve(__dirname, 'samples');
const MIS = ['sims', 'arbor', 'bromcom', 'scholarpack', 'integris'];
const read = (mis: string, file: string) => readFileSync(path.join(SAMPLES, mis, file), 'utf8');

describe('sample registers from each MIS', () => {
  it('keeps a sample register, a staff list and a note of its source for at least SIMS, Arbor, Bromcom, ScholarPack and Integris', () => {
    for (const mis of MIS) expect(readdirSync(path.join(SAMPLES, mis)).sort()).toEqual(['SOURCE.md', 'sen-register.csv', 'staff.csv']);
  });

  describe('read row by row', () => {
    const pupils = (mis: string) => parsePupilRoster(read(mis, 'sen-register.csv'));
    const pupil = (mis: string, misId: string) => pupils(mis).rows.find((r) => r.record.misId === misId)!.record;

    it.each(MIS)('%s: no row is rejected', (mis) => {
      const parsed = pupils(mis);
      expect(parsed.rejections).toEqual([]);
      expect(parsed.rows.length).toBeGreaterThanOrEqual(4);
    });

    it('SIMS: legal and preferred names, "code - description" lookups, three contacts by priority with the home language for each', () => {
      expect(pupil('sims', 'K801200012001')).toMatchObject({
        firstName: 'Yusuf',
        lastName: 'Ahmed',
        yearGroup: 3,
        senStatus: 'SEN_SUPPORT',
        primaryNeed: 'SLCN',
        contacts: [
          { name: 'Samina Ahmed', priority: 1, relationship: 'MOTHER', parentalResponsibility: true, language: 'ur', mobile: '+447700900110' },
          { name: 'Tariq Ahmed', priority: 2, relationship: 'FATHER', language: 'ur' },
          { name: 'Parveen Ahmed', priority: 3, relationship: 'GRANDPARENT', parentalResponsibility: false, language: 'ur' },
        ],
      });
      expect(pupil('sims', 'K801200012003')).toMatchObject({ senStatus: 'EHC_PLAN', primaryNeed: 'ASD', secondaryNeed: 'SEMH', lookedAfter: true });
      // NSA: SEN support with no specialist assessment of the type of need yet.
      expect(pupil('sims', 'K801200012004')).toMatchObject({ primaryNeed: null, contacts: [{ priority: 1 }, { priority: 3, name: 'Jamal Begum' }] });
      expect([pupil('sims', 'K801200012002').yearGroup, pupil('sims', 'K801200012005').yearGroup]).toEqual([0, -1]);
      // The home phone columns are not mobiles: listed as not read, never used.
      expect(pupils('sims').ignoredColumns).toEqual(expect.arrayContaining(['Contact 1 Home Telephone', 'Contact 3 Home Telephone']));
    });

    it("Arbor: guardians by priority, a guardian's own language over the student's home language, Monitoring as not on the register", () => {
      expect(pupil('arbor', 'H204100020002')).toMatchObject({
        firstName: 'Maja',
        lastName: 'Wiśniewska',
        senStatus: 'EHC_PLAN',
        secondaryNeed: 'SLCN',
        contacts: [
          { priority: 1, language: 'pl' },
          { priority: 2, language: 'en', name: 'Tomasz Wiśniewski' },
          { priority: 3, language: 'pl', relationship: 'GRANDPARENT', parentalResponsibility: false },
        ],
      });
      expect(pupil('arbor', 'H204100020001').firstName).toBe('Olly');
      expect(pupil('arbor', 'H204100020004').senStatus).toBe('NOT_ON_REGISTER');
    });

    it('Bromcom: four priority contacts, Y7-style years, 12-Sep-2023 dates, preferred surname, keyed on the UPN not the admission number', () => {
      const harry = pupil('bromcom', 'N305200030001');
      expect(harry).toMatchObject({ firstName: 'Harry', yearGroup: 8, onRegisterSince: '2023-09-12' });
      expect(harry.contacts.map((c) => [c.priority, c.name])).toEqual([[1, 'Joanne Clarke'], [2, 'David Clarke'], [3, 'Margaret Clarke'], [4, 'Peter Clarke']]);
      expect(pupil('bromcom', 'N305200030003')).toMatchObject({ lastName: 'Mensah-Boateng', lookedAfter: true, contacts: [{ relationship: 'FOSTER_CARER' }, { relationship: 'SOCIAL_WORKER' }] });
      expect(pupil('bromcom', 'N305200030004').onRegisterSince).toBe('2025-09-01');
    });

    it('ScholarPack: codes alone, Known As names, N1/R/Y2 years, Mum and Dad', () => {
      expect(pupil('scholarpack', 'P801400040001')).toMatchObject({ firstName: 'Jess', yearGroup: 2, senStatus: 'SEN_SUPPORT', primaryNeed: 'SPLD', contacts: [{ relationship: 'MOTHER' }, { relationship: 'FATHER' }] });
      expect(pupil('scholarpack', 'P801400040002')).toMatchObject({ yearGroup: 0, contacts: [{ language: 'pl' }, { language: 'en' }] });
      expect(pupil('scholarpack', 'P801400040003')).toMatchObject({ yearGroup: -1, primaryNeed: null });
    });

    it('Integris: "NC Year 1", parents with PR and text consent as True/False and Yes/No', () => {
      expect(pupil('integris', 'R802600050001')).toMatchObject({ yearGroup: 1, lookedAfter: false, contacts: [{ smsConsent: true, parentalResponsibility: true }, { smsConsent: false }] });
      expect(pupil('integris', 'R802600050002')).toMatchObject({ firstName: 'Andi', senStatus: 'EHC_PLAN', contacts: [{ language: 'ro' }] });
      expect(pupil('integris', 'R802600050003').contacts[1]).toMatchObject({ relationship: 'STEP_PARENT', parentalResponsibility: false });
    });
  });

  describe('imported over HTTP, each into a school of its own', () => {
    let svc: RunningService;
    beforeAll(async () => {
      svc = await startTestService();
    });
    afterAll(() => svc.close());

    it.each(MIS)('%s: the staff list and the register import with no row rejected, contacts linked in priority order', async (mis) => {
      const schoolId = (await svc.ctx.prisma.school.create({ data: { name: `${mis} sample school` } })).id;
      const post = async (kind: string, csv: string) => (await svc.api(`/api/roster/${kind}?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })).json();
      expect(await post('staff', read(mis, 'staff.csv'))).toMatchObject({ rejected: 0, imported: 2 });
      const register = read(mis, 'sen-register.csv');
      const rows = parsePupilRoster(register).rows;
      expect(await post('pupils', register)).toMatchObject({ rejected: 0, rejections: [], fixes: [], imported: rows.length });
      const links = await svc.ctx.prisma.pupilContact.findMany({ where: { pupil: { schoolId } }, select: { priority: true, pupil: { select: { misId: true } }, contact: { select: { mobile: true } } } });
      const expected = rows.flatMap((r) => r.record.contacts.map((c) => `${r.record.misId} ${c.priority} ${c.mobile}`));
      expect(links.map((l) => `${l.pupil.misId} ${l.priority} ${l.contact.mobile}`).sort()).toEqual(expected.sort());
      // Without a consent column, contacts come in without consent to texts.
      const consents = new Set((await svc.ctx.prisma.contact.findMany({ where: { schoolId }, select: { smsConsent: true } })).map((c) => c.smsConsent));
      expect(consents).toEqual(mis === 'integris' ? new Set([true, false]) : new Set([false]));
      // A second import of the same file changes nothing.
      expect(await post('pupils', register)).toMatchObject({ imported: 0, updated: 0, unchanged: rows.length, rejected: 0 });
    });
  });
});
