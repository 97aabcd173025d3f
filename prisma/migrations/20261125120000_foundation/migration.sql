-- CreateEnum
CREATE TYPE "ClosureKind" AS ENUM ('HOLIDAY', 'TRAINING_DAY', 'NO_PARENT_MESSAGES');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('TEACHER', 'KEY_TEACHER', 'SENCO', 'SCHOOL_LEAD', 'ADMIN');

-- CreateEnum
CREATE TYPE "SenStatus" AS ENUM ('SEN_SUPPORT', 'EHC_PLAN', 'SCHOOL_ACTION', 'SCHOOL_ACTION_PLUS', 'STATEMENT', 'NOT_ON_REGISTER');

-- CreateEnum
CREATE TYPE "PrimaryNeed" AS ENUM ('SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTHER');

-- CreateEnum
CREATE TYPE "Language" AS ENUM ('EN', 'PL', 'UR', 'RO');

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('ADMISSION_FORM', 'PAPER_FORM', 'VERBAL', 'SMS_REPLY', 'ROSTER_IMPORT');

-- CreateEnum
CREATE TYPE "Relationship" AS ENUM ('MOTHER', 'FATHER', 'PARENT', 'STEP_PARENT', 'GRANDPARENT', 'CARER', 'FOSTER_CARER', 'SOCIAL_WORKER', 'OTHER_RELATIVE', 'OTHER');

-- CreateEnum
CREATE TYPE "ConversationKind" AS ENUM ('INITIAL', 'REVIEW', 'ADDITIONAL');

-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('TO_BOOK', 'OFFERED', 'BOOKED', 'HELD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RecordState" AS ENUM ('NONE', 'DRAFT', 'FINAL');

-- CreateEnum
CREATE TYPE "PupilInvolvement" AS ENUM ('TOOK_PART_FULLY', 'TOOK_PART_IN_PART', 'VIEWS_GATHERED_BEFOREHAND', 'NOT_INVOLVED');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ViewsGatheredBy" AS ENUM ('WITH_KEY_TEACHER', 'PUPIL_PROFILE', 'IN_CONVERSATION');

-- CreateEnum
CREATE TYPE "TargetArea" AS ENUM ('ENGLISH', 'MATHS', 'ATTENDANCE', 'BEHAVIOUR', 'BULLYING', 'RELATIONSHIPS', 'PARTICIPATION', 'OTHER');

-- CreateEnum
CREATE TYPE "TargetHorizon" AS ENUM ('SHORT', 'MEDIUM', 'LONG');

-- CreateEnum
CREATE TYPE "TargetStatus" AS ENUM ('NOT_STARTED', 'WORKING_TOWARDS', 'ACHIEVED', 'NEEDS_CHANGE', 'CLOSED');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('SMS', 'TEAMS');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('OUTBOUND', 'INBOUND');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'SUPPRESSED', 'RECEIVED');

-- CreateEnum
CREATE TYPE "AwaitedReplyKind" AS ENUM ('WHICH_CHILD', 'CONFIDENCE');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('STAFF', 'PARENT', 'API_KEY', 'SYSTEM');

-- CreateEnum
CREATE TYPE "RosterKind" AS ENUM ('PUPILS', 'STAFF');

