import express, { type Request } from 'express';
import { z } from 'zod';
import type { Capability } from '../platform/capability';
import { principalOf } from '../api/auth';
import { route } from '../api/errors';
import { assessmentInputSchema, recordAssessment } from '../assessment/assessmentPoints';
import { assessmentSetup, changeScheme, chooseSubjectScheme, defineScheme, subjectChoiceSchema } from '../assessment/schemeChoice';
import { schemeChangeSchema, schemeDefinitionSchema } from '../assessment/schemes';
import { subjectKeySchema } from '../assessment/subjects';
import { attendanceInputSchema, recordAttendance, recordSchoolAttendance, schoolAttendanceInputSchema } from '../attendance/attendanceRecords';
import { invalid } from '../domain/errors';
import type { WiderOutcomeKind } from '../generated/prisma/client';
import { exclusionInputSchema, outcomeEventInputSchema, recordExclusion, recordOutcomeEvent } from '../outcomes/outcomeRecords';
import type { ServiceContext } from '../platform/context';
import { decodeCsv, type DecodedCsv } from '../roster/csvEncoding';
import { RosterFileError } from '../roster/rows';
import { pupilEvidence, schoolEvidence } from './evidenceReads';
import { EVIDENCE_IMPORT_KINDS } from '../evidence/importFile';
import { importEvidenceFile } from './importKinds';
import type { UseCaseDeps } from '../platform/useCase';

/**
 * REST for the evidence: how the school assesses (schemes, subjects), a pupil's assessments,
 * attendance, exclusions and wider-outcome events, the whole school's attendance, the MIS imports,
 * and the figures. Each route parses its input, calls one use case and answers; refusals are the use
 * cases' DomainErrors, answered by the API's error handler.
 */
const id = z.object({ id: z.uuid() });
const subjectParams = z.object({ id: z.uuid(), subject: subjectKeySchema });

/** POST /pupils/:id/<path> records one kind of wider-outcome event. */
const EVENT_ROUTES: [string, WiderOutcomeKind][] = [
  ['behaviour-incidents', 'BEHAVIOUR_INCIDENT'],
  ['achievements', 'ACHIEVEMENT'],
  ['bullying-reports', 'BULLYING_REPORT'],
  ['participation', 'PARTICIPATION'],
];

const importOptions = z.object({ schoolId: z.uuid().optional(), fileName: z.string().max(255).optional() });
const importJson = importOptions.extend({ csv: z.string() });

/** The file as bytes (text/csv, up to 10 MB: the encoding is found from the bytes) or JSON { csv } (already text). */
function importRequest(req: Request): z.infer<typeof importOptions> & { file: DecodedCsv } {
  const query = importOptions.parse(req.query);
  try {
    if (Buffer.isBuffer(req.body)) return { ...query, file: decodeCsv(req.body) };
  } catch (err) {
    if (err instanceof RosterFileError) throw invalid('invalid_file', err.message);
    throw err;
  }
  if (req.body && typeof req.body === 'object' && 'csv' in req.body) {
    const { csv, ...rest } = importJson.parse(req.body);
    return { ...query, ...rest, file: { text: csv, encoding: 'utf-8' } };
  }
  throw invalid('no_file', 'Send the CSV file as text/csv, or JSON { "csv": "..." }');
}

export function evidenceCapability(ctx: ServiceContext, d: UseCaseDeps): Capability {
  const csvFile = express.raw({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '10mb' });

  return {
    name: 'evidence',
    apiRoutes(api) {
      // ---------------------------------------------------------------- how the school assesses
      api.get(
        '/schools/:id/assessment',
        route(async (req, res) => {
          res.json(await assessmentSetup(d, principalOf(req), id.parse(req.params).id));
        }),
      );
      api.post(
        '/schools/:id/assessment-schemes',
        route(async (req, res) => {
          res.status(201).json(await defineScheme(d, principalOf(req), id.parse(req.params).id, schemeDefinitionSchema.parse(req.body)));
        }),
      );
      api.patch(
        '/assessment-schemes/:id',
        route(async (req, res) => {
          res.json(await changeScheme(d, principalOf(req), id.parse(req.params).id, schemeChangeSchema.parse(req.body)));
        }),
      );
      api.put(
        '/schools/:id/subjects/:subject',
        route(async (req, res) => {
          const params = subjectParams.parse(req.params);
          res.json(await chooseSubjectScheme(d, principalOf(req), params.id, params.subject, subjectChoiceSchema.parse(req.body)));
        }),
      );

      // ---------------------------------------------------------------- a pupil's evidence
      api.put(
        '/pupils/:id/assessments',
        route(async (req, res) => {
          res.json(await recordAssessment(d, principalOf(req), id.parse(req.params).id, assessmentInputSchema.parse(req.body)));
        }),
      );
      api.put(
        '/pupils/:id/attendance',
        route(async (req, res) => {
          res.json(await recordAttendance(d, principalOf(req), id.parse(req.params).id, attendanceInputSchema.parse(req.body)));
        }),
      );
      api.post(
        '/pupils/:id/exclusions',
        route(async (req, res) => {
          const result = await recordExclusion(d, principalOf(req), id.parse(req.params).id, exclusionInputSchema.parse(req.body));
          res.status(result.outcome === 'recorded' ? 201 : 200).json(result);
        }),
      );
      for (const [path, kind] of EVENT_ROUTES) {
        api.post(
          `/pupils/:id/${path}`,
          route(async (req, res) => {
            res.status(201).json(await recordOutcomeEvent(d, principalOf(req), id.parse(req.params).id, kind, outcomeEventInputSchema.parse(req.body)));
          }),
        );
      }
      api.get(
        '/pupils/:id/evidence',
        route(async (req, res) => {
          res.json(await pupilEvidence(d, principalOf(req), id.parse(req.params).id));
        }),
      );

      // ---------------------------------------------------------------- the school
      api.put(
        '/schools/:id/attendance',
        route(async (req, res) => {
          res.json(await recordSchoolAttendance(d, principalOf(req), id.parse(req.params).id, schoolAttendanceInputSchema.parse(req.body)));
        }),
      );
      api.get(
        '/schools/:id/evidence',
        route(async (req, res) => {
          res.json(await schoolEvidence(d, principalOf(req), id.parse(req.params).id));
        }),
      );
      api.post(
        '/evidence/import/:kind',
        csvFile,
        route(async (req, res) => {
          const kind = z.enum(EVIDENCE_IMPORT_KINDS).parse(req.params.kind);
          const body = importRequest(req);
          const p = principalOf(req);
          const schoolId = body.schoolId ?? (p.kind === 'staff' ? p.schoolId : undefined);
          if (!schoolId) throw invalid('school_required', 'Say which school: schoolId is required with the API key');
          const summary = await importEvidenceFile(d, p, schoolId, kind, { ...body.file, fileName: body.fileName });
          ctx.logger.info({ importId: summary.importId, kind, encoding: summary.encoding, imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected }, 'evidence imported');
          res.json(summary);
        }),
      );
    },
  };
}
