import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePupilRoster } from '../../roster/pupilRow';
import { RosterFileError } from '../../roster/rows';

const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;
const HEADER = 'UPN,Forename,Surname,Year,SEN Status,Primary Need,Key Teacher Email,Contact 1 Name,Contact 1 Mobile,Contact 1 Relationship';

describe('reading the pupils of an SEN register export', () => {
  it('reads the sample file with no rejections', () => {
    const parsed = parsePupilRoster(readFileSync(path.resolve(__dirname, 'samples/oakfield/pupils.csv'), 'utf8'));
    expect(parsed.rejections).toEqual([]);
    expect(parsed.rows).toHaveLength(4);
    expect(parsed.rows[0]).toEqual({
      row: 2,
      record: {
        misId: 'A123456789012',
        firstName: 'Amir',
        lastName: 'Khan',
        yearGroup: 2,
        senStatus: 'SEN_SUPPORT',
        primaryNeed: 'SLCN',
        lookedAfter: false,
        keyTeacherEmail: 't.fletcher@oakfield.example',
        onRegisterSince: '2025-09-15',
        contacts: [
          { name: 'Sadia Khan', mobile: '+447700900101', relationship: 'MOTHER', language: 'ur', smsConsent: true, priority: 1 },
          { name: 'Imran Khan', mobile: '+447700900102', relationship: 'FATHER', language: 'en', smsConsent: false, priority: 2 },
        ],
      },
    });
  });

  // The same pupil, exported by systems that name their columns differently.
  it.each([
    ['Forename,Surname,Year,SEN Status,UPN,Tutor Email,Mobile'],
    ['First name,Last name,NC Year,SEN Provision,Admission No,Key Teacher Email,Contact 1 Mobile'],
    ['Legal Forename,Legal Surname,Year Group,sen_status,upn,KEY TEACHER EMAIL,Parent 1 Mobile'],
  ])('accepts the column names %s', (header) => {
    const cells: Record<string, string> = { forename: 'Amir', first: 'Amir', legalforename: 'Amir', surname: 'Khan', last: 'Khan', legalsurname: 'Khan' };
    const values = header.split(',').map((h) => {
      const k = h.toLowerCase().replace(/[^a-z]/g, '');
      if (k in cells) return cells[k];
      if (k.startsWith('first')) return 'Amir';
      if (k.startsWith('last')) return 'Khan';
      if (k.includes('year')) return 'Y2';
      if (k.includes('sen')) return 'K';
      if (k.includes('upn') || k.includes('admission')) return 'A1';
      if (k.includes('email')) return 't.fletcher@oakfield.example';
      return '07700 900101';
    });
    const parsed = parsePupilRoster(csv(header, values.join(',')));
    expect(parsed.rejections).toEqual([]);
    expect(parsed.rows[0]!.record).toMatchObject({
      misId: 'A1',
      firstName: 'Amir',
      lastName: 'Khan',
      yearGroup: 2,
      senStatus: 'SEN_SUPPORT',
      keyTeacherEmail: 't.fletcher@oakfield.example',
      contacts: [{ name: 'Parent or carer', mobile: '+447700900101', priority: 1 }],
    });
  });

  // Every reason a row is turned away, with the column the school must fix.
  it.each([
    ['a bad phone number', 'A1,Amir,Khan,2,K,SLCN,t@s.example,Sadia Khan,0123,Mother', 'Contact 1 Mobile', '"0123" is not a valid phone number'],
    ['a landline', 'A1,Amir,Khan,2,K,SLCN,t@s.example,Sadia Khan,020 7946 0018,Mother', 'Contact 1 Mobile', '"020 7946 0018" is a landline: texts cannot reach it (give a mobile number)'],
    ['a freephone number', 'A1,Amir,Khan,2,K,SLCN,t@s.example,Sadia Khan,0800 123 4567,Mother', 'Contact 1 Mobile', /is not a mobile number, so it cannot receive text messages/],
    ['an unknown year', 'A1,Amir,Khan,Year 15,K,SLCN,t@s.example,,,', 'Year', /"Year 15" is not a year group/],
    ['a missing key teacher', 'A1,Amir,Khan,2,K,SLCN,,,,', 'Key Teacher Email', 'missing key teacher'],
    ['a key teacher that is not an email', 'A1,Amir,Khan,2,K,SLCN,Mr Fletcher,,,', 'Key Teacher Email', /"mr fletcher" is not an email address/],
    ['an unknown SEN status', 'A1,Amir,Khan,2,X,SLCN,t@s.example,,,', 'SEN Status', /"X" is not an SEN status/],
    ['a missing SEN status', 'A1,Amir,Khan,2,,SLCN,t@s.example,,,', 'SEN Status', 'missing SEN status'],
    ['an unknown need', 'A1,Amir,Khan,2,K,Dyslexia-ish,t@s.example,,,', 'Primary Need', /is not a type of need/],
    ['a missing UPN', ',Amir,Khan,2,K,SLCN,t@s.example,,,', 'UPN', 'missing UPN'],
    ['a missing first name', 'A1,,Khan,2,K,SLCN,t@s.example,,,', 'Forename', 'missing first name'],
    ['a missing surname', 'A1,Amir,,2,K,SLCN,t@s.example,,,', 'Surname', 'missing surname'],
    ['a missing year', 'A1,Amir,Khan,,K,SLCN,t@s.example,,,', 'Year', 'missing year group'],
    ['a contact without a number', 'A1,Amir,Khan,2,K,SLCN,t@s.example,Sadia Khan,,Mother', 'Contact 1 Mobile', 'missing the mobile number of contact 1'],
    ['a number without a name', 'A1,Amir,Khan,2,K,SLCN,t@s.example,,07700 900101,Mother', 'Contact 1 Name', 'missing the name of contact 1'],
    ['an unknown relationship', 'A1,Amir,Khan,2,K,SLCN,t@s.example,Sadia Khan,07700 900101,Neighbour', 'Contact 1 Relationship', /"Neighbour" is not a relationship/],
  ])('rejects a row with %s', (_, row, column, reason) => {
    const parsed = parsePupilRoster(csv(HEADER, row));
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejections).toEqual([{ row: 2, column, reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) }]);
  });

  it('rejects a language it cannot read, an unclear consent and the same number twice on one row', () => {
    const parsed = parsePupilRoster(
      csv(
        'UPN,Forename,Surname,Year,SEN Status,Key Teacher Email,Contact 1 Name,Contact 1 Mobile,Contact 1 Language,Contact 1 SMS Consent,Contact 2 Name,Contact 2 Mobile',
        'A1,Amir,Khan,2,K,t@s.example,Sadia Khan,07700 900101,Klingonese,maybe,Imran Khan,+447700900101',
      ),
    );
    expect(parsed.rejections).toEqual([
      { row: 2, column: 'Contact 1 Language', reason: expect.stringMatching(/"Klingonese" is not a language/) },
      { row: 2, column: 'Contact 1 SMS Consent', reason: '"maybe" is not yes or no (use Yes or No, Y or N, True or False)' },
      { row: 2, column: 'Contact 2 Mobile', reason: 'is the same number as contact 1' },
    ]);
  });

  it('reports every problem of a row, keeps good rows, and numbers rows as the spreadsheet does (blank lines count)', () => {
    const parsed = parsePupilRoster(csv(HEADER, 'A1,Amir,Khan,2,K,SLCN,t@s.example,,,', '', 'A2,,Khan,15,K,SLCN,,,,', 'A1,Amir,Khan,2,K,SLCN,t@s.example,,,'));
    expect(parsed.rows.map((r) => r.row)).toEqual([2]);
    expect(parsed.rejections).toEqual([
      { row: 4, column: 'Forename', reason: 'missing first name' },
      { row: 4, column: 'Year', reason: expect.stringMatching(/"15" is not a year group/) },
      { row: 4, column: 'Key Teacher Email', reason: 'missing key teacher' },
      { row: 5, column: 'UPN', reason: 'pupil A1 is already on row 2' },
    ]);
  });

  it('takes a UPN typed in lower case as the same pupil, stored in capitals', () => {
    const parsed = parsePupilRoster(csv(HEADER, 'a1,Amir,Khan,2,K,SLCN,t@s.example,,,', 'A1,Amir,Khan,2,K,SLCN,t@s.example,,,'));
    expect(parsed.rows.map((r) => r.record.misId)).toEqual(['A1']);
    expect(parsed.rejections).toEqual([{ row: 3, column: 'UPN', reason: 'pupil A1 is already on row 2' }]);
  });

  it('rejects a repeat of a pupil whose first row was rejected, so the office decides which row is right', () => {
    const parsed = parsePupilRoster(csv(HEADER, 'A1,Amir,Khan,15,K,SLCN,t@s.example,,,', 'A1,Amir,Khan,2,K,SLCN,t@s.example,,,'));
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejections).toEqual([
      { row: 2, column: 'Year', reason: expect.stringMatching(/"15" is not a year group/) },
      { row: 3, column: 'UPN', reason: 'pupil A1 is already on row 2' },
    ]);
  });

  it('numbers the rows of a chunk from its place in the original file', () => {
    const parsed = parsePupilRoster(csv(HEADER, 'A1,Amir,Khan,2,K,SLCN,t@s.example,,,', 'A2,Sara,Khan,99,K,SLCN,t@s.example,,,'), { firstRow: 502 });
    expect(parsed.rows.map((r) => r.row)).toEqual([502]);
    expect(parsed.rejections.map((r) => r.row)).toEqual([503]);
  });

  it('keeps a blank need as "none recorded" but an absent column as "not stated"', () => {
    const withColumn = parsePupilRoster(csv(HEADER, 'A1,Amir,Khan,2,K,,t@s.example,,,'));
    expect(withColumn.rows[0]!.record.primaryNeed).toBeNull();
    const without = parsePupilRoster(csv('UPN,Forename,Surname,Year,SEN Status,Key Teacher Email', 'A1,Amir,Khan,2,K,t@s.example'));
    expect(without.rows[0]!.record.primaryNeed).toBeUndefined();
    expect(without.rows[0]!.record.contacts).toEqual([]);
  });

  it('names the columns it did not recognise', () => {
    expect(parsePupilRoster(csv(`${HEADER},Shoe Size`, 'A1,Amir,Khan,2,K,SLCN,t@s.example,,,,4')).ignoredColumns).toEqual(['Shoe Size']);
  });

  it('refuses a file without the columns it needs, naming for each the headers it accepts', () => {
    let refusal: RosterFileError | undefined;
    try {
      parsePupilRoster(csv('Forename,Surname', 'Amir,Khan'));
    } catch (err) {
      refusal = err as RosterFileError;
    }
    expect(refusal).toBeInstanceOf(RosterFileError);
    expect(refusal!.missingColumns).toEqual(['UPN', 'Year', 'SEN Status', 'Key Teacher Email']);
    expect(refusal!.message).toMatch(/^The file has no column for the UPN or admission number \(headed "UPN", "Unique Pupil Number", "Admission No", .*\); the year group \(headed "Year", "NC Year", /);
    expect(refusal!.missing[0]!.accepted).toEqual(expect.arrayContaining(['UPN', 'Admission Number', 'Adno']));
    expect(() => parsePupilRoster('')).toThrow(RosterFileError);
  });

  it('Given a column headed a little differently from any we know, Then the refusal names it as the one probably meant', () => {
    let refusal: RosterFileError | undefined;
    try {
      parsePupilRoster(csv('Pupil UPN,Frist Name,Surname,Yaer Group,SEN Status,Key Teacher Email,Shoe Size', 'A1,Amir,Khan,2,K,t@s.example,4'));
    } catch (err) {
      refusal = err as RosterFileError;
    }
    expect(refusal!.missing.map((m) => [m.column, m.closest])).toEqual([
      ['UPN', 'Pupil UPN'],
      ['Forename', 'Frist Name'],
      ['Year', 'Yaer Group'],
    ]);
    expect(refusal!.message).toContain('is "Frist Name" meant to be it? rename it');
    expect(refusal!.message).not.toContain('Shoe Size');
  });
});

