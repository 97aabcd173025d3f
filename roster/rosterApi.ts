import express, { type Request } from 'express';
import { z } from 'zod';
import type { Capability } from '../api/app';
import { principalOf } from '../api/auth';
import { actorOf } from '../audit/audit';
import { forbidden, HttpError, notFound, route } from '../api/errors';
import { canAdministerSchool, type Principal } from '../domain/access';
import type { ServiceContext } from '../platform/context';
import { decodeCsv, type DecodedCsv } from './csvEncoding';
import { importPupilRoster, importStaffRoster, type ImportRequest } from './importRoster';
import { RosterFileError } from './rows';

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
async function schoolFor(ctx: ServiceContext, principal: Principal, requested: string | undefined): Promise<string> {
  let schoolId = requested;
  if (principal.kind === 'staff') schoolId ??= principal.schoolId;
  if (!schoolId) {
    const schools = await ctx.prisma.school.findMany({ select: { id: true }, take: 2 });
    if (schools.length !== 1) throw new HttpError(400, 'school_required', 'Say which school: schoolId is required when the service holds more than one school');
    schoolId = schools[0]!.id;
  }
  if (!canAdministerSchool(principal, schoolId)) throw forbidden('Only an admin or the SENCO of the school can import its roster');
  if (!(await ctx.prisma.school.findUnique({ where: { id: schoolId }, select: { id: true } }))) throw notFound('School');
  return schoolId;
}

export function rosterCapability(ctx: ServiceContext): Capability {
  // Raw bytes, not express.text: the file's encoding is found from its bytes, not from a charset header.
  const csvFile = express.raw({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '10mb' });
  const handle = (fixedKind?: keyof typeof kinds) =>
    route(async (req, res) => {
      try {
        const body = readRequest(req);
        const kind = fixedKind ?? body.kind;
        if (!kind) throw new HttpError(400, 'kind_required', 'Say what the file holds: kind=pupils or kind=staff');
        const principal = principalOf(req);
        const request: ImportRequest = {
          prisma: ctx.prisma,
          clock: ctx.clock,
          actor: actorOf(principal),
          schoolId: await schoolFor(ctx, principal, body.schoolId),
          fileName: body.fileName,
          requestId: res.getHeader('x-request-id') as string | undefined,
        };
        const summary = await kinds[kind](request, body.file.text, { firstRow: body.firstRow });
        const { encoding } = body.file;
        ctx.logger.info({ importId: summary.importId, kind, encoding, imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected }, 'roster imported');
        res.json({ ...summary, encoding });
      } catch (err) {
        // The file unreadable, empty, or without a required column: nothing was imported.
        if (err instanceof RosterFileError) throw new HttpError(400, 'invalid_roster', err.message, { missingColumns: err.missingColumns, missing: err.missing });
        throw err;
      }
    });

  return {
    name: 'roster',
    mountApi(api) {
      api.post('/roster/pupils', csvFile, handle('pupils'));
      api.post('/roster/staff', csvFile, handle('staff'));
      api.post('/roster/import', csvFile, handle());
    },
  };
}
