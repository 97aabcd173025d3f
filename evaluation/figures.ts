import type { ConversationKind, PupilInvolvement, SenStatus, TargetArea, TargetStatus } from '../generated/prisma/client';
import { LANGUAGE_PACKS } from '../messaging/catalogue';
import { languageOf, type LanguageCode } from '../messaging/languages';
import { addDays, atLocalTime, type IsoDate } from '../domain/schoolCalendar';
import { AREA_GROUPS, MANAGEABLE_PUPILS_PER_KEY_TEACHER, areaGroupOf, latestConfidence, type AreaGroup } from '../digest/figures';
import type { Period } from './periods';

/**
 * The termly evaluation's figures (pure: plain records of one school in, numbers out; no database,
 * no clock). The report is a list of sections, each with its figures' definitions and one pure
 * function that counts them for a period; a section for attainment, attendance or the wider
 * outcomes plugs in the same way (its records added to `SchoolFacts` and to the loader). Every
 * figure says what it counts and what it rests on (`base`: the distinct pupils or parents behind
 * it, which small-number suppression reads). README "Termly evaluation" lists them.
 */
export interface SchoolFacts {
  timezone: string;
  pupils: {
    id: string;
    keyTeacherId: string | null;
    senStatus: SenStatus;
    onRegisterSince: IsoDate;
    /** Left the school. */
    archivedAt: Date | null;
  }[];
  /** Dated SEN status history (effective school-local dates). */
  senChanges: { pupilId: string; senStatus: SenStatus; effectiveOn: IsoDate }[];
  /** Held conversations only. */
  conversations: { pupilId: string; kind: ConversationKind; dueBy: IsoDate; heldAt: Date; attendeeRoles: string[]; pupilInvolvement: PupilInvolvement | null }[];
  targets: { id: string; pupilId: string; area: TargetArea; createdAt: Date }[];
  progress: { targetId: string; status: TargetStatus; recordedAt: Date }[];
  views: { pupilId: string; recordedAt: Date }[];
  contacts: { id: string; pupilIds: string[]; language: LanguageCode }[];
  /** When each parent was reached: a text to them delivered, or a text from them. */
  reaches: { contactId: string; at: Date }[];
  confidence: { contactId: string; pupilId: string; score: number; receivedAt: Date }[];
  /** Active staff with the key teacher role, and anyone who is a pupil's key teacher. */
  keyTeachers: { id: string; name: string }[];
}

export type Unit = 'pupils' | 'parents' | 'conversations' | 'targets' | 'score' | 'staff';

export interface FigureDefinition {
  id: string;
  label: string;
  unit: Unit;
  /** How it is counted, in words a lead can check against their own records. */
  definition: string;
  /** An average (organisation totals weigh each school by its `n`). */
  mean?: boolean;
  /** The sums this figure is a part of: `total` is the sum of the figures naming it with the same `by` (a partition: by kind, by area, by language). */
  partOf?: { total: string; by: string }[];
  /** This figure is a subset of that one (its own section's, or `section:figure`), shown beside it; its complement is never shown. */
  subsetOf?: string;
}

export interface FigureValue {
  value: number | null;
  /** The distinct pupils or parents it rests on (for a staff figure, its own count). */
  base: number;
  /** For an average: its sum and how many values. */
  sum?: number;
  n?: number;
}

export interface Section {
  id: string;
  title: string;
  figures: FigureDefinition[];
  compute(facts: SchoolFacts, period: Period): Record<string, FigureValue>;
}

const count = (ids: Iterable<string>): FigureValue => {
  const n = new Set(ids).size;
  return { value: n, base: n };
};
/** A count of records resting on the pupils behind them. */
const records = <T>(rows: T[], pupilOf: (row: T) => string): FigureValue => ({ value: rows.length, base: new Set(rows.map(pupilOf)).size });
const mean = (values: number[], base: number, digits = 2): FigureValue => {
  const sum = values.reduce((a, b) => a + b, 0);
  const f = 10 ** digits;
  return { value: values.length ? Math.round((sum / values.length) * f) / f : null, base, sum, n: values.length };
};
const staffCount = (n: number): FigureValue => ({ value: n, base: n });
const within = (at: Date, p: Period): boolean => at >= p.start && at < p.end;

const ON_REGISTER = (s: SenStatus): boolean => s !== 'NOT_ON_REGISTER';

