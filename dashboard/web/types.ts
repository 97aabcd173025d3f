import type { DigestFigures, YearCharts } from '../../digest/figures';
import type { PupilFilter } from '../../digest/digestQueries';
import type { ConversationKind, ConversationStatus, StaffRole } from '../../generated/prisma/enums';
import type { PupilBasics } from '../pupilRecord';
import type { FigureCounts } from '../../digest/figureNames';
import type { FigureRow } from '../figureRows';

/** The JSON the dashboard API answers with (dashboard/dashboardApi.ts, api/me.ts, evaluation/routes.ts). */
export interface Me {
  kind: 'staff' | 'apiKey' | 'organisation';
  staff?: { id: string; displayName: string; email: string; roles: StaffRole[] };
  school?: { id: string; name: string };
  /** A trust lead or local authority officer. */
  member?: { id: string; displayName: string; email: string; jobTitle: string | null; role: 'TRUST_LEAD' | 'LA_OFFICER' };
  organisation?: { id: string; name: string; kind: 'TRUST' | 'LOCAL_AUTHORITY'; isDemo: boolean };
}

/** A figure as the API shows it: "fewer than 5" when it leaves the school and rests on fewer than five. */
export interface ShownCell {
  value: number | null;
  text: string;
  suppressed: boolean;
}
export type Cells = Record<string, ShownCell>;
export interface FigureHeading {
  key: string;
  label: string;
  unit: string;
  group: string;
}

/** GET /api/organisations/:id/overview */
export interface OrganisationOverview {
  organisation: { id: string; name: string; kind: 'TRUST' | 'LOCAL_AUTHORITY'; baselineOn: string | null };
  at: string;
  smallNumbersSuppressed: boolean;
  figures: FigureHeading[];
  schools: { id: string; name: string; term: string | null; cells: Cells }[];
  total: Cells;
}

/** GET /api/organisations/:id/schools/:schoolId */
export interface SchoolFigures {
  school: { id: string; name: string };
  term: { name: string | null; from: string };
  smallNumbersSuppressed: boolean;
  figures: FigureHeading[];
  cells: Cells;
  heldPerMonth: { month: string; held: ShownCell }[];
}

export interface PeriodInfo {
  name: string | null;
  from: string;
  to: string;
  complete: boolean;
}

/** GET /api/organisations/:id/evaluation, GET /api/schools/:id/evaluation */
export interface EvaluationReport {
  title: string;
  subject: { kind: 'school' | 'organisation'; id: string; name: string };
  asOf: string;
  smallNumbersSuppressed: boolean;
  sections: { id: string; title: string; figures: { key: string; label: string; definition: string }[] }[];
  schools: { id: string; name: string; term: PeriodInfo | null; baseline: (PeriodInfo & { chosenBy: 'organisation' | 'firstTerm' }) | null; now: Cells; baselineCells: Cells | null; caseloads?: { name: string; pupils: number; overManageable: boolean }[] }[];
  total: { now: Cells; baselineCells: Cells } | null;
  notYetCounted: string[];
}

/** GET /api/schools/:id/gaps; the organisation's answers a list of them. */
export interface SchoolGaps {
  school: { id: string; name: string };
  items: { id: string; label: string; done: boolean; detail: string; fix: string }[];
  done: number;
}

export interface Overview {
  school: { id: string; name: string; timezone: string };
  wholeSchool: boolean;
  filter: PupilFilter;
  figures: DigestFigures;
  charts: YearCharts;
  options: { keyTeachers: { id: string; displayName: string }[]; yearGroups: number[] };
}

export interface PupilRow extends PupilBasics {
  nextConversation: { kind: ConversationKind; status: ConversationStatus; dueBy: string; scheduledAt: string | null } | null;
  overdue: boolean;
  openTargets: number;
}

export interface KeyTeacherRow {
  staffId: string | null;
  name: string;
  pupils: number;
  overManageable: boolean;
  dueThisWeek: number;
  overdue: number;
  heldThisTerm: number;
  repliesWaiting: number;
  withoutViewsThisTerm: number;
  targetsOffTrack: number;
}

/** GET /api/dashboard/figures/:figure: the records one figure counts. */
export interface FigureList {
  school: { id: string; name: string; timezone: string };
  wholeSchool: boolean;
  filter: PupilFilter;
  figure: string;
  label: string;
  counts: FigureCounts;
  count: number;
  rows: FigureRow[];
}

export type { PupilRecord, TimelineEntry } from '../pupilRecord';

/** GET /api/dashboard/pupils/:id: the record, and whether this reader answers requests about personal data. */
export type PupilRecordView = import('../pupilRecord').PupilRecord & { mayAnswerDataRequests: boolean };
