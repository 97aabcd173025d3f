/**
 * Column names vary between management information systems (SIMS, Arbor, Bromcom, ScholarPack,
 * Integris) and between the reports a school builds in each: every field of a roster lists the
 * headers it is known by. Headers are compared without case, spaces or punctuation, so
 * "Legal Surname", "legal_surname" and "LEGAL-SURNAME" are one header. The shapes each MIS writes
 * are kept as sample files in tests/roster/samples/, with where each shape comes from.
 */
export const normaliseHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A pupil's contacts come in priority order, numbered in their headers ("Contact 1 Mobile",
 * "Parent 2 Name", "Priority 3 Relationship", "Contact Mobile 2"): any number of them. Each field
 * lists the words that follow the number.
 */
export const CONTACT_FIELDS = {
  Name: ['Name', 'Full Name', 'Contact Name', 'Display Name'],
  Forename: ['Forename', 'First Name', 'Given Name', 'Legal Forename', 'Preferred Forename'],
  Surname: ['Surname', 'Last Name', 'Family Name', 'Legal Surname', 'Preferred Surname'],
  Mobile: ['Mobile', 'Mobile Number', 'Mobile Phone', 'Mobile Telephone', 'Mobile Tel', 'Mobile Phone Number', 'Phone', 'Phone Number', 'Telephone', 'Telephone Number', 'Tel'],
  Relationship: ['Relationship', 'Relation', 'Relationship To Pupil', 'Relationship To Student', 'Relationship To Child', 'Relationship Type'],
  Language: ['Language', 'Preferred Language', 'Home Language', 'First Language', 'Main Language'],
  SmsConsent: ['SMS Consent', 'Text Consent', 'Consent To SMS', 'Consent To Text', 'Text Message Consent', 'Consent'],
  ParentalResponsibility: ['Parental Responsibility', 'Has Parental Responsibility', 'Responsibility', 'PR'],
} as const;

export type ContactField = keyof typeof CONTACT_FIELDS;
export type ContactColumn = `contact${number}${ContactField}`;
export const contactColumn = (priority: number, field: ContactField): ContactColumn => `contact${priority}${field}`;

const CONTACT_WORDS = ['Contact', 'Parent', 'Carer', 'Parent Carer', 'Guardian', 'Priority', 'Contact Priority', 'Priority Contact'].map(normaliseHeader);
// The first contact's columns are often written without a number ("Parent Mobile", "Primary Contact Name").
const FIRST_CONTACT_WORDS = ['Contact', 'Parent', 'Carer', 'Parent Carer', 'Guardian', 'Primary Contact', 'Main Contact', 'Priority Contact'].map(normaliseHeader);
// ... or even without a word for the contact, when the file describes one parent a row.
const FIRST_CONTACT_BARE: Partial<Record<ContactField, string[]>> = {
  Mobile: ['Mobile', 'Mobile Number', 'Mobile Phone'],
  Relationship: ['Relationship'],
  SmsConsent: ['SMS Consent', 'Text Consent'],
  ParentalResponsibility: ['Parental Responsibility'],
};

const fieldOfTail = new Map<string, ContactField>();
for (const [field, words] of Object.entries(CONTACT_FIELDS) as [ContactField, readonly string[]][]) for (const w of words) fieldOfTail.set(normaliseHeader(w), field);
const bare = new Map<string, ContactField>();
for (const [field, words] of Object.entries(FIRST_CONTACT_BARE) as [ContactField, string[]][]) for (const w of words) bare.set(normaliseHeader(w), field);
const byLength = (a: string, b: string) => b.length - a.length;