/** A pupil's SEN status on a date: the last change effective by then; before any history, the status on the roll since `onRegisterSince`. */
export function statusOn(pupil: SchoolFacts['pupils'][number], changes: SchoolFacts['senChanges'], date: IsoDate): SenStatus {
  const last = changes.filter((c) => c.effectiveOn <= date).sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn)).at(-1);
  if (last) return last.senStatus;
  if (changes.length > 0) return 'NOT_ON_REGISTER';
  return pupil.onRegisterSince <= date ? pupil.senStatus : 'NOT_ON_REGISTER';
}

/** Pupils on the register on a date: on the roll then (not yet left) and on the register by their history. */
function onRegisterOn(facts: SchoolFacts, changesOf: Map<string, SchoolFacts['senChanges']>, date: IsoDate, dayAfter: Date): Set<string> {
  return new Set(
    facts.pupils.filter((p) => (!p.archivedAt || p.archivedAt >= dayAfter) && ON_REGISTER(statusOn(p, changesOf.get(p.id) ?? [], date))).map((p) => p.id),
  );
}

function historyByPupil(facts: SchoolFacts): Map<string, SchoolFacts['senChanges']> {
  const m = new Map<string, SchoolFacts['senChanges']>();
  for (const c of facts.senChanges) {
    const list = m.get(c.pupilId);
    if (list) list.push(c);
    else m.set(c.pupilId, [c]);
  }
  return m;
}

/** Who is on the register at the end of the period (the cohort the other sections' rates rest on). */
export function cohortAtEnd(facts: SchoolFacts, p: Period): Set<string> {
  return onRegisterOn(facts, historyByPupil(facts), p.to, atLocalTime(addDays(p.to, 1), '00:00', facts.timezone));
}

const TWO_YEARS_DAYS = 730;

const cohort: Section = {
  id: 'cohort',
  title: 'The cohort',
  figures: [
    { id: 'onRegister', label: 'Pupils on the SEN register at the end of the term', unit: 'pupils', definition: 'On the roll and on the SEN register (SEN support, EHC plan or a legacy level) on the last day of the term, by their dated SEN history.' },
    { id: 'joined', label: 'Joined the register this term', unit: 'pupils', definition: 'Pupils whose date on the register falls within the term.' },
    { id: 'left', label: 'Left the register or the school this term', unit: 'pupils', definition: 'On the register at the start of the term or joining during it, and no longer on it (or no longer on the roll) at its end.' },
    { id: 'formerSen', label: 'Former SEN pupils still tracked', unit: 'pupils', definition: 'On the roll at the end of the term, no longer on the register, but on it at some time in the two years before: the programme tracks them for two years (000:394-403).' },
  ],
  compute(facts, p) {
    const history = historyByPupil(facts);
    const atEnd = onRegisterOn(facts, history, p.to, p.end);
    const atStart = onRegisterOn(facts, history, addDays(p.from, -1), p.start);
    const joined = facts.pupils.filter((x) => x.onRegisterSince >= p.from && x.onRegisterSince <= p.to).map((x) => x.id);
    const during = new Set([...atStart, ...joined]);
    const twoYearsBefore = addDays(p.to, -TWO_YEARS_DAYS);
    const formerSen = facts.pupils.filter((x) => {
      if (atEnd.has(x.id) || (x.archivedAt && x.archivedAt < p.end)) return false;
      const changes = history.get(x.id) ?? [];
      const wasOn = changes.some((c) => ON_REGISTER(c.senStatus) && c.effectiveOn <= p.to);
      const leftRecently = changes.some((c) => !ON_REGISTER(c.senStatus) && c.effectiveOn > twoYearsBefore && c.effectiveOn <= p.to);
      return wasOn && leftRecently;
    });
    return {
      onRegister: count(atEnd),
      joined: count(joined),
      left: count([...during].filter((id) => !atEnd.has(id))),
      formerSen: count(formerSen.map((x) => x.id)),
    };
  },
};

/** An attendee whose role names a parent or carer (roles are typed by staff: "Mother", "foster carer", "Dad"...). */
const PARENT_ROLE = /\b(parents?|mother|mum|mom|father|dad|carers?|foster|guardian|grand(mother|father|parent|ma|pa|mum|dad)|step|aunt|uncle|relative|family)\b/i;
export const isParentRole = (role: string): boolean => PARENT_ROLE.test(role);

