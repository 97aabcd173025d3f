import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseStaffRoster } from '../../roster/staffRow';
import { RosterFileError } from '../../roster/rows';

const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('reading a staff export', () => {
  it('reads the sample file: names, lower-cased emails, one or more roles', () => {
    const parsed = parseStaffRoster(readFileSync(path.resolve(__dirname, 'samples/oakfield/staff.csv'), 'utf8'));
    expect(parsed.rejections).toEqual([]);
    expect(parsed.rows.map((r) => [r.record.displayName, r.record.roles])).toEqual([
      ['Ruth Okafor', ['SENCO', 'KEY_TEACHER']],
      ['Daniel Hughes', ['SCHOOL_LEAD']],
      ['Priya Shah', ['ADMIN']],
      ['Tom Fletcher', ['KEY_TEACHER']],
      ['Aisha Begum', ['KEY_TEACHER']],
      ['Marek Nowak', ['TEACHER']],
    ]);
  });

  it('accepts first name and surname in two columns, an Entra object id and a Teams id', () => {
    const parsed = parseStaffRoster(
      csv('Forename,Surname,Email Address,Roles,Teams User Id,AAD Object Id', 'Tom,Fletcher,T.Fletcher@Oakfield.example,Key Teacher,29:abc,8F2C1B7E-1D4A-4E0B-9C1D-0A1B2C3D4E5F'),
    );
    expect(parsed.rows[0]!.record).toEqual({
      displayName: 'Tom Fletcher',
      email: 't.fletcher@oakfield.example',
      roles: ['KEY_TEACHER'],
      teamsUserId: '29:abc',
      aadObjectId: '8f2c1b7e-1d4a-4e0b-9c1d-0a1b2c3d4e5f',
    });
  });

  it.each([
    ['a missing email', 'Tom Fletcher,,Key Teacher,', 'Email', 'missing email'],
    ['a bad email', 'Tom Fletcher,tom,Key Teacher,', 'Email', '"tom" is not an email address'],
    ['a missing role', 'Tom Fletcher,t@s.example,,', 'Role', 'missing role'],
    ['an unknown role', 'Tom Fletcher,t@s.example,Caretaker,', 'Role', /"Caretaker" is not a role/],
    ['a missing name', ',t@s.example,Teacher,', 'Name', 'missing name'],
    ['a bad object id', 'Tom Fletcher,t@s.example,Teacher,not-a-guid', 'Entra Object Id', /is not an Entra object id/],
  ])('rejects a row with %s', (_, row, column, reason) => {
    const parsed = parseStaffRoster(csv('Name,Email,Role,Entra Object Id', row));
    expect(parsed.rejections).toEqual([{ row: 2, column, reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) }]);
  });

  it('rejects the same email twice in one file', () => {
    const parsed = parseStaffRoster(csv('Name,Email,Role', 'Tom Fletcher,t@s.example,Teacher', 'Tom F,T@s.example,Teacher'));
    expect(parsed.rejections).toEqual([{ row: 3, column: 'Email', reason: 't@s.example is already on row 2' }]);
  });

  it('refuses a file without an email column, naming the headers it accepts and the one probably meant', () => {
    expect(() => parseStaffRoster(csv('Name,Role', 'Tom,Teacher'))).toThrow(/^The file has no column for the email \(headed "Email", "Email Address", "Work Email"/);
    try {
      parseStaffRoster(csv('Name,Role,E-mail Adress', 'Tom,Teacher,t@s.example'));
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(RosterFileError);
      expect((err as Error).message).toContain('is "E-mail Adress" meant to be it? rename it');
      expect((err as RosterFileError).missing).toEqual([{ column: 'Email', accepted: expect.arrayContaining(['Email', 'Email Address', 'Work Email']), closest: 'E-mail Adress' }]);
    }
  });
});