/** The contact and field a header names, if it names one: "Contact 2 Mobile" is contact 2's mobile. */
export function claimContactColumn(normalised: string): ContactColumn | undefined {
  const bareField = bare.get(normalised);
  if (bareField) return contactColumn(1, bareField);
  for (const word of [...CONTACT_WORDS].sort(byLength)) {
    if (!normalised.startsWith(word)) continue;
    const rest = normalised.slice(word.length);
    // "Contact 2 Mobile", "Priority 1 Contact Mobile", "Contact 3" (the name).
    const numberFirst = /^(\d{1,2})(?:contact)?(.*)$/.exec(rest);
    if (numberFirst) {
      const field = numberFirst[2] === '' ? 'Name' : fieldOfTail.get(numberFirst[2]!);
      if (field && Number(numberFirst[1]) > 0) return contactColumn(Number(numberFirst[1]), field);
    }
    // "Contact Mobile 2", "Parent Name 1".
    const numberLast = /^(.+?)(\d{1,2})$/.exec(rest);
    const field = numberLast && fieldOfTail.get(numberLast[1]!);
    if (field && Number(numberLast[2]) > 0) return contactColumn(Number(numberLast[2]), field);
  }
  for (const word of [...FIRST_CONTACT_WORDS].sort(byLength)) {
    if (!normalised.startsWith(word)) continue;
    const field = fieldOfTail.get(normalised.slice(word.length));
    if (field) return contactColumn(1, field);
  }
  return undefined;
}

const CONTACT_COLUMN = /^contact(\d+)(\w+)$/;

export function parseContactColumn(field: string): { priority: number; field: ContactField } | undefined {
  const m = CONTACT_COLUMN.exec(field);
  return m && m[2]! in CONTACT_FIELDS ? { priority: Number(m[1]), field: m[2] as ContactField } : undefined;
}

const contactHeader = (column: string): string | undefined => {
  const c = parseContactColumn(column);
  return c && `Contact ${c.priority} ${CONTACT_FIELDS[c.field][0]}`;
};

/** The pupil's own fields; the contacts' are claimed by their numbered headers above. */
export const PUPIL_COLUMNS = {
  upn: ['UPN', 'Unique Pupil Number'],
  admissionNumber: ['Admission No', 'Admission Number', 'Adno', 'Adm No', 'MIS ID', 'Pupil ID'],
  firstName: ['Forename', 'First Name', 'Legal Forename', 'Legal First Name', 'Given Name'],
  // The name the family and the child use, which the texts to parents say: when given, it wins.
  preferredFirstName: ['Preferred Forename', 'Preferred First Name', 'Known As', 'Known As First Name', 'Preferred Name', 'Chosen Name'],
  lastName: ['Surname', 'Legal Surname', 'Last Name', 'Legal Last Name', 'Family Name'],
  preferredLastName: ['Preferred Surname', 'Preferred Last Name', 'Known As Surname', 'Known As Last Name'],
  yearGroup: ['Year', 'NC Year', 'Year Group', 'NC Year Actual', 'National Curriculum Year', 'Curriculum Year', 'Year Taught In', 'Yr'],
  senStatus: ['SEN Status', 'SEN Provision', 'SEN Stage', 'Current SEN Status', 'SEN Code', 'SEN'],
  primaryNeed: ['Primary Need', 'Primary SEN Need', 'SEN Primary Need', 'Primary SEN Type', 'Primary Need Type', 'SEN Need', 'SEN Need Type', 'SEN Type', 'Need Type', 'Type Of Need', 'Need'],
  secondaryNeed: ['Secondary Need', 'Secondary SEN Need', 'SEN Secondary Need', 'Secondary SEN Type', 'Secondary Need Type'],
  lookedAfter: ['Looked After', 'Looked After Child', 'Child Looked After', 'In Care', 'In LA Care', 'CLA', 'LAC'],
  keyTeacherEmail: ['Key Teacher Email', 'Key Teacher', 'Key Teacher Email Address', 'Tutor Email', 'Tutor Email Address', 'Form Tutor Email', 'Class Teacher Email', 'Class Teacher Email Address', 'Key Worker Email', 'Key Person Email'],
  onRegisterSince: ['On Register Since', 'SEN Start Date', 'SEN Start', 'SEN Provision Start Date', 'SEN Status Start Date', 'Date Added To Register'],
  leftOn: ['Leaving Date', 'Date Of Leaving', 'Date Left', 'Left On', 'Leaving'],
  // The family's language, for every contact whose own language cell is blank.
  homeLanguage: ['Home Language', 'First Language', 'Language', 'Preferred Language', 'Main Language', 'Pupil Language'],
} as const satisfies Record<string, readonly string[]>;