const conversations: Section = {
  id: 'conversations',
  title: 'Structured conversations',
  figures: [
    { id: 'held', label: 'Conversations held', unit: 'conversations', definition: 'Structured conversations held in the term (every kind), resting on the pupils they were about.' },
    { id: 'initialHeld', label: 'Initial conversations held', unit: 'conversations', partOf: [{ total: 'held', by: 'kind' }], definition: 'Initial structured conversations held in the term.' },
    { id: 'initialOnTime', label: 'of which within the deadline', unit: 'conversations', subsetOf: 'initialHeld', definition: "Initial conversations held on or before their due date (the school's initial-conversation weeks after joining the register)." },
    { id: 'reviewsHeld', label: 'Termly review conversations held', unit: 'conversations', partOf: [{ total: 'held', by: 'kind' }], definition: 'Review conversations held in the term.' },
    { id: 'additionalHeld', label: 'Additional conversations held', unit: 'conversations', partOf: [{ total: 'held', by: 'kind' }], definition: 'Additional conversations (asked for between reviews) held in the term.' },
    { id: 'parentsAttended', label: 'Held with a parent or carer taking part', unit: 'conversations', subsetOf: 'held', definition: 'Conversations held in the term whose record lists a parent or carer among those who took part (a role such as parent, mother, father, carer, foster carer, guardian, grandparent).' },
  ],
  compute(facts, p) {
    const held = facts.conversations.filter((c) => within(c.heldAt, p));
    const of = (kind: ConversationKind) => held.filter((c) => c.kind === kind);
    const onTime = of('INITIAL').filter((c) => c.heldAt < atLocalTime(addDays(c.dueBy, 1), '00:00', facts.timezone));
    return {
      held: records(held, (c) => c.pupilId),
      initialHeld: records(of('INITIAL'), (c) => c.pupilId),
      initialOnTime: records(onTime, (c) => c.pupilId),
      reviewsHeld: records(of('REVIEW'), (c) => c.pupilId),
      additionalHeld: records(of('ADDITIONAL'), (c) => c.pupilId),
      parentsAttended: records(held.filter((c) => c.attendeeRoles.some(isParentRole)), (c) => c.pupilId),
    };
  },
};

/**
 * Parents by the language their texts are written in (a written pack: their preferred language, or
 * the written language its speakers read), and every language without one together: a fixed
 * partition, so the same figures exist for every school and suppression can check their sums.
 */
export const LANGUAGES: readonly string[] = [...Object.keys(LANGUAGE_PACKS), 'other'];
const languageGroup = (code: LanguageCode): string => languageOf(code).pack ?? 'other';
const LANGUAGE_NAMES: Record<string, string> = Object.fromEntries(LANGUAGES.map((l) => [l, l === 'other' ? 'other languages (no written texts yet)' : languageOf(l).english]));

const parents: Section = {
  id: 'parents',
  title: 'Parents and carers',
  figures: [
    { id: 'parents', label: 'Parents and carers', unit: 'parents', definition: 'Contacts of the pupils on the register at the end of the term (a parent of two counts once).' },
    { id: 'reached', label: 'Reached this term', unit: 'parents', partOf: [{ total: 'parents', by: 'reach' }], definition: 'A text to them delivered (delivery receipt) or a text from them, during the term.' },
    { id: 'notReached', label: 'Not reached this term (hard to reach)', unit: 'parents', partOf: [{ total: 'parents', by: 'reach' }], definition: 'No delivered text and no text from them during the term (opted out and numbers not working included).' },
    ...LANGUAGES.flatMap((l): FigureDefinition[] => [
      { id: `parents.${l}`, label: `Parents: ${LANGUAGE_NAMES[l]}`, unit: 'parents', partOf: [{ total: 'parents', by: 'language' }], definition: `Parents whose texts are written in ${LANGUAGE_NAMES[l]}.` },
      {
        id: `reached.${l}`,
        label: `Reached: ${LANGUAGE_NAMES[l]}`,
        unit: 'parents',
        partOf: [{ total: 'reached', by: 'language' }, { total: `parents.${l}`, by: 'reach' }],
        definition: `Parents reached this term whose texts are written in ${LANGUAGE_NAMES[l]}.`,
      },
      {
        id: `notReached.${l}`,
        label: `Not reached: ${LANGUAGE_NAMES[l]}`,
        unit: 'parents',
        partOf: [{ total: 'notReached', by: 'language' }, { total: `parents.${l}`, by: 'reach' }],
        definition: `Parents not reached this term whose texts are written in ${LANGUAGE_NAMES[l]}.`,
      },
    ]),
    { id: 'confidence', label: 'Parental confidence (1-5)', unit: 'score', mean: true, definition: "The average of each parent's latest answer, by the end of the term, to \"How confident do you feel that school understands your child's needs?\" (one voice per parent)." },
    { id: 'parentsRating', label: 'Parents who have answered the confidence question', unit: 'parents', definition: 'Parents with at least one answer by the end of the term.' },
  ],
  compute(facts, p) {
    const cohortIds = cohortAtEnd(facts, p);
    const theirs = facts.contacts.filter((c) => c.pupilIds.some((id) => cohortIds.has(id)));
    const reached = new Set(facts.reaches.filter((r) => within(r.at, p)).map((r) => r.contactId));
    const out: Record<string, FigureValue> = {
      parents: count(theirs.map((c) => c.id)),
      reached: count(theirs.filter((c) => reached.has(c.id)).map((c) => c.id)),
      notReached: count(theirs.filter((c) => !reached.has(c.id)).map((c) => c.id)),
    };
    for (const l of LANGUAGES) {
      const speak = theirs.filter((c) => languageGroup(c.language) === l);
      out[`parents.${l}`] = count(speak.map((c) => c.id));
      out[`reached.${l}`] = count(speak.filter((c) => reached.has(c.id)).map((c) => c.id));
      out[`notReached.${l}`] = count(speak.filter((c) => !reached.has(c.id)).map((c) => c.id));
    }
    // The digest's own average, read at the term's end (its last millisecond).
    const c = latestConfidence(facts.confidence.filter((r) => cohortIds.has(r.pupilId)), new Date(p.end.getTime() - 1));
    out.confidence = { value: c.average, base: c.parents, sum: c.sum, n: c.parents };
    out.parentsRating = { value: c.parents, base: c.parents };
    return out;
  },
};