-- CreateTable
CREATE TABLE "School" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/London',
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "quietHoursStart" TEXT NOT NULL DEFAULT '20:00',
    "quietHoursEnd" TEXT NOT NULL DEFAULT '08:00',
    "messagesAtWeekends" BOOLEAN NOT NULL DEFAULT false,
    "messagesInHolidays" BOOLEAN NOT NULL DEFAULT false,
    "initialConversationWeeks" INTEGER NOT NULL DEFAULT 4,
    "reviewByWeekOfTerm" INTEGER NOT NULL DEFAULT 6,
    "progressUpdateEveryWeeks" INTEGER NOT NULL DEFAULT 3,
    "overdueEscalationDays" INTEGER NOT NULL DEFAULT 10,
    "replyEscalationSchoolDays" INTEGER NOT NULL DEFAULT 2,
    "digestWeekday" INTEGER NOT NULL DEFAULT 1,
    "digestTime" TEXT NOT NULL DEFAULT '08:00',
    "staffReminderTime" TEXT NOT NULL DEFAULT '09:00',
    "widerOutcomes" "TargetArea"[] DEFAULT ARRAY[]::"TargetArea"[],
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolTerm" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,

    CONSTRAINT "SchoolTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolClosure" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ClosureKind" NOT NULL DEFAULT 'HOLIDAY',
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,

    CONSTRAINT "SchoolClosure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "roles" "StaffRole"[],
    "jobTitle" TEXT,
    "aadObjectId" TEXT,
    "teamsUserId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamsConversationReference" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "staffId" UUID NOT NULL,
    "conversationId" TEXT NOT NULL,
    "serviceUrl" TEXT NOT NULL,
    "tenantId" TEXT,
    "reference" JSONB NOT NULL,
    "installedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamsConversationReference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pupil" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "misId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "yearGroup" INTEGER NOT NULL,
    "senStatus" "SenStatus" NOT NULL,
    "primaryNeed" "PrimaryNeed",
    "secondaryNeed" "PrimaryNeed",
    "lookedAfter" BOOLEAN NOT NULL DEFAULT false,
    "keyTeacherId" UUID,
    "onRegisterSince" DATE NOT NULL,
    "attendanceNote" TEXT,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pupil_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SenStatusChange" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pupilId" UUID NOT NULL,
    "senStatus" "SenStatus" NOT NULL,
    "primaryNeed" "PrimaryNeed",
    "effectiveOn" DATE NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SenStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "preferredLanguage" "Language" NOT NULL DEFAULT 'EN',
    "smsConsent" BOOLEAN NOT NULL DEFAULT false,
    "smsConsentAt" TIMESTAMPTZ(3),
    "smsConsentMethod" "ConsentMethod",
    "optedOutAt" TIMESTAMPTZ(3),
    "unreachableAt" TIMESTAMPTZ(3),
    "unreachableReason" TEXT,
    "updateEveryWeeks" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PupilContact" (
    "pupilId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "relationship" "Relationship" NOT NULL,
    "parentalResponsibility" BOOLEAN NOT NULL DEFAULT true,
    "priority" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PupilContact_pkey" PRIMARY KEY ("pupilId","contactId")
);

