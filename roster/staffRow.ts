import type { StaffRole } from '../generated/prisma/client';
import { STAFF_TABLE, type FieldOf } from './columns';
import { collectRows, readTable, requireColumns, type ParsedRoster, type ReadOptions, type RowReader, type TableSource } from './rows';
import * as value from './values';

/** A member of staff as a staff export lists them; blank optional cells are undefined (left as they are). */
export interface StaffRecord {
  displayName: string;
  email: string;
  roles: StaffRole[];
  jobTitle?: string;
  teamsUserId?: string;
  aadObjectId?: string;
}

function staff(r: RowReader<FieldOf<typeof STAFF_TABLE>>): StaffRecord | undefined {
  // A full name, or first name and surname in two columns.
  const parts = [r.text('firstName'), r.text('lastName')].filter(Boolean).join(' ');
  const displayName = r.text('displayName') ?? (parts || undefined);
  if (!displayName) r.reject(r.has('displayName') ? 'displayName' : 'lastName', 'missing name');
  const email = r.required('email', value.email, 'missing email');
  const roles = r.required('roles', value.roles, 'missing role');
  if (roles && roles.length === 0) r.reject('roles', 'missing role');
  const aadObjectId = r.optional('aadObjectId', value.objectId);
  if (r.rejections.length > 0) return undefined;
  return {
    displayName: displayName!,
    email: email!,
    roles: roles!,
    jobTitle: r.text('jobTitle'),
    teamsUserId: r.text('teamsUserId'),
    aadObjectId: aadObjectId?.toLowerCase(),
  };
}

/** The staff of a school export: each valid row as a record, each invalid one as reasons. */
export function parseStaffRoster(source: TableSource, options: ReadOptions = {}): ParsedRoster<StaffRecord, FieldOf<typeof STAFF_TABLE>> {
  const table = readTable(source, STAFF_TABLE, options);
  requireColumns(table.map, STAFF_TABLE, [
    { fields: ['displayName', 'lastName'], label: 'name' },
    { fields: ['email'], label: 'email' },
    { fields: ['roles'], label: 'role' },
  ]);
  return collectRows(table, staff, { field: 'email', key: (cell) => cell.toLowerCase(), repeated: (email, row) => `${email} is already on row ${row}` });
}