const pupilVoice: Section = {
  id: 'pupilVoice',
  title: "The pupil's views",
  figures: [
    { id: 'viewsGathered', label: 'Pupils whose views were gathered this term', unit: 'pupils', subsetOf: 'cohort:onRegister', definition: "Pupils on the register at the end of the term with the pupil's views (a pupil profile, or with the key teacher, or in the conversation) recorded during it." },
    { id: 'pupilTookPart', label: 'Conversations the pupil took part in', unit: 'conversations', subsetOf: 'conversations:held', definition: 'Conversations held in the term in which the pupil took part fully or in part, or whose views were gathered beforehand.' },
  ],
  compute(facts, p) {
    const cohortIds = cohortAtEnd(facts, p);
    const took = facts.conversations.filter((c) => within(c.heldAt, p) && c.pupilInvolvement !== null && c.pupilInvolvement !== 'NOT_INVOLVED');
    return {
      viewsGathered: count(facts.views.filter((v) => within(v.recordedAt, p) && cohortIds.has(v.pupilId)).map((v) => v.pupilId)),
      pupilTookPart: records(took, (c) => c.pupilId),
    };
  },
};

const AREA_WORDS: Record<AreaGroup, string> = { ENGLISH: 'English', MATHS: 'maths', WIDER: 'wider outcomes' };

const targets: Section = {
  id: 'targets',
  title: 'Targets',
  figures: [
    ...(['set', 'reviewed', 'achieved'] as const).map(
      (what): FigureDefinition => ({
        id: what,
        label: { set: 'Targets set', reviewed: 'Targets reviewed', achieved: 'Targets achieved' }[what],
        unit: 'targets',
        definition: {
          set: 'Targets agreed (created) during the term, in every area.',
          reviewed: 'Targets with progress recorded during the term (a review: working towards, achieved, needs a change).',
          achieved: 'Targets first recorded as achieved during the term.',
        }[what],
      }),
    ),
    ...AREA_GROUPS.flatMap((g) =>
      (['set', 'reviewed', 'achieved'] as const).map(
        (what): FigureDefinition => ({ id: `${what}.${g}`, label: `${{ set: 'Set', reviewed: 'Reviewed', achieved: 'Achieved' }[what]}: ${AREA_WORDS[g]}`, unit: 'targets', partOf: [{ total: what, by: 'area' }], definition: `As "${what}", for ${AREA_WORDS[g]} targets${g === 'WIDER' ? ' (every area but English and maths)' : ''}.` }),
      ),
    ),
  ],
  compute(facts, p) {
    const targetById = new Map(facts.targets.map((t) => [t.id, t]));
    const created = facts.targets.filter((t) => within(t.createdAt, p));
    const reviewedIds = new Set(facts.progress.filter((e) => within(e.recordedAt, p)).map((e) => e.targetId));
    const firstAchieved = new Map<string, Date>();
    for (const e of facts.progress) {
      if (e.status !== 'ACHIEVED') continue;
      const seen = firstAchieved.get(e.targetId);
      if (!seen || e.recordedAt < seen) firstAchieved.set(e.targetId, e.recordedAt);
    }
    const reviewed = [...reviewedIds].flatMap((id) => targetById.get(id) ?? []);
    const achieved = [...firstAchieved].filter(([, at]) => within(at, p)).flatMap(([id]) => targetById.get(id) ?? []);
    const out: Record<string, FigureValue> = {
      set: records(created, (t) => t.pupilId),
      reviewed: records(reviewed, (t) => t.pupilId),
      achieved: records(achieved, (t) => t.pupilId),
    };
    for (const g of AREA_GROUPS) {
      const inArea = (t: { area: TargetArea }) => areaGroupOf(t.area) === g;
      out[`set.${g}`] = records(created.filter(inArea), (t) => t.pupilId);
      out[`reviewed.${g}`] = records(reviewed.filter(inArea), (t) => t.pupilId);
      out[`achieved.${g}`] = records(achieved.filter(inArea), (t) => t.pupilId);
    }
    return out;
  },
};

