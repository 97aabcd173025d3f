import express, { type Request } from 'express';
import { z } from 'zod';
import { principalOf } from '../api/auth';
import { HttpError, route } from '../api/errors';
import { actorOf } from '../audit/audit';
import { canAdministerSchool, type Principal } from '../domain/access';
import { forbidden, invalid, notFound } from '../domain/errors';
import type { PrismaClient } from '../db/database';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { decodeCsv, type DecodedCsv } from './csvEncoding';
import { importPupilRoster, importStaffRoster, type RosterSummary } from './importRoster';

/**
 * POST /api/roster/pupils, /api/roster/staff, and /api/roster/import?kind=pupils|staff.
 * Body: the CSV file's bytes as text/csv (up to 10 MB; UTF-8, UTF-8 with BOM, UTF-16 with BOM or
 * Windows-1252, see csvEncoding), or JSON { csv, ... } (up to the API's 1 MB JSON limit).
 * Options in the query or the JSON body: schoolId, firstRow (for a chunk of a larger file), fileName.
 */
const kinds = { pupils: importPupilRoster, staff: importStaffRoster } as const;

const options = z.object({
  schoolId: z.uuid().optional(),
  /** Row number of the chunk's first data row in the original file (the header is row 1). */
  firstRow: z.coerce.number().int().min(2).optional(),
  fileName: z.string().max(255).optional(),
  kind: z.enum(['pupils', 'staff']).optional(),
});

const jsonBody = options.extend({ csv: z.string() });

function readRequest(req: Request): z.infer<typeof options> & { file: DecodedCsv } {
  const query = options.parse(req.query);
  if (Buffer.isBuffer(req.body)) return { ...query, file: decodeCsv(req.body) };
  if (req.body && typeof req.body === 'object' && 'csv' in req.body) {
    const { csv, ...rest } = jsonBody.parse(req.body);
    // JSON is UTF-8 by definition: the text is already decoded.
    return { ...query, ...rest, file: { text: csv, encoding: 'utf-8' } };
  }
  throw new HttpError(415, 'unsupported_media_type', 'Send the CSV as text/csv, or JSON { "csv": "..." }');
}

/** Staff import into their own school; the API key names the school, or the only one there is. */
async function schoolFor(prisma: PrismaClient, by: Principal, requested: string | undefined): Promise<string> {
  let schoolId = requested;
  if (by.kind === 'staff') schoolId ??= by.schoolId;
  if (!schoolId) {
    const schools = await prisma.school.findMany({ select: { id: true }, take: 2 });
    if (schools.length !== 1) throw invalid('school_required', 'Say which school: schoolId is required when the service holds more than one school');
    schoolId = schools[0]!.id;
  }
  if (!canAdministerSchool(by, schoolId)) throw forbidden('Only an admin or the SENCO of the school can import its roster');
  if (!(await prisma.school.findUnique({ where: { id: schoolId }, select: { id: true } }))) throw notFound('School');
  return schoolId;
}

export interface RosterFile {
  kind: keyof typeof kinds;
  schoolId?: string;
  text: string;
  fileName?: string;
  firstRow?: number;
}

/** Imports a register or staff list into a school the caller runs (the file's rows are written in one transaction: importRoster.ts). */
export async function importRosterFile(d: UseCaseDeps, by: Principal, file: RosterFile): Promise<RosterSummary> {
  const actor = actorOf(by);
  const schoolId = await schoolFor(d.prisma, by, file.schoolId);
  const summary = await kinds[file.kind]({ prisma: d.prisma, clock: d.clock, actor, schoolId, fileName: file.fileName, requestId: actor.requestId }, file.text, { firstRow: file.firstRow });
  d.kick();
  return summary;
}

export function rosterCapability(ctx: ServiceContext, d: UseCaseDeps): Capability {
  // Raw bytes, not express.text: the file's encoding is found from its bytes, not from a charset header.
  const csvFile = express.raw({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '10mb' });
  const handle = (fixedKind?: keyof typeof kinds) =>
    route(async (req, res) => {
      const body = readRequest(req);
      const kind = fixedKind ?? body.kind;
      if (!kind) throw new HttpError(400, 'kind_required', 'Say what the file holds: kind=pupils or kind=staff');
      const summary = await importRosterFile(d, principalOf(req), { kind, schoolId: body.schoolId, text: body.file.text, fileName: body.fileName, firstRow: body.firstRow });
      const { encoding } = body.file;
      ctx.logger.info({ importId: summary.importId, kind, encoding, imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected }, 'roster imported');
      res.json({ ...summary, encoding });
    });

  return {
    name: 'roster',
    apiRoutes(api) {
      api.post('/roster/pupils', csvFile, handle('pupils'));
      api.post('/roster/staff', csvFile, handle('staff'));
      api.post('/roster/import', csvFile, handle());
    },
  };
}