-- CreateTable
CREATE TABLE "StructuredConversation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pupilId" UUID NOT NULL,
    "keyTeacherId" UUID,
    "kind" "ConversationKind" NOT NULL,
    "status" "ConversationStatus" NOT NULL DEFAULT 'TO_BOOK',
    "dueBy" DATE NOT NULL,
    "scheduledAt" TIMESTAMPTZ(3),
    "durationMinutes" INTEGER NOT NULL DEFAULT 30,
    "location" TEXT,
    "recordState" "RecordState" NOT NULL DEFAULT 'NONE',
    "exploreStrengths" TEXT,
    "exploreBarriers" TEXT,
    "exploreAspirations" TEXT,
    "focusNotes" TEXT,
    "planNotes" TEXT,
    "reviewNotes" TEXT,
    "attendees" JSONB NOT NULL DEFAULT '[]',
    "pupilInvolvement" "PupilInvolvement",
    "pupilInvolvementNote" TEXT,
    "heldAt" TIMESTAMPTZ(3),
    "recordedAt" TIMESTAMPTZ(3),
    "recordedById" UUID,
    "subjectTeachersToldAt" TIMESTAMPTZ(3),
    "parentConfirmedAt" TIMESTAMPTZ(3),
    "nextReviewBy" DATE,
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StructuredConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BookingOffer" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversationId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "status" "OfferStatus" NOT NULL DEFAULT 'OPEN',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "respondedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BookingOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BookingSlot" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "offerId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "chosen" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "BookingSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PupilView" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pupilId" UUID NOT NULL,
    "conversationId" UUID,
    "goodAt" TEXT,
    "findHard" TEXT,
    "helpsMe" TEXT,
    "wantToGetBetterAt" TEXT,
    "gatheredBy" "ViewsGatheredBy" NOT NULL DEFAULT 'WITH_KEY_TEACHER',
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PupilView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Target" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pupilId" UUID NOT NULL,
    "conversationId" UUID,
    "parentTargetId" UUID,
    "area" "TargetArea" NOT NULL,
    "horizon" "TargetHorizon" NOT NULL DEFAULT 'MEDIUM',
    "description" TEXT NOT NULL,
    "successLooksLike" TEXT,
    "schoolActions" TEXT,
    "homeActions" TEXT,
    "reviewBy" DATE NOT NULL,
    "status" "TargetStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "reviewedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressEntry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "targetId" UUID NOT NULL,
    "pupilId" UUID NOT NULL,
    "status" "TargetStatus" NOT NULL,
    "note" TEXT,
    "tellParent" BOOLEAN NOT NULL DEFAULT false,
    "sharedWithParentAt" TIMESTAMPTZ(3),
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgressEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "direction" "Direction" NOT NULL,
    "status" "MessageStatus" NOT NULL,
    "template" TEXT,
    "freeText" BOOLEAN NOT NULL DEFAULT false,
    "language" "Language",
    "body" TEXT NOT NULL,
    "card" JSONB,
    "segments" INTEGER,
    "encoding" TEXT,
    "contactId" UUID,
    "staffId" UUID,
    "pupilId" UUID,
    "conversationId" UUID,
    "targetId" UUID,
    "inReplyToId" UUID,
    "providerId" TEXT,
    "fromAddress" TEXT,
    "toAddress" TEXT,
    "idempotencyKey" TEXT,
    "notBefore" TIMESTAMPTZ(3),
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "handledAt" TIMESTAMPTZ(3),
    "handledById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageStatusEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "messageId" UUID,
    "providerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageStatusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AwaitedReply" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "contactId" UUID NOT NULL,
    "kind" "AwaitedReplyKind" NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AwaitedReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConfidenceRating" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "contactId" UUID NOT NULL,
    "pupilId" UUID NOT NULL,
    "conversationId" UUID,
    "score" INTEGER NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConfidenceRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "runAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "subjectId" UUID,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID,
    "actorKind" "ActorKind" NOT NULL,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RosterImport" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "kind" "RosterKind" NOT NULL,
    "fileName" TEXT,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "rejections" JSONB NOT NULL DEFAULT '[]',
    "actorLabel" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RosterImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SchoolTerm_schoolId_startsOn_key" ON "SchoolTerm"("schoolId", "startsOn");

-- CreateIndex
CREATE INDEX "SchoolClosure_schoolId_startsOn_idx" ON "SchoolClosure"("schoolId", "startsOn");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_aadObjectId_key" ON "Staff"("aadObjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_schoolId_email_key" ON "Staff"("schoolId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "TeamsConversationReference_staffId_key" ON "TeamsConversationReference"("staffId");

-- CreateIndex
CREATE INDEX "Pupil_keyTeacherId_idx" ON "Pupil"("keyTeacherId");

-- CreateIndex
CREATE UNIQUE INDEX "Pupil_schoolId_misId_key" ON "Pupil"("schoolId", "misId");

-- CreateIndex
CREATE INDEX "SenStatusChange_pupilId_effectiveOn_idx" ON "SenStatusChange"("pupilId", "effectiveOn");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_schoolId_mobile_key" ON "Contact"("schoolId", "mobile");

-- CreateIndex
CREATE INDEX "PupilContact_contactId_idx" ON "PupilContact"("contactId");

-- CreateIndex
CREATE INDEX "StructuredConversation_pupilId_dueBy_idx" ON "StructuredConversation"("pupilId", "dueBy");

-- CreateIndex
CREATE INDEX "StructuredConversation_status_dueBy_idx" ON "StructuredConversation"("status", "dueBy");

