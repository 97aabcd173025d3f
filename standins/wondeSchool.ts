import type { Clock } from '../runtime/clock';

/**
 * A generated secondary school as Wonde holds it, for the Wonde stand-in (./wonde.ts): 1,500
 * pupils in years 7 to 11 (60 forms of 25), about 250 of them on the SEN register (200 SEN
 * support, 50 EHC plans), 1,350 families with two contacts each (2,700 contacts; one pupil in ten
 * shares their family with the pupil before), and 120 staff (a SENCO, a head teacher, an office
 * manager, 60 form tutors, teachers). Deterministic: the same school every time. Every name and
 * number is fictional: mobiles 07400 1xxxxx like the benchmark's register, landlines in Ofcom's
 * drama range (01632 960xxx). The methods below change it as the MIS would, stamping what they
 * touch with the clock's now so `updated_after` finds it.
 */
export interface StandInStudent {
  id: string;
  upi: string;
  misId: string;
  upn: string;
  admissionNumber: string;
  forename: string;
  surname: string;
  gender: 'MALE' | 'FEMALE';
  dateOfBirth: string;
  year: number;
  /** Census SEN provision code: N, K or E. */
  senStatus: string;
  /** Census need codes, most important first. */
  needs: string[];
  firstLanguage: string;
  inCare: boolean;
  leavingDate: string | null;
  groupIds: string[];
  classIds: string[];
  contacts: { contactId: string; relationship: string; priority: number; parentalResponsibility: boolean; livesWithPupil: boolean }[];
  /** The pupil's evidence as the MIS holds it (see StandInEvidence). */
  evidence: StandInEvidence;
  updatedAt: Date;
  /** Sent in place of the documented record (a malformed record). */
  malformed?: Record<string, unknown>;
}

/**
 * A pupil's evidence in the MIS: behaviour incidents and achievements by date and type code,
 * exclusions, assessment results by aspect, and an attendance summary for the school year to date
 * (when not set, worked out from the clock: every school day since the year began, two sessions each,
 * less the pupil's own few absences).
 */
export interface StandInEvidence {
  behaviours: { id: string; date: string; type: string }[];
  achievements: { id: string; date: string; type: string }[];
  exclusions: { id: string; startDate: string; type: string; sessions: number }[];
  results: { id: string; aspectId: string; result: string; date: string }[];
  attendance?: { possible: number; present: number };
  /** Sessions missed in every 100 possible (the default summary's). */
  absencePercent: number;
}

/** The school's assessment aspects (the MIS's marksheet columns): Wonde id and name. */
export const STAND_IN_ASPECTS = [
  { id: 'A7000001', name: 'Reading' },
  { id: 'A7000002', name: 'Maths' },
  { id: 'A7000003', name: 'Science' },
] as const;

export interface StandInContact {
  id: string;
  upi: string;
  misId: string;
  title: string;
  forename: string;
  surname: string;
  mobile: string | null;
  home: string | null;
  email: string | null;
  updatedAt: Date;
}

export interface StandInEmployee {
  id: string;
  upi: string;
  misId: string;
  staffCode: string;
  title: string;
  forename: string;
  surname: string;
  email: string;
  roles: string[];
  teaching: boolean;
  updatedAt: Date;
}

export interface StandInGroup {
  id: string;
  name: string;
  code: string;
  type: 'REGISTRATION' | 'YEAR';
  employeeIds: string[];
  updatedAt: Date;
}

export interface StandInClass {
  id: string;
  name: string;
  code: string;
  employeeIds: string[];
  updatedAt: Date;
}

export interface StandInDeletion {
  id: string;
  type: 'student' | 'contact' | 'employee';
  misId: string;
  deletedAt: Date;
}

export interface SchoolSize {
  pupils: number;
  staff: number;
}

