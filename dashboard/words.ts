import type {
  ConversationKind,
  ConversationStatus,
  MessageStatus,
  PrimaryNeed,
  PupilInvolvement,
  SenStatus,
  TargetArea,
  TargetStatus,
  ViewsGatheredBy,
} from '../generated/prisma/enums';
import type { AreaGroup } from '../digest/figures';
import { AREA_WORDS, CONVERSATION_KIND_WORDS, CONVERSATION_STATUS_WORDS, INVOLVEMENT_WORDS, STATUS_WORDS, yearGroupWords } from '../domain/words';
import type { MediaDescription } from '../sms/mediaItems';

/** The record's own words (domain/record.ts), starting with a capital as table cells and headings do. */
function capitalised<K extends string>(words: Record<K, string>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(words).map(([k, v]) => [k, v.charAt(0).toUpperCase() + v.slice(1)])) as Record<K, string>;
}

/** The school's words for the records' codes, shared by the dashboard page and the exports (the record's own from domain/record.ts). */
export const SEN_STATUS: Record<SenStatus, string> = {
  SEN_SUPPORT: 'SEN support',
  EHC_PLAN: 'EHC plan',
  SCHOOL_ACTION: 'School Action (legacy)',
  SCHOOL_ACTION_PLUS: 'School Action Plus (legacy)',
  STATEMENT: 'Statement (legacy)',
  NOT_ON_REGISTER: 'Not on the SEN register',
};

export const NEED: Record<PrimaryNeed, string> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication',
  HI: 'Hearing impairment',
  VI: 'Visual impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autism',
  OTHER: 'Other',
};

export const AREA: Record<TargetArea, string> = capitalised(AREA_WORDS);

export const AREA_GROUP: Record<AreaGroup, string> = { ENGLISH: 'English', MATHS: 'Maths', WIDER: 'Wider outcomes' };

export const TARGET_STATUS: Record<TargetStatus, string> = capitalised(STATUS_WORDS);

export const CONVERSATION_KIND: Record<ConversationKind, string> = capitalised(CONVERSATION_KIND_WORDS);

export const CONVERSATION_STATUS: Record<ConversationStatus, string> = capitalised(CONVERSATION_STATUS_WORDS);

export const INVOLVEMENT: Record<PupilInvolvement, string> = capitalised(INVOLVEMENT_WORDS);

export const GATHERED_BY: Record<ViewsGatheredBy, string> = {
  WITH_KEY_TEACHER: 'With the key teacher',
  PUPIL_PROFILE: 'Pupil profile',
  IN_CONVERSATION: 'In the conversation',
};

export const MESSAGE_STATUS: Record<MessageStatus, string> = {
  QUEUED: 'Waiting to send',
  SENDING: 'Sending',
  SENT: 'Sent',
  DELIVERED: 'Delivered',
  UNDELIVERED: 'Not delivered',
  FAILED: 'Failed',
  SUPPRESSED: 'Not sent (opted out or number not working)',
  RECEIVED: 'Received',
};

export const yearGroupLabel = yearGroupWords;

/** "picture, 240 KB", "PDF, 1.2 MB", "picture not kept: larger than 5 MB": a parent's attachment in words. */
export function mediaLabel(m: Pick<MediaDescription, 'kind' | 'kept' | 'size' | 'reason'>): string {
  const what = m.kind === 'picture' ? 'picture' : m.kind === 'document' ? 'PDF' : 'file';
  if (!m.kept) return `${what} not kept${m.reason ? `: ${m.reason}` : ''}`;
  if (m.size === null) return what;
  return `${what}, ${m.size >= 1024 * 1024 ? `${(m.size / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(m.size / 1024))} KB`}`;
}