-- CreateIndex
CREATE INDEX "BookingOffer_contactId_status_idx" ON "BookingOffer"("contactId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BookingSlot_offerId_position_key" ON "BookingSlot"("offerId", "position");

-- CreateIndex
CREATE INDEX "PupilView_pupilId_recordedAt_idx" ON "PupilView"("pupilId", "recordedAt");

-- CreateIndex
CREATE INDEX "Target_pupilId_status_idx" ON "Target"("pupilId", "status");

-- CreateIndex
CREATE INDEX "Target_reviewBy_idx" ON "Target"("reviewBy");

-- CreateIndex
CREATE INDEX "ProgressEntry_pupilId_recordedAt_idx" ON "ProgressEntry"("pupilId", "recordedAt");

-- CreateIndex
CREATE INDEX "ProgressEntry_targetId_recordedAt_idx" ON "ProgressEntry"("targetId", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_providerId_key" ON "Message"("providerId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_idempotencyKey_key" ON "Message"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Message_schoolId_createdAt_idx" ON "Message"("schoolId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_contactId_createdAt_idx" ON "Message"("contactId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_pupilId_createdAt_idx" ON "Message"("pupilId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_status_notBefore_idx" ON "Message"("status", "notBefore");

-- CreateIndex
CREATE UNIQUE INDEX "MessageStatusEvent_providerId_status_key" ON "MessageStatusEvent"("providerId", "status");

-- CreateIndex
CREATE INDEX "AwaitedReply_contactId_resolvedAt_idx" ON "AwaitedReply"("contactId", "resolvedAt");

-- CreateIndex
CREATE INDEX "ConfidenceRating_pupilId_receivedAt_idx" ON "ConfidenceRating"("pupilId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Job_dedupeKey_key" ON "Job"("dedupeKey");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "Job_subjectId_idx" ON "Job"("subjectId");

-- CreateIndex
CREATE INDEX "AuditEvent_schoolId_at_idx" ON "AuditEvent"("schoolId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- AddForeignKey
ALTER TABLE "SchoolTerm" ADD CONSTRAINT "SchoolTerm_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolClosure" ADD CONSTRAINT "SchoolClosure_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamsConversationReference" ADD CONSTRAINT "TeamsConversationReference_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pupil" ADD CONSTRAINT "Pupil_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pupil" ADD CONSTRAINT "Pupil_keyTeacherId_fkey" FOREIGN KEY ("keyTeacherId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SenStatusChange" ADD CONSTRAINT "SenStatusChange_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PupilContact" ADD CONSTRAINT "PupilContact_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PupilContact" ADD CONSTRAINT "PupilContact_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StructuredConversation" ADD CONSTRAINT "StructuredConversation_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StructuredConversation" ADD CONSTRAINT "StructuredConversation_keyTeacherId_fkey" FOREIGN KEY ("keyTeacherId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingOffer" ADD CONSTRAINT "BookingOffer_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "StructuredConversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingOffer" ADD CONSTRAINT "BookingOffer_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingSlot" ADD CONSTRAINT "BookingSlot_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "BookingOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PupilView" ADD CONSTRAINT "PupilView_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PupilView" ADD CONSTRAINT "PupilView_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "StructuredConversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "StructuredConversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Target" ADD CONSTRAINT "Target_parentTargetId_fkey" FOREIGN KEY ("parentTargetId") REFERENCES "Target"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressEntry" ADD CONSTRAINT "ProgressEntry_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressEntry" ADD CONSTRAINT "ProgressEntry_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "StructuredConversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_inReplyToId_fkey" FOREIGN KEY ("inReplyToId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageStatusEvent" ADD CONSTRAINT "MessageStatusEvent_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwaitedReply" ADD CONSTRAINT "AwaitedReply_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConfidenceRating" ADD CONSTRAINT "ConfidenceRating_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConfidenceRating" ADD CONSTRAINT "ConfidenceRating_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConfidenceRating" ADD CONSTRAINT "ConfidenceRating_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "StructuredConversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RosterImport" ADD CONSTRAINT "RosterImport_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;