describe('contacts in priority order, however the MIS numbers them', () => {
  const base = 'UPN,Forename,Surname,Year,SEN Status,Key Teacher Email';
  const cells = 'A1,Amir,Khan,2,K,t@s.example';

  it.each([
    ['Contact 1 Mobile,Contact 2 Mobile,Contact 3 Mobile'],
    ['Parent 1 Mobile,Parent 2 Mobile,Parent 3 Mobile'],
    ['Priority 1 Mobile,Priority 2 Mobile,Priority 3 Mobile'],
    ['Priority 1 Contact Mobile,Priority 2 Contact Mobile,Priority 3 Contact Mobile'],
    ['Contact Mobile 1,Contact Mobile 2,Contact Mobile 3'],
    ['Guardian 1 Mobile Number,Guardian 2 Mobile Number,Guardian 3 Mobile Number'],
    ['contact_1_mobile,CONTACT-2-MOBILE,Contact 3: Mobile Phone'],
  ])('reads %s as three contacts, in order', (headers) => {
    const parsed = parsePupilRoster(csv(`${base},${headers}`, `${cells},07700 900101,07700 900102,07700 900103`));
    expect(parsed.rejections).toEqual([]);
    expect(parsed.rows[0]!.record.contacts.map((c) => [c.priority, c.mobile])).toEqual([
      [1, '+447700900101'],
      [2, '+447700900102'],
      [3, '+447700900103'],
    ]);
  });

  it('reads every numbered contact, not only two, with names in one column or two', () => {
    const contactColumns = [1, 2, 3, 4, 5].map((n) => (n % 2 ? `Contact ${n} Name,Contact ${n} Mobile` : `Contact ${n} Forename,Contact ${n} Surname,Contact ${n} Mobile`)).join(',');
    const values = [1, 2, 3, 4, 5].map((n) => (n % 2 ? `Person ${n},07700 90011${n}` : `Person,${n},07700 90011${n}`)).join(',');
    const parsed = parsePupilRoster(csv(`${base},${contactColumns}`, `${cells},${values}`));
    expect(parsed.rows[0]!.record.contacts.map((c) => `${c.priority} ${c.name}`)).toEqual(['1 Person 1', '2 Person 2', '3 Person 3', '4 Person 4', '5 Person 5']);
  });

  it("gives each contact the family's home language unless their own column says otherwise", () => {
    const parsed = parsePupilRoster(
      csv(`${base},Home Language,Contact 1 Name,Contact 1 Mobile,Contact 2 Name,Contact 2 Mobile,Contact 2 Language,Contact 3 Name,Contact 3 Mobile`, `${cells},POL - Polish,Anna,07700 900101,Jan,07700 900102,English,Ewa,07700 900103`),
    );
    expect(parsed.rows[0]!.record.contacts.map((c) => c.language)).toEqual(['pl', 'en', 'pl']);
  });

  it('rejects a number given for two contacts, naming the earlier one', () => {
    const parsed = parsePupilRoster(csv(`${base},Contact 1 Mobile,Contact 2 Mobile,Contact 3 Mobile`, `${cells},07700 900101,07700 900102,+447700900102`));
    expect(parsed.rejections).toEqual([{ row: 2, column: 'Contact 3 Mobile', reason: 'is the same number as contact 2' }]);
  });

  it("takes the child's preferred (known-as) name when the file gives one, the legal name otherwise", () => {
    const parsed = parsePupilRoster(csv('UPN,Legal Forename,Preferred Forename,Legal Surname,Year,SEN Status,Key Teacher Email', 'A1,Mohammed Yusuf,Yusuf,Ahmed,3,K,t@s.example', 'A2,Sara,,Khan,3,K,t@s.example'));
    expect(parsed.rows.map((r) => r.record.firstName)).toEqual(['Yusuf', 'Sara']);
  });

  it('keys pupils on the UPN when the file has one, whatever order the columns come in, else on the admission number', () => {
    expect(parsePupilRoster(csv('Adno,UPN,Forename,Surname,Year,SEN Status,Key Teacher Email', '0012,A1,Amir,Khan,2,K,t@s.example')).rows[0]!.record.misId).toBe('A1');
    expect(parsePupilRoster(csv('Adno,Forename,Surname,Year,SEN Status,Key Teacher Email', '0012,Amir,Khan,2,K,t@s.example')).rows[0]!.record.misId).toBe('0012');
    expect(parsePupilRoster(csv('Adno,UPN,Forename,Surname,Year,SEN Status,Key Teacher Email', '0012,,Amir,Khan,2,K,t@s.example')).rejections).toEqual([{ row: 2, column: 'UPN', reason: 'missing UPN' }]);
  });

  it('reads records already keyed by headers (the MIS sync) exactly as the same rows of a file, cells with commas, quotes and line breaks included, numbered from row 2', () => {
    const records: Record<string, string>[] = [
      { UPN: 'A1', Forename: 'Amir', Surname: "O'Neill, \"AJ\"", Year: '2', 'SEN Status': 'K', 'Key Teacher Email': 't@s.example', 'Contact 1 Name': 'Sadia\nKhan', 'Contact 1 Mobile': '07700 900101' },
      { UPN: 'A2', Forename: 'Sara', Surname: 'Khan', Year: '99', 'SEN Status': 'K', 'Key Teacher Email': 't@s.example' },
    ];
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const headers = Object.keys(records[0]!);
    const file = [headers, ...records.map((r) => headers.map((h) => r[h] ?? ''))].map((cells) => cells.map(quote).join(',')).join('\r\n');
    const fromRecords = parsePupilRoster(records);
    expect(fromRecords.rows.map((r) => r.record)).toEqual(parsePupilRoster(file).rows.map((r) => r.record));
    expect(fromRecords.rows[0]!.record).toMatchObject({ lastName: 'O\'Neill, "AJ"', contacts: [{ name: 'Sadia\nKhan', mobile: '+447700900101' }] });
    expect(fromRecords.rejections).toEqual([{ row: 3, column: 'Year', reason: expect.stringContaining('99') }]);
  });
});