const FORENAMES_F = ['Amelia', 'Olivia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Freya', 'Sophia', 'Grace', 'Aisha', 'Zofia', 'Maryam', 'Ioana', 'Hannah', 'Ruby', 'Evie', 'Poppy', 'Willow', 'Layla'];
const FORENAMES_M = ['Noah', 'Oliver', 'George', 'Arthur', 'Leo', 'Harry', 'Oscar', 'Archie', 'Henry', 'Jack', 'Amir', 'Jakub', 'Ibrahim', 'Andrei', 'Yusuf', 'Theo', 'Finley', 'Mason', 'Riley', 'Ethan'];
const SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Khan', 'Nowak', 'Popescu', 'Hussain', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Begum', 'Kowalski', 'Ali', 'Green', 'Hall', 'Wood', 'Clarke'];
const NEEDS = ['SPLD', 'MLD', 'SEMH', 'SLCN', 'ASD', 'HI', 'VI', 'PD', 'SLD', 'MSI', 'PMLD', 'OTH'];
const FORMS = 'ABCDEFGHIJKL';
const CREATED = new Date('2026-08-01T00:00:00Z');

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const AGE_RELATED = ['Working towards', 'Expected', 'Greater depth'];

/** Pupil i's evidence: early-September incidents and achievements for some, an exclusion for a few, a result in every aspect. */
function generatedEvidence(i: number): StandInEvidence {
  const id = (kind: string, n: number) => `A8${kind}${pad(i, 6)}${n}`;
  return {
    behaviours: i % 4 === 0 ? [{ id: id('1', 0), date: '2026-09-03', type: 'DISR' }, ...(i % 8 === 0 ? [{ id: id('1', 1), date: '2026-09-03', type: 'DISR' }] : [])] : [],
    achievements: i % 3 === 0 ? [{ id: id('2', 0), date: '2026-09-04', type: 'MERIT' }] : [],
    exclusions: i % 60 === 0 ? [{ id: id('3', 0), startDate: '2026-09-04', type: 'FIXD', sessions: 2 }] : [],
    results: [
      { id: id('4', 0), aspectId: STAND_IN_ASPECTS[0].id, result: AGE_RELATED[i % 3]!, date: '2026-09-04' },
      { id: id('4', 1), aspectId: STAND_IN_ASPECTS[1].id, result: String(85 + (i % 30)), date: '2026-09-04' },
      { id: id('4', 2), aspectId: STAND_IN_ASPECTS[2].id, result: 'Secure', date: '2026-09-04' },
    ],
    absencePercent: i % 12,
  };
}

/** The stand-in school's Christmas closure (19 December to 4 January): no sessions are possible in it. */
const inChristmasHoliday = (d: Date): boolean => (d.getUTCMonth() === 11 && d.getUTCDate() >= 19) || (d.getUTCMonth() === 0 && d.getUTCDate() <= 4);

/** School days (weekdays out of the Christmas holiday) from the first of September of the clock's school year up to yesterday. */
function schoolDaysSoFar(now: Date): number {
  const year = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  let days = 0;
  for (let d = Date.UTC(year, 8, 1); d < Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()); d += 86_400_000) {
    const day = new Date(d);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !inChristmasHoliday(day)) days += 1;
  }
  return days;
}
const wondeId = (prefix: number, i: number): string => `A${prefix}${pad(i, 6)}`;

export class WondeSchool {
  readonly students = new Map<string, StandInStudent>();
  readonly contacts = new Map<string, StandInContact>();
  readonly employees = new Map<string, StandInEmployee>();
  readonly groups = new Map<string, StandInGroup>();
  readonly classes = new Map<string, StandInClass>();
  readonly deletions: StandInDeletion[] = [];

  constructor(
    readonly id: string,
    readonly name: string,
    private readonly clock: Clock,
    size: SchoolSize = { pupils: 1500, staff: 120 },
  ) {
    this.generate(size);
  }

