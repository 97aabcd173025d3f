import type { DigestFigures, YearCharts } from '../../digest/figures';
import type { PupilFilter } from '../../digest/digestQueries';
import type { ConversationKind, ConversationStatus, StaffRole } from '../../generated/prisma/enums';
import type { PupilBasics } from '../pupilRecord';
import type { FigureCounts } from '../../digest/figureNames';
import type { FigureRow } from '../figureRows';

/** The JSON the dashboard API answers with (dashboard/dashboardApi.ts, api/me.ts). */
export interface Me {
  kind: 'staff' | 'apiKey';
  staff?: { id: string; displayName: string; email: string; roles: StaffRole[] };
  school?: { id: string; name: string };
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
