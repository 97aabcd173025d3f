import type { PrismaClient } from '../../db/database';
import type { Prisma } from '../../generated/prisma/client';
import { presetOf } from '../../assessment/schemes';

/**
 * A known data set for the evidence figures: Oakfield (Europe/London) in the spring term of 2026-27,
 * and Birchwood, whose records must never reach Oakfield's figures. The comments say what each
 * record is there for. Reporting instant: Monday 1 March 2027, 10:00 London.
 *
 * Oakfield's cohort is Amir, Bella, Caleb (on the register) and Daisy (left it in July 2026: former
 * SEN). Ethan left the register in 2024 (more than two years ago), Freya was never on it, George has
 * left the school: none of them counts, though each has records that would change the figures.
 */
export const REPORT_AT = new Date('2027-03-01T10:00:00Z');

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export interface KnownEvidence {
  oakfield: string;
  pupils: Record<'amir' | 'bella' | 'caleb' | 'daisy' | 'ethan' | 'freya' | 'george' | 'birch', string>;
}

export async function seedKnownEvidence(db: PrismaClient): Promise<KnownEvidence> {
  const terms = [
    { name: 'Summer 2026', startsOn: day('2026-04-20'), endsOn: day('2026-07-22') },
    { name: 'Autumn 2026', startsOn: day('2026-09-02'), endsOn: day('2026-12-18') },
    { name: 'Spring 2027', startsOn: day('2027-01-05'), endsOn: day('2027-03-26') },
    { name: 'Summer 2027', startsOn: day('2027-04-12'), endsOn: day('2027-07-21') },
  ];
  const oak = await db.school.create({ data: { name: 'Oakfield Academy', widerOutcomes: ['ATTENDANCE', 'BEHAVIOUR'], terms: { create: terms } } });
  const birch = await db.school.create({ data: { name: 'Birchwood Primary', terms: { create: terms } } });

  const scheme = (schoolId: string, presetKey: string) => {
    const { key, ...rule } = presetOf(presetKey)!;
    return db.assessmentScheme.create({ data: { schoolId, presetKey: key, ...rule } });
  };
  const ageRelated = await scheme(oak.id, 'age-related');
  const scores = await scheme(oak.id, 'standardised-score');
  const smallSteps = await scheme(oak.id, 'small-steps');
  const engagementModel = await scheme(oak.id, 'engagement-model');
  const phonicsPhases = await db.assessmentScheme.create({ data: { schoolId: oak.id, name: 'Phonics phases', kind: 'STEPS', steps: ['Phase 1', 'Phase 2', 'Phase 3', 'Phase 4'], expectedPerTerm: 1 } });
  const subject = (schoolId: string, key: string, name: string, schemeId: string) => db.assessmentSubject.create({ data: { schoolId, key, name, schemeId } });
  const s = {
    reading: await subject(oak.id, 'reading', 'Reading', ageRelated.id),
    // Writing moved from small steps to age-related expectations this year.
    writing: await subject(oak.id, 'writing', 'Writing', ageRelated.id),
    maths: await subject(oak.id, 'maths', 'Maths', scores.id),
    phonics: await subject(oak.id, 'phonics', 'Phonics', phonicsPhases.id),
    engagement: await subject(oak.id, 'engagement', 'Engagement', engagementModel.id),
  };
  const birchScheme = await scheme(birch.id, 'age-related');
  const birchReading = await subject(birch.id, 'reading', 'Reading', birchScheme.id);

  const pupil = async (schoolId: string, misId: string, firstName: string, senStatus: Prisma.PupilCreateInput['senStatus'], history: [Prisma.PupilCreateInput['senStatus'], string][], extra: { archivedAt?: Date } = {}) => {
    const p = await db.pupil.create({ data: { schoolId, misId, firstName, lastName: 'Known', yearGroup: 4, senStatus, onRegisterSince: day(history[0]?.[1] ?? '2026-09-02'), ...extra } });
    for (const [status, on] of history) await db.senStatusChange.create({ data: { pupilId: p.id, senStatus: status, effectiveOn: day(on) } });
    return p.id;
  };
  const p = {
    amir: await pupil(oak.id, 'K001', 'Amir', 'SEN_SUPPORT', [['SEN_SUPPORT', '2025-09-03']]),
    bella: await pupil(oak.id, 'K002', 'Bella', 'EHC_PLAN', [['SEN_SUPPORT', '2024-09-03'], ['EHC_PLAN', '2026-01-10']]),
    caleb: await pupil(oak.id, 'K003', 'Caleb', 'SEN_SUPPORT', [['SEN_SUPPORT', '2026-09-02']]),
    daisy: await pupil(oak.id, 'K004', 'Daisy', 'NOT_ON_REGISTER', [['SEN_SUPPORT', '2024-09-03'], ['NOT_ON_REGISTER', '2026-07-20']]),
    ethan: await pupil(oak.id, 'K005', 'Ethan', 'NOT_ON_REGISTER', [['SEN_SUPPORT', '2022-09-05'], ['NOT_ON_REGISTER', '2024-07-19']]),
    freya: await pupil(oak.id, 'K006', 'Freya', 'NOT_ON_REGISTER', [['NOT_ON_REGISTER', '2026-09-02']]),
    george: await pupil(oak.id, 'K007', 'George', 'SEN_SUPPORT', [['SEN_SUPPORT', '2025-09-03']], { archivedAt: new Date('2027-02-01T12:00:00Z') }),
    birch: await pupil(birch.id, 'B001', 'Bo', 'SEN_SUPPORT', [['SEN_SUPPORT', '2025-09-03']]),
  };

  const recordedAt = new Date('2027-02-27T12:00:00Z');
  const point = (pupilId: string, subj: { id: string; schemeId: string }, window: string, value: string | number, baseline = false, schemeId = subj.schemeId) => {
    const term = terms.find((t) => t.name === window)!;
    return db.assessmentPoint.create({
      data: { pupilId, subjectId: subj.id, schemeId, windowStartsOn: term.startsOn, windowName: window, step: typeof value === 'string' ? value : null, score: typeof value === 'number' ? value : null, baseline, source: 'IMPORT', recordedAt },
    });
  };
  // Amir: reading rising from his baseline; maths wobbling within 5 points; phonics stuck three terms (off course); writing's small-steps point is another scheme's.
  await point(p.amir, s.reading, 'Summer 2026', 'Working towards', true);
  await point(p.amir, s.reading, 'Autumn 2026', 'Working towards +');
  await point(p.amir, s.reading, 'Spring 2027', 'Expected -');
  await point(p.amir, s.maths, 'Summer 2026', 100, true);
  await point(p.amir, s.maths, 'Autumn 2026', 98);
  await point(p.amir, s.maths, 'Spring 2027', 97);
  await point(p.amir, s.phonics, 'Summer 2026', 'Phase 1');
  await point(p.amir, s.phonics, 'Autumn 2026', 'Phase 1');
  await point(p.amir, s.phonics, 'Spring 2027', 'Phase 1');
  await point(p.amir, s.writing, 'Summer 2026', 'Year 2 step 1', true, smallSteps.id);
  await point(p.amir, s.writing, 'Autumn 2026', 'Working towards');
  await point(p.amir, s.writing, 'Spring 2027', 'Working towards');
  // Bella: fell back in reading and in maths (by more than the tolerance).
  await point(p.bella, s.reading, 'Autumn 2026', 'Expected', true);
  await point(p.bella, s.reading, 'Spring 2027', 'Expected -');
  await point(p.bella, s.maths, 'Autumn 2026', 90, true);
  await point(p.bella, s.maths, 'Spring 2027', 83);
  // Caleb: maths sliding 3 points a term, 6 below his starting point by now; reading has one point only.
  await point(p.caleb, s.maths, 'Summer 2026', 100, true);
  await point(p.caleb, s.maths, 'Autumn 2026', 97);
  await point(p.caleb, s.maths, 'Spring 2027', 94);
  await point(p.caleb, s.reading, 'Spring 2027', 'Working towards');
  // Daisy (former SEN): holding Expected; an engagement model area, never off course.
  await point(p.daisy, s.reading, 'Autumn 2026', 'Expected', true);
  await point(p.daisy, s.reading, 'Spring 2027', 'Expected');
  await point(p.daisy, s.engagement, 'Spring 2027', 'Persistence');
  // Not in the cohort: would be off course.
  await point(p.ethan, s.reading, 'Autumn 2026', 'Expected', true);
  await point(p.ethan, s.reading, 'Spring 2027', 'Working towards');
  await point(p.george, s.maths, 'Autumn 2026', 100, true);
  await point(p.george, s.maths, 'Spring 2027', 80);
  await point(p.birch, birchReading, 'Autumn 2026', 'Expected', true);
  await point(p.birch, birchReading, 'Spring 2027', 'Working towards');

  const attendance = (pupilId: string, from: string, to: string, possible: number, attended: number) =>
    db.attendanceRecord.create({ data: { pupilId, fromDate: day(from), toDate: day(to), sessionsPossible: possible, sessionsAttended: attended, source: 'IMPORT', recordedAt } });
  await attendance(p.amir, '2026-09-02', '2026-12-18', 142, 136);
  await attendance(p.bella, '2026-09-02', '2026-12-18', 142, 120);
  await attendance(p.caleb, '2026-09-02', '2026-12-18', 142, 140);
  await attendance(p.amir, '2027-01-05', '2027-02-26', 80, 78);
  await attendance(p.bella, '2027-01-05', '2027-02-26', 80, 70);
  // Exactly 90%: persistent absence (10% or more missed).
  await attendance(p.caleb, '2027-01-05', '2027-02-26', 80, 72);
  // Two periods either side of half term.
  await attendance(p.daisy, '2027-01-05', '2027-02-12', 56, 54);
  await attendance(p.daisy, '2027-02-22', '2027-02-26', 10, 10);
  await attendance(p.amir, '2026-04-20', '2026-07-22', 130, 100);
  await attendance(p.ethan, '2027-01-05', '2027-02-26', 80, 40);
  await attendance(p.george, '2027-01-05', '2027-01-29', 40, 10);
  await attendance(p.birch, '2027-01-05', '2027-02-26', 80, 10);
  for (const [from, to, percent] of [['2026-09-02', '2026-12-18', 95.5], ['2027-01-05', '2027-02-26', 95.1]] as const) {
    await db.schoolAttendance.create({ data: { schoolId: oak.id, fromDate: day(from), toDate: day(to), percent, recordedAt } });
  }
  await db.schoolAttendance.create({ data: { schoolId: birch.id, fromDate: day('2027-01-05'), toDate: day('2027-02-26'), percent: 80, recordedAt } });

  const exclusion = (pupilId: string, kind: 'SUSPENSION' | 'PERMANENT', startsOn: string, days: number | null) => db.exclusion.create({ data: { pupilId, kind, startsOn: day(startsOn), days, recordedAt } });
  await exclusion(p.bella, 'SUSPENSION', '2026-11-10', 2);
  await exclusion(p.bella, 'SUSPENSION', '2027-02-15', 1.5);
  await exclusion(p.caleb, 'PERMANENT', '2027-02-25', null);
  await exclusion(p.amir, 'SUSPENSION', '2026-06-10', 1);
  await exclusion(p.ethan, 'SUSPENSION', '2027-01-20', 3);
  await exclusion(p.birch, 'SUSPENSION', '2027-01-20', 3);

  const event = (pupilId: string, kind: Prisma.WiderOutcomeEventCreateInput['kind'], on: string, resolved: boolean | null = null) =>
    db.widerOutcomeEvent.create({ data: { pupilId, kind, occurredOn: day(on), resolved, category: 'Known', recordedAt } });
  await event(p.amir, 'BEHAVIOUR_INCIDENT', '2026-10-05');
  await event(p.bella, 'BEHAVIOUR_INCIDENT', '2027-01-11');
  await event(p.bella, 'BEHAVIOUR_INCIDENT', '2027-01-12');
  await event(p.bella, 'BEHAVIOUR_INCIDENT', '2027-01-12');
  await event(p.caleb, 'BEHAVIOUR_INCIDENT', '2027-02-01');
  await event(p.ethan, 'BEHAVIOUR_INCIDENT', '2027-01-20');
  await event(p.birch, 'BEHAVIOUR_INCIDENT', '2027-01-20');
  await event(p.amir, 'ACHIEVEMENT', '2027-02-11');
  await event(p.amir, 'ACHIEVEMENT', '2027-02-23');
  await event(p.daisy, 'ACHIEVEMENT', '2026-11-20');
  // In the Christmas holiday: counted with the autumn term, just ended.
  await event(p.caleb, 'ACHIEVEMENT', '2026-12-30');
  await event(p.bella, 'BULLYING_REPORT', '2026-10-01', true);
  await event(p.caleb, 'BULLYING_REPORT', '2027-01-20', false);
  await event(p.daisy, 'BULLYING_REPORT', '2027-02-02', true);
  await event(p.amir, 'PARTICIPATION', '2026-10-07');
  await event(p.amir, 'PARTICIPATION', '2026-10-14');
  await event(p.daisy, 'PARTICIPATION', '2027-01-13');
  await event(p.bella, 'PARTICIPATION', '2027-01-13');
  await event(p.bella, 'PARTICIPATION', '2027-01-20');

  // Conversations held: what is "new" for a pupil is since the last one.
  await db.structuredConversation.create({ data: { pupilId: p.bella, kind: 'REVIEW', status: 'HELD', dueBy: day('2026-12-04'), heldAt: new Date('2026-12-01T15:30:00Z') } });
  await db.structuredConversation.create({ data: { pupilId: p.amir, kind: 'REVIEW', status: 'HELD', dueBy: day('2027-01-29'), heldAt: new Date('2027-01-20T15:30:00Z') } });
  return { oakfield: oak.id, pupils: p };
}