  private generate({ pupils, staff }: SchoolSize): void {
    const forms = Math.max(1, Math.ceil(pupils / 25));
    for (let i = 0; i < staff; i++) {
      const female = i % 2 === 0;
      const forename = (female ? FORENAMES_F : FORENAMES_M)[(i * 7) % 20]!;
      const surname = SURNAMES[(i * 11) % SURNAMES.length]!;
      const role = i === 0 ? ['SENCO', 'Teacher'] : i === 1 ? ['Headteacher'] : i === 2 ? ['Office Manager'] : i < 3 + forms ? ['Form Tutor', 'Teacher'] : ['Teacher'];
      const e: StandInEmployee = {
        id: wondeId(3, i),
        upi: `e${pad(i, 31)}`,
        misId: String(9000 + i),
        staffCode: `${forename[0]}${surname.slice(0, 2)}${i}`.toUpperCase(),
        title: female ? 'Ms' : 'Mr',
        forename,
        surname,
        email: `${forename}.${surname}${i}@wonde-standin.example`.toLowerCase(),
        roles: role,
        teaching: i !== 2,
        updatedAt: CREATED,
      };
      this.employees.set(e.id, e);
    }
    const employeeIds = [...this.employees.keys()];
    for (let f = 0; f < forms; f++) {
      const year = 7 + Math.floor(f / FORMS.length);
      const code = `${year}${FORMS[f % FORMS.length]}`;
      const tutor = employeeIds[3 + f];
      this.groups.set(`A4${pad(f, 6)}`, { id: `A4${pad(f, 6)}`, name: `Form ${code}`, code, type: 'REGISTRATION', employeeIds: tutor ? [tutor] : [], updatedAt: CREATED });
      const teacher = employeeIds[(3 + forms + f) % employeeIds.length];
      this.classes.set(`A5${pad(f, 6)}`, { id: `A5${pad(f, 6)}`, name: `${code} English`, code: `${code}/En`, employeeIds: teacher ? [teacher] : [], updatedAt: CREATED });
    }
    for (let y = 7; y <= 11; y++) this.groups.set(`A6${pad(y, 6)}`, { id: `A6${pad(y, 6)}`, name: `Year ${y}`, code: String(y), type: 'YEAR', employeeIds: [], updatedAt: CREATED });

    let family = -1;
    const familyContacts: string[][] = [];
    for (let i = 0; i < pupils; i++) {
      const sibling = i % 10 === 9;
      if (!sibling) family += 1;
      const surname = SURNAMES[(family * 3) % SURNAMES.length]!;
      if (!sibling) {
        const mother = this.contact(familyContacts.length * 2, 'Mrs', FORENAMES_F[(family * 5) % 20]!, surname, true);
        const second = family % 25 === 24 ? this.contact(familyContacts.length * 2 + 1, 'Mrs', FORENAMES_F[(family * 9) % 20]!, surname, family % 40 !== 39) : this.contact(familyContacts.length * 2 + 1, 'Mr', FORENAMES_M[(family * 5) % 20]!, surname, family % 40 !== 39);
        familyContacts.push([mother.id, second.id]);
      }
      const [motherId, secondId] = familyContacts[familyContacts.length - 1]!;
      const female = i % 2 === 1;
      const form = Math.floor(i / 25);
      const sen = i % 30 === 0 ? 'E' : i % 6 === 0 ? 'K' : 'N';
      const year = 7 + Math.floor(form / FORMS.length);
      const s: StandInStudent = {
        id: wondeId(1, i),
        upi: `s${pad(i, 31)}`,
        misId: String(5000 + i),
        upn: `W8011${pad(i, 8)}`,
        admissionNumber: pad(i + 1, 6),
        forename: (female ? FORENAMES_F : FORENAMES_M)[(i * 3) % 20]!,
        surname,
        gender: female ? 'FEMALE' : 'MALE',
        dateOfBirth: `${2026 - year - 5}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`,
        year,
        senStatus: sen,
        needs: sen === 'N' ? [] : i % 18 === 0 ? [NEEDS[(i / 6) % 12]!, NEEDS[(i / 6 + 5) % 12]!] : [NEEDS[(i / 6) % 12]!],
        firstLanguage: i % 17 === 0 ? 'POL' : i % 23 === 0 ? 'URD' : i % 29 === 0 ? 'RMN' : i % 31 === 0 ? 'BEN' : 'ENG',
        inCare: i % 97 === 0,
        leavingDate: null,
        groupIds: [`A4${pad(form, 6)}`, `A6${pad(year, 6)}`],
        classIds: [`A5${pad(form, 6)}`],
        contacts: [
          { contactId: motherId!, relationship: 'Mother', priority: 1, parentalResponsibility: true, livesWithPupil: true },
          family % 25 === 24
            ? { contactId: secondId!, relationship: 'Grandmother', priority: 2, parentalResponsibility: false, livesWithPupil: false }
            : { contactId: secondId!, relationship: 'Father', priority: 2, parentalResponsibility: true, livesWithPupil: family % 3 !== 0 },
        ],
        evidence: generatedEvidence(i),
        updatedAt: CREATED,
      };
      this.students.set(s.id, s);
    }
  }