export const PUPIL_TABLE: ColumnTable<keyof typeof PUPIL_COLUMNS, ContactColumn> = {
  fields: PUPIL_COLUMNS,
  numbered: { claim: claimContactColumn, header: contactHeader },
};

export const STAFF_COLUMNS = {
  displayName: ['Name', 'Display Name', 'Full Name', 'Staff Name'],
  firstName: ['Forename', 'First Name', 'Legal Forename', 'Preferred Forename', 'Given Name'],
  lastName: ['Surname', 'Legal Surname', 'Preferred Surname', 'Last Name', 'Family Name'],
  email: ['Email', 'Email Address', 'Work Email', 'Work Email Address', 'School Email', 'UPN'],
  roles: ['Role', 'Roles', 'Staff Role'],
  jobTitle: ['Job Title', 'Position', 'Post'],
  teamsUserId: ['Teams User Id', 'Teams Id'],
  aadObjectId: ['Entra Object Id', 'AAD Object Id', 'Azure AD Object Id', 'Object Id'],
} as const satisfies Record<string, readonly string[]>;

export const STAFF_TABLE: ColumnTable<keyof typeof STAFF_COLUMNS> = { fields: STAFF_COLUMNS };

/**
 * The columns of one kind of file: fields known by a list of headers (the first names a missing
 * column), and optionally fields known by a pattern (a pupil's numbered contacts).
 */
export interface ColumnTable<S extends string, D extends string = never> {
  fields: Record<S, readonly string[]>;
  numbered?: { claim(normalised: string): D | undefined; header(field: string): string | undefined };
}

export type FieldOf<T> = T extends ColumnTable<infer S, infer D> ? S | D : never;

/** Where each field sits in a file: its index and the header as the school wrote it (for messages). */
export interface ColumnMap<F extends string> {
  index: Partial<Record<F, number>>;
  header: Partial<Record<F, string>>;
  /** Headers no field claimed: reported so a misspelt column is not silently ignored. */
  ignored: string[];
}

export function mapColumns<S extends string, D extends string>(headers: string[], table: ColumnTable<S, D>): ColumnMap<S | D> {
  const lookup = new Map<string, S>();
  for (const [field, names] of Object.entries(table.fields) as [S, readonly string[]][]) {
    lookup.set(normaliseHeader(field), field);
    for (const name of names) lookup.set(normaliseHeader(name), field);
  }
  const map: ColumnMap<S | D> = { index: {}, header: {}, ignored: [] };
  headers.forEach((raw, i) => {
    const header = raw.trim();
    const normalised = normaliseHeader(header);
    const field = lookup.get(normalised) ?? (normalised ? table.numbered?.claim(normalised) : undefined);
    // The first column claiming a field wins; a repeated one is ignored like an unknown one.
    if (field && map.index[field] === undefined) {
      map.index[field] = i;
      map.header[field] = header;
    } else if (header) {
      map.ignored.push(header);
    }
  });
  return map;
}

/** The header a message should name for a field: the school's own if present, else our first alias. */
export function headerFor<S extends string, D extends string>(map: ColumnMap<S | D>, table: ColumnTable<S, D>, field: S | D): string {
  return map.header[field] ?? (table.fields as Record<string, readonly string[]>)[field]?.[0] ?? table.numbered?.header(field) ?? field;
}

/** Edit distance, for naming the header in a file that was probably meant for a missing column. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Of the headers no field claimed, the one closest to a field's names ("Frist Name" for First Name,
 * "Pupil UPN" for UPN), if any is close: one holding the other, or at most a third of it changed.
 */
export function closestHeader(unclaimed: string[], names: readonly string[]): string | undefined {
  let best: { header: string; score: number } | undefined;
  for (const header of unclaimed) {
    const h = normaliseHeader(header);
    if (!h) continue;
    for (const name of names.map(normaliseHeader)) {
      const contains = Math.min(h.length, name.length) >= 3 && (h.includes(name) || name.includes(h));
      const score = contains ? 0.25 : distance(h, name) / Math.max(h.length, name.length);
      if (score <= 1 / 3 + 1e-9 && (!best || score < best.score)) best = { header, score };
    }
  }
  return best?.header;
}
