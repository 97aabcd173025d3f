import type { PrismaClient } from '../../db/database';
import type { ConversationKind, PupilInvolvement, SenStatus, TargetArea, TargetStatus } from '../../generated/prisma/client';

/**
 * A known trust of three schools for the termly evaluation, every figure worked out by hand in
 * the comments. Reported on Wednesday 6 January 2027 (Spring has started, so "last term" is
 * Autumn 2026: 2 September to 18 December). Summer 2026 (13 April to 17 July) is Oakfield's first
 * term with the product, so its baseline.
 *
 * - **Oakfield Primary** (Oak Trust and Northshire Council): pupils P1-P15; at the end of Autumn
 *   13 on the register (P1-P13), P13 joined on 5 October, P14 left the register on 2 November (still
 *   on the roll: a former SEN pupil), P15 left the school on 20 October.
 * - **Beech Academy** (a secondary; Oak Trust and Northshire): Q1-Q6, all on the register; its first
 *   conversations were in Autumn, so its baseline is Autumn itself.
 * - **Cedar Primary** (Oak Trust only, just joined): C1-C3 on the register, nothing held yet, no baseline.
 */
export const REPORTED_AT = new Date('2027-01-06T10:00:00Z');

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const at = (iso: string): Date => new Date(`${iso}T15:30:00Z`);

const TERMS = [
  { name: 'Summer 2026', startsOn: day('2026-04-13'), endsOn: day('2026-07-17') },
  { name: 'Autumn 2026', startsOn: day('2026-09-02'), endsOn: day('2026-12-18') },
  { name: 'Spring 2027', startsOn: day('2027-01-05'), endsOn: day('2027-03-26') },
];

export interface KnownTrust {
  oakTrust: string;
  northshire: string;
  oakfield: string;
  beech: string;
  cedar: string;
}