  private contact(k: number, title: string, forename: string, surname: string, mobile: boolean): StandInContact {
    const c: StandInContact = {
      id: wondeId(2, k),
      upi: `c${pad(k, 31)}`,
      misId: String(20000 + k),
      title,
      forename,
      surname,
      mobile: mobile ? `07400 ${100000 + k}` : null,
      home: `01632 960${pad(k % 1000, 3)}`,
      email: null,
      updatedAt: CREATED,
    };
    this.contacts.set(c.id, c);
    return c;
  }

  // ------------------------------------------------------------ what tests look at

  /** Pupils on the SEN register, in the MIS's order. */
  senStudents(): StandInStudent[] {
    return [...this.students.values()].filter((s) => s.senStatus !== 'N');
  }

  studentsOf(contactId: string): StandInStudent[] {
    return [...this.students.values()].filter((s) => s.contacts.some((c) => c.contactId === contactId));
  }

  tutorOf(student: StandInStudent): StandInEmployee | undefined {
    const group = student.groupIds.map((g) => this.groups.get(g)).find((g) => g?.type === 'REGISTRATION');
    return group?.employeeIds[0] ? this.employees.get(group.employeeIds[0]) : undefined;
  }

  /** A pupil's attendance summary for the school year to date, as the MIS works it out tonight. */
  attendanceOf(student: StandInStudent): { possible: number; present: number; authorised: number; unauthorised: number } {
    const { attendance, absencePercent } = student.evidence;
    const possible = attendance?.possible ?? schoolDaysSoFar(this.clock.now()) * 2;
    const present = attendance?.present ?? possible - Math.floor((possible * absencePercent) / 100);
    const missed = possible - present;
    return { possible, present, authorised: Math.ceil(missed / 2), unauthorised: Math.floor(missed / 2) };
  }

  get(studentId: string): StandInStudent {
    const s = this.students.get(studentId);
    if (!s) throw new Error(`the stand-in school has no student ${studentId}`);
    return s;
  }

  // ------------------------------------------------------------ what the MIS changes

  private touch<T extends { updatedAt: Date }>(record: T): T {
    record.updatedAt = this.clock.now();
    return record;
  }

  /** A pupil joins the SEN register (SEN support by default). */
  joinRegister(studentId: string, status = 'K', needs = ['SLCN']): StandInStudent {
    return Object.assign(this.touch(this.get(studentId)), { senStatus: status, needs });
  }

  /** A pupil leaves the SEN register (their record stays at the school). */
  leaveRegister(studentId: string): StandInStudent {
    return Object.assign(this.touch(this.get(studentId)), { senStatus: 'N', needs: [] });
  }

  /** A parent's new mobile number. */
  changeMobile(contactId: string, mobile: string): void {
    const c = this.contacts.get(contactId);
    if (!c) throw new Error(`no contact ${contactId}`);
    this.touch(c).mobile = mobile;
  }

