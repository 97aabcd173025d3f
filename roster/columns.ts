/**
 * Column names vary between management information systems (SIMS, Arbor, Bromcom, ...): each field
 * of a roster lists the headers it is known by. Headers are compared without case, spaces or
 * punctuation, so "Legal Surname", "legal_surname" and "LEGAL-SURNAME" are one header.
 */
export const normaliseHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

type ContactField = 'Name' | 'Mobile' | 'Relationship' | 'Language' | 'SmsConsent' | 'ParentalResponsibility';

const contactAliases = <N extends 1 | 2>(n: N, extra: Partial<Record<ContactField, string[]>> = {}): Record<`contact${N}${ContactField}`, string[]> => {
  const c = (suffix: string[]): string[] => suffix.flatMap((s) => [`Contact ${n} ${s}`, `Parent ${n} ${s}`, `Carer ${n} ${s}`]);
  const base: Record<ContactField, string[]> = {
    Name: [...c(['Name', 'Full Name']), `Contact ${n}`, `Parent ${n}`],
    Mobile: c(['Mobile', 'Mobile Number', 'Mobile Phone', 'Phone', 'Telephone']),
    Relationship: c(['Relationship', 'Relation', 'Relationship To Pupil']),
    Language: c(['Language', 'Preferred Language', 'Home Language']),
    SmsConsent: c(['SMS Consent', 'Text Consent', 'Consent To SMS', 'Consent']),
    ParentalResponsibility: c(['Parental Responsibility', 'PR']),
  };
  return Object.fromEntries(
    (Object.keys(base) as ContactField[]).map((f) => [`contact${n}${f}`, [...base[f], ...(extra[f] ?? [])]]),
  ) as Record<`contact${N}${ContactField}`, string[]>;
};

export const PUPIL_COLUMNS = {
  misId: ['UPN', 'Admission No', 'Admission Number', 'Adno', 'MIS ID', 'Pupil ID'],
  firstName: ['Forename', 'First name', 'Legal Forename', 'Given name'],
  lastName: ['Surname', 'Legal Surname', 'Last name', 'Family name'],
  yearGroup: ['Year', 'NC Year', 'Year Group', 'NC Year Actual'],
  senStatus: ['SEN Status', 'SEN Provision', 'SEN Stage'],
  primaryNeed: ['Primary Need', 'Primary SEN Need', 'SEN Need', 'Need'],
  secondaryNeed: ['Secondary Need', 'Secondary SEN Need'],
  lookedAfter: ['Looked After', 'Looked After Child', 'In Care', 'CLA', 'LAC'],
  keyTeacherEmail: ['Key Teacher Email', 'Key Teacher', 'Tutor Email', 'Form Tutor Email', 'Class Teacher Email'],
  onRegisterSince: ['On Register Since', 'SEN Start Date', 'Date Added To Register'],
  leftOn: ['Leaving Date', 'Date Of Leaving', 'Date Left', 'Left On', 'Leaving'],
  // The first contact's columns are often written without a number.
  ...contactAliases(1, {
    Name: ['Parent Name', 'Contact Name', 'Parent/Carer Name'],
    Mobile: ['Mobile', 'Mobile Number', 'Parent Mobile', 'Contact Mobile'],
    Relationship: ['Relationship'],
    Language: ['Language', 'Preferred Language', 'Home Language'],
    SmsConsent: ['SMS Consent'],
    ParentalResponsibility: ['Parental Responsibility'],
  }),
  ...contactAliases(2),
} as const satisfies Record<string, readonly string[]>;

export const STAFF_COLUMNS = {
  displayName: ['Name', 'Display Name', 'Full Name', 'Staff Name'],
  firstName: ['Forename', 'First name', 'Legal Forename', 'Given name'],
  lastName: ['Surname', 'Legal Surname', 'Last name', 'Family name'],
  email: ['Email', 'Email Address', 'Work Email', 'School Email', 'UPN'],
  roles: ['Role', 'Roles', 'Staff Role'],
  jobTitle: ['Job Title', 'Position', 'Post'],
  teamsUserId: ['Teams User Id', 'Teams Id'],
  aadObjectId: ['Entra Object Id', 'AAD Object Id', 'Azure AD Object Id', 'Object Id'],
} as const satisfies Record<string, readonly string[]>;

export type ColumnTable = Record<string, readonly string[]>;

/** Where each field sits in a file: its index and the header as the school wrote it (for messages). */
export interface ColumnMap<F extends string> {
  index: Partial<Record<F, number>>;
  header: Partial<Record<F, string>>;
  /** Headers no field claimed: reported so a misspelt column is not silently ignored. */
  ignored: string[];
}

export function mapColumns<T extends ColumnTable>(headers: string[], table: T): ColumnMap<Extract<keyof T, string>> {
  type F = Extract<keyof T, string>;
  const lookup = new Map<string, F>();
  for (const [field, names] of Object.entries(table) as [F, readonly string[]][]) {
    lookup.set(normaliseHeader(field), field);
    for (const name of names) lookup.set(normaliseHeader(name), field);
  }
  const map: ColumnMap<F> = { index: {}, header: {}, ignored: [] };
  headers.forEach((raw, i) => {
    const header = raw.trim();
    const field = lookup.get(normaliseHeader(header));
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
export function headerFor<T extends ColumnTable>(map: ColumnMap<Extract<keyof T, string>>, table: T, field: Extract<keyof T, string>): string {
  return map.header[field] ?? table[field]![0] ?? field;
}
