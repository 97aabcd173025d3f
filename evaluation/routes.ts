import type { Response, Router } from 'express';
import { callerOf } from '../api/auth';
import { route } from '../api/errors';
import { PRINTABLE_PAGE_POLICY } from '../dashboard/printablePage';
import type { UseCaseDeps } from '../platform/useCase';
import type { EvaluationReport } from './report';
import { reportCsv, reportHtml } from './reportPage';
import {
  reportQuery,
  viewOrganisationEvaluation,
  viewOrganisationGaps,
  viewOrganisationOverview,
  viewSchoolEvaluation,
  viewSchoolFigures,
  viewSchoolGaps,
  type ReportQuery,
} from './useCases';

/**
 * Figures across schools over REST, for a trust's or local authority's members (and the API key):
 * `GET /api/organisations/:id/overview`, `.../schools/:schoolId` (one school's figures),
 * `.../evaluation` and `.../gaps`; and a school's own `GET /api/schools/:id/evaluation` and
 * `.../gaps`, for its SENCO, leads and admins and its organisations. The evaluation answers JSON,
 * or `?format=html` (a page to print) or `?format=csv`.
 */
function sendReport(res: Response, report: EvaluationReport, q: ReportQuery): void {
  if (q.format === 'json') {
    res.json(report);
    return;
  }
  const fileName = `evaluation-${report.subject.name}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  if (q.format === 'csv') {
    res.type('text/csv; charset=utf-8').attachment(`${fileName}.csv`).send(reportCsv(report));
    return;
  }
  res.setHeader('content-security-policy', PRINTABLE_PAGE_POLICY);
  res.type('html').send(reportHtml(report));
}

export function evaluationRoutes(api: Router, d: UseCaseDeps): void {
  api.get(
    '/organisations/:id/overview',
    route(async (req, res) => {
      res.json(await viewOrganisationOverview(d, callerOf(req), String(req.params.id)));
    }),
  );
  api.get(
    '/organisations/:id/schools/:schoolId',
    route(async (req, res) => {
      res.json(await viewSchoolFigures(d, callerOf(req), String(req.params.id), String(req.params.schoolId)));
    }),
  );
  api.get(
    '/organisations/:id/evaluation',
    route(async (req, res) => {
      const q = reportQuery.parse(req.query);
      sendReport(res, await viewOrganisationEvaluation(d, callerOf(req), String(req.params.id), q), q);
    }),
  );
  api.get(
    '/organisations/:id/gaps',
    route(async (req, res) => {
      res.json(await viewOrganisationGaps(d, callerOf(req), String(req.params.id)));
    }),
  );
  api.get(
    '/schools/:id/evaluation',
    route(async (req, res) => {
      const q = reportQuery.parse(req.query);
      sendReport(res, await viewSchoolEvaluation(d, callerOf(req), String(req.params.id), q), q);
    }),
  );
  api.get(
    '/schools/:id/gaps',
    route(async (req, res) => {
      res.json(await viewSchoolGaps(d, callerOf(req), String(req.params.id)));
    }),
  );
}