  /** A form gets a new tutor (the pupils' key teacher changes; the pupils' own records do not). */
  setTutor(groupId: string, employeeId: string): void {
    const g = this.groups.get(groupId);
    if (!g) throw new Error(`no group ${groupId}`);
    this.touch(g).employeeIds = [employeeId];
  }

  /** A pupil leaves the school: Wonde no longer lists them, and lists their deletion. */
  leave(studentId: string): void {
    const s = this.get(studentId);
    this.students.delete(studentId);
    this.deletions.push({ id: s.id, type: 'student', misId: s.misId, deletedAt: this.clock.now() });
  }

  /** A pupil's leaving date, named ahead (they stay on the roll until then). */
  setLeavingDate(studentId: string, date: string | null): void {
    this.touch(this.get(studentId)).leavingDate = date;
  }

  /** A contact removed from the MIS: off every pupil, and listed as deleted. */
  deleteContact(contactId: string): void {
    const c = this.contacts.get(contactId);
    if (!c) throw new Error(`no contact ${contactId}`);
    this.contacts.delete(contactId);
    for (const s of this.students.values()) s.contacts = s.contacts.filter((l) => l.contactId !== contactId);
    this.deletions.push({ id: c.id, type: 'contact', misId: c.misId, deletedAt: this.clock.now() });
  }

  /** A behaviour incident recorded in the MIS (its pupil's record itself does not change). */
  addBehaviour(studentId: string, date: string, type: string): void {
    const e = this.get(studentId).evidence;
    e.behaviours.push({ id: `A81${pad(e.behaviours.length, 3)}${studentId}`, date, type });
  }

  addAchievement(studentId: string, date: string, type: string): void {
    const e = this.get(studentId).evidence;
    e.achievements.push({ id: `A82${pad(e.achievements.length, 3)}${studentId}`, date, type });
  }

  addExclusion(studentId: string, startDate: string, type: string, sessions: number): void {
    const e = this.get(studentId).evidence;
    e.exclusions.push({ id: `A83${pad(e.exclusions.length, 3)}${studentId}`, startDate, type, sessions });
  }

  /** A result entered on a marksheet (a later one in the same aspect and collection is a correction). */
  setResult(studentId: string, aspectId: string, date: string, result: string): void {
    const e = this.get(studentId).evidence;
    const same = e.results.find((r) => r.aspectId === aspectId && r.date === date);
    if (same) same.result = result;
    else e.results.push({ id: `A84${pad(e.results.length, 3)}${studentId}`, aspectId, result, date });
  }

  /** The MIS's summary for the year to date, fixed (rather than worked out from the clock). */
  setAttendance(studentId: string, possible: number, present: number): void {
    this.get(studentId).evidence.attendance = { possible, present };
  }

  /** Wonde sends a pupil's record in a shape the documentation does not give (dates as bare strings, a number for the UPN). */
  corrupt(studentId: string): void {
    const s = this.touch(this.get(studentId));
    s.malformed = { id: s.id, forename: s.forename, surname: s.surname, date_of_birth: s.dateOfBirth, education_details: { upn: Number(s.upn.replace(/\D/g, '')) } };
  }

  /** The record becomes well-formed again. */
  repair(studentId: string): void {
    delete this.touch(this.get(studentId)).malformed;
  }

  /** A new member of staff, e.g. to become a form tutor. */
  addEmployee(forename: string, surname: string, roles: string[] = ['Teacher']): StandInEmployee {
    const i = this.employees.size;
    const e: StandInEmployee = {
      id: wondeId(3, 500000 + i),
      upi: `e${pad(500000 + i, 31)}`,
      misId: String(9500 + i),
      staffCode: `${forename[0]}${surname.slice(0, 2)}N${i}`.toUpperCase(),
      title: 'Mx',
      forename,
      surname,
      email: `${forename}.${surname}@wonde-standin.example`.toLowerCase(),
      roles,
      teaching: true,
      updatedAt: this.clock.now(),
    };
    this.employees.set(e.id, e);
    return e;
  }
}