export async function seedKnownTrust(db: PrismaClient): Promise<KnownTrust> {
  const oakTrust = await db.organisation.create({ data: { name: 'Oak Trust', kind: 'TRUST' } });
  const northshire = await db.organisation.create({ data: { name: 'Northshire Council', kind: 'LOCAL_AUTHORITY' } });
  const school = (name: string, trust: boolean, la: boolean) =>
    db.school.create({ data: { name, trustId: trust ? oakTrust.id : null, localAuthorityId: la ? northshire.id : null, widerOutcomes: ['ATTENDANCE'], terms: { create: TERMS } } });
  const oakfield = await school('Oakfield Primary', true, true);
  const beech = await school('Beech Academy', true, true);
  const cedar = await school('Cedar Primary', true, false);

  const teacher = async (schoolId: string, name: string) =>
    (await db.staff.create({ data: { schoolId, displayName: name, email: `${name.toLowerCase().replace(/ /g, '.')}@school.example`, roles: ['KEY_TEACHER'] } })).id;
  const [t1, t2, t3, t4] = [await teacher(oakfield.id, 'Tara One'), await teacher(oakfield.id, 'Tom Two'), await teacher(oakfield.id, 'Tia Three'), await teacher(beech.id, 'Tariq Four')];

  const pupils = new Map<string, { id: string; schoolId: string }>();
  const pupil = async (schoolId: string, misId: string, o: { keyTeacherId?: string | null; senStatus?: SenStatus; since?: string; archivedAt?: string; changes?: [SenStatus, string][] } = {}) => {
    const p = await db.pupil.create({
      data: {
        schoolId,
        misId,
        firstName: misId,
        lastName: 'Known',
        yearGroup: 5,
        senStatus: o.senStatus ?? 'SEN_SUPPORT',
        keyTeacherId: o.keyTeacherId ?? null,
        onRegisterSince: day(o.since ?? '2025-09-01'),
        archivedAt: o.archivedAt ? day(o.archivedAt) : null,
      },
    });
    const changes = o.changes ?? [[p.senStatus === 'NOT_ON_REGISTER' ? 'SEN_SUPPORT' : p.senStatus, o.since ?? '2025-09-01']];
    for (const [senStatus, effectiveOn] of changes) await db.senStatusChange.create({ data: { pupilId: p.id, senStatus, effectiveOn: day(effectiveOn) } });
    pupils.set(misId, { id: p.id, schoolId });
    return p.id;
  };
  // Oakfield: Tara One has P1-P7 (seven: more than five), Tom Two P8-P11 and P13 (five), Tia Three none; P12 has no key teacher.
  for (let i = 1; i <= 7; i += 1) await pupil(oakfield.id, `P${i}`, { keyTeacherId: t1 });
  for (let i = 8; i <= 11; i += 1) await pupil(oakfield.id, `P${i}`, { keyTeacherId: t2 });
  await pupil(oakfield.id, 'P12');
  await pupil(oakfield.id, 'P13', { keyTeacherId: t2, since: '2026-10-05' });
  await pupil(oakfield.id, 'P14', { keyTeacherId: t2, senStatus: 'NOT_ON_REGISTER', changes: [['SEN_SUPPORT', '2025-09-01'], ['NOT_ON_REGISTER', '2026-11-02']] });
  await pupil(oakfield.id, 'P15', { keyTeacherId: t2, archivedAt: '2026-10-20' });
  for (let i = 1; i <= 6; i += 1) await pupil(beech.id, `Q${i}`, { keyTeacherId: t4, senStatus: 'EHC_PLAN' });
  for (let i = 1; i <= 3; i += 1) await pupil(cedar.id, `C${i}`);
  void t3;

  const of = (misId: string) => pupils.get(misId)!;
  const parents = new Map<string, string>();
  const parent = async (name: string, children: string[], language: string) => {
    const c = await db.contact.create({ data: { schoolId: of(children[0]!).schoolId, displayName: name, mobile: `+4477009${String(parents.size + 10000).slice(-5)}`, preferredLanguage: language, smsConsent: true } });
    for (const child of children) await db.pupilContact.create({ data: { pupilId: of(child).id, contactId: c.id, relationship: 'PARENT' } });
    parents.set(name, c.id);
  };
  // Oakfield's parents: M1 is the parent of P1 and of P14; M2-M8 English, M9-M10 Polish, M11-M12 Urdu, M13 Romanian, M15 (of P15) English.
  await parent('M1', ['P1', 'P14'], 'en');
  for (let i = 2; i <= 8; i += 1) await parent(`M${i}`, [`P${i}`], 'en');
  await parent('M9', ['P9'], 'pl');
  await parent('M10', ['P10'], 'pl');
  await parent('M11', ['P11'], 'ur');
  await parent('M12', ['P12'], 'ur');
  await parent('M13', ['P13'], 'ro');
  await parent('M15', ['P15'], 'en');
  for (let i = 1; i <= 6; i += 1) await parent(`N${i}`, [`Q${i}`], 'en');
  for (let i = 1; i <= 3; i += 1) await parent(`R${i}`, [`C${i}`], 'en');

  const conversation = async (misId: string, kind: ConversationKind, dueBy: string, heldOn: string, roles: string[], involvement: PupilInvolvement | null) =>
    db.structuredConversation.create({
      data: { pupilId: of(misId).id, kind, status: 'HELD', dueBy: day(dueBy), heldAt: at(heldOn), recordState: 'FINAL', attendees: roles.map((role, i) => ({ name: `Person ${i}`, role })), pupilInvolvement: involvement },
    });
  // Summer (baseline): P1-P6's initial conversations, on time; P1-P3 with their mother.
  for (let i = 1; i <= 6; i += 1) await conversation(`P${i}`, 'INITIAL', '2026-05-20', '2026-05-11', i <= 3 ? ['Mother', 'Key teacher'] : ['Key teacher'], 'TOOK_PART_FULLY');
  // Autumn: P13's initial on time, P12's late; reviews for P1-P8 (P1-P6 with a parent, P1-P5 with the pupil taking part); an additional one for P1.
  await conversation('P13', 'INITIAL', '2026-11-02', '2026-10-20', ['Dad', 'Key teacher'], 'VIEWS_GATHERED_BEFOREHAND');
  await conversation('P12', 'INITIAL', '2026-10-01', '2026-11-20', ['Foster carer', 'SENCO'], 'VIEWS_GATHERED_BEFOREHAND');
  for (let i = 1; i <= 8; i += 1) {
    await conversation(`P${i}`, 'REVIEW', '2026-10-16', `2026-10-${String(i + 1).padStart(2, '0')}`, i <= 6 ? ['Mother', 'Key teacher'] : ['Key teacher', 'Teaching assistant'], i <= 5 ? 'TOOK_PART_FULLY' : 'NOT_INVOLVED');
  }
  await conversation('P1', 'ADDITIONAL', '2026-11-12', '2026-11-10', ['Key teacher'], null);
  // Beech: reviews for Q1-Q6 in Autumn, Q1-Q5 with a parent.
  for (let i = 1; i <= 6; i += 1) await conversation(`Q${i}`, 'REVIEW', '2026-10-16', '2026-10-12', i <= 5 ? ['Parent', 'Form tutor'] : ['Form tutor'], 'TOOK_PART_IN_PART');

  const target = async (misId: string, area: TargetArea, createdOn: string, progress: [TargetStatus, string][] = []) => {
    const t = await db.target.create({ data: { pupilId: of(misId).id, area, description: 'A target', reviewBy: day('2027-02-01'), createdAt: at(createdOn) } });
    for (const [status, on] of progress) await db.progressEntry.create({ data: { targetId: t.id, pupilId: of(misId).id, status, recordedAt: at(on) } });
  };
  // Summer: English for P1-P6; P1 and P2 achieved in July.
  for (let i = 1; i <= 6; i += 1) await target(`P${i}`, 'ENGLISH', '2026-05-11', i <= 2 ? [['ACHIEVED', '2026-07-01']] : []);
  // Autumn: English and maths for P1-P8 (English reviewed for P1-P6, maths achieved for P1-P4), attendance for P13 (achieved).
  for (let i = 1; i <= 8; i += 1) {
    await target(`P${i}`, 'ENGLISH', '2026-10-05', i <= 6 ? [['WORKING_TOWARDS', '2026-11-16']] : []);
    await target(`P${i}`, 'MATHS', '2026-10-05', i <= 4 ? [['WORKING_TOWARDS', '2026-11-16'], ['ACHIEVED', '2026-12-01']] : []);
  }
  await target('P13', 'ATTENDANCE', '2026-10-21', [['ACHIEVED', '2026-12-10']]);
  // Beech: English for Q1-Q6, reviewed for Q1-Q5.
  for (let i = 1; i <= 6; i += 1) await target(`Q${i}`, 'ENGLISH', '2026-10-13', i <= 5 ? [['WORKING_TOWARDS', '2026-11-20']] : []);

  // The pupil's views: P1-P6 in Summer, P1-P10 in Autumn, Q1-Q3 in Autumn.
  const views = async (misId: string, on: string) => db.pupilView.create({ data: { pupilId: of(misId).id, goodAt: 'Drawing', recordedAt: at(on) } });
  for (let i = 1; i <= 6; i += 1) await views(`P${i}`, '2026-05-04');
  for (let i = 1; i <= 10; i += 1) await views(`P${i}`, '2026-09-21');
  for (let i = 1; i <= 3; i += 1) await views(`Q${i}`, '2026-10-01');

  // Reaching parents: a delivered text, or a text from them.
  const text = async (name: string, on: string, inbound = false, status: 'DELIVERED' | 'UNDELIVERED' = 'DELIVERED') => {
    const contactId = parents.get(name)!;
    const c = await db.contact.findUniqueOrThrow({ where: { id: contactId } });
    await db.message.create({
      data: inbound
        ? { schoolId: c.schoolId, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', body: 'Thanks', contactId, createdAt: at(on) }
        : { schoolId: c.schoolId, channel: 'SMS', direction: 'OUTBOUND', status, body: 'News', contactId, createdAt: at(on), deliveredAt: status === 'DELIVERED' ? at(on) : null },
    });
  };
  // Summer: M1-M5. Autumn: M1-M8 and M11 delivered, a text from M9; M10's text not delivered. Beech: N1-N6.
  for (let i = 1; i <= 5; i += 1) await text(`M${i}`, '2026-06-10');
  for (let i = 1; i <= 8; i += 1) await text(`M${i}`, '2026-10-22');
  await text('M11', '2026-10-22');
  await text('M9', '2026-10-23', true);
  await text('M10', '2026-10-22', false, 'UNDELIVERED');
  for (let i = 1; i <= 6; i += 1) await text(`N${i}`, '2026-10-22');

  // Confidence: M1 said 2 in Summer and 4 in Autumn; M2-M6 answered in Autumn (3, 5, 4, 2, 3): Autumn's average of the latest six is 21/6 = 3.50, Summer's is M1's 2.
  const rating = async (name: string, child: string, score: number, on: string) => db.confidenceRating.create({ data: { contactId: parents.get(name)!, pupilId: of(child).id, score, receivedAt: at(on) } });
  await rating('M1', 'P1', 2, '2026-05-15');
  await rating('M1', 'P1', 4, '2026-11-20');
  for (const [i, score] of [3, 5, 4, 2, 3].entries()) await rating(`M${i + 2}`, `P${i + 2}`, score, '2026-10-26');
  // Beech: N1-N5 answered 4, 4, 4, 4, 5 (average 4.20).
  for (const [i, score] of [4, 4, 4, 4, 5].entries()) await rating(`N${i + 1}`, `Q${i + 1}`, score, '2026-10-27');

  return { oakTrust: oakTrust.id, northshire: northshire.id, oakfield: oakfield.id, beech: beech.id, cedar: cedar.id };
}