/** Each key teacher's pupils on the register at the end of the term (names stay in the school's own report). */
export function caseloads(facts: SchoolFacts, p: Period): { id: string | null; name: string; pupils: number; overManageable: boolean }[] {
  const cohortIds = cohortAtEnd(facts, p);
  const load = new Map<string | null, number>(facts.keyTeachers.map((k) => [k.id, 0]));
  for (const x of facts.pupils) if (cohortIds.has(x.id)) load.set(x.keyTeacherId, (load.get(x.keyTeacherId) ?? 0) + 1);
  const name = new Map(facts.keyTeachers.map((k) => [k.id, k.name]));
  return [...load]
    .map(([id, pupils]) => ({ id, name: id ? (name.get(id) ?? 'Former member of staff') : 'No key teacher', pupils, overManageable: id !== null && pupils > MANAGEABLE_PUPILS_PER_KEY_TEACHER }))
    .sort((a, b) => b.pupils - a.pupils || a.name.localeCompare(b.name));
}

const keyTeachers: Section = {
  id: 'keyTeachers',
  title: "Key teachers' load",
  figures: [
    { id: 'keyTeachers', label: 'Key teachers', unit: 'staff', definition: "Staff with the key teacher role, and anyone who is a pupil's key teacher, at the end of the term." },
    { id: 'overManageable', label: 'Key teachers with more than five pupils', unit: 'staff', definition: 'Schools in the programme found five pupils per key teacher manageable (001:636).' },
    { id: 'averageLoad', label: 'Pupils per key teacher (average)', unit: 'pupils', mean: true, definition: 'Pupils on the register with a key teacher, divided by the key teachers.' },
    { id: 'withoutKeyTeacher', label: 'Pupils without a key teacher', unit: 'pupils', definition: 'Pupils on the register at the end of the term with no key teacher named.' },
  ],
  compute(facts, p) {
    const loads = caseloads(facts, p);
    const teachers = loads.filter((l) => l.id !== null);
    const without = loads.find((l) => l.id === null)?.pupils ?? 0;
    const withTeacher = teachers.reduce((a, l) => a + l.pupils, 0);
    return {
      keyTeachers: staffCount(teachers.length),
      overManageable: staffCount(teachers.filter((l) => l.overManageable).length),
      averageLoad: mean(teachers.map((l) => l.pupils), withTeacher, 1),
      withoutKeyTeacher: { value: without, base: without },
    };
  },
};

/**
 * The report's sections, in the order they are shown. Attainment from starting points, attendance
 * and persistent absence, exclusions and the wider outcomes are built on another branch and join
 * this list as sections of their own.
 */
export const EVALUATION_SECTIONS: readonly Section[] = [cohort, conversations, parents, pupilVoice, targets, keyTeachers];

/** Ids are unique across sections as `<section>.<figure>`. */
export const figureKey = (section: Section, figure: FigureDefinition): string => `${section.id}.${figure.id}`;

/** A figure's `partOf`/`subsetOf` names a figure of its own section, or another's as `section:figure` (`cohort:onRegister`). */
export const relatedKey = (section: Section, id: string): string => (id.includes(':') ? id.replace(':', '.') : `${section.id}.${id}`);

/** Every figure of a school for one period, keyed `<section>.<figure>`. */
export function computeSections(facts: SchoolFacts, period: Period, sections: readonly Section[] = EVALUATION_SECTIONS): Map<string, FigureValue> {
  const out = new Map<string, FigureValue>();
  for (const s of sections) {
    const values = s.compute(facts, period);
    for (const f of s.figures) out.set(figureKey(s, f), values[f.id] ?? { value: null, base: 0 });
  }
  return out;
}
