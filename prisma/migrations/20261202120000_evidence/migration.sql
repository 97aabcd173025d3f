-- CreateEnum
CREATE TYPE "AssessmentSchemeKind" AS ENUM ('STEPS', 'DESCRIPTIVE', 'SCORE');

-- CreateEnum
CREATE TYPE "EvidenceSource" AS ENUM ('STAFF', 'IMPORT', 'MIS');

-- CreateEnum
CREATE TYPE "ExclusionKind" AS ENUM ('SUSPENSION', 'PERMANENT');

-- CreateEnum
CREATE TYPE "WiderOutcomeKind" AS ENUM ('BEHAVIOUR_INCIDENT', 'ACHIEVEMENT', 'BULLYING_REPORT', 'PARTICIPATION');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "RosterKind" ADD VALUE 'ASSESSMENTS';
ALTER TYPE "RosterKind" ADD VALUE 'ATTENDANCE';
ALTER TYPE "RosterKind" ADD VALUE 'EXCLUSIONS';
ALTER TYPE "RosterKind" ADD VALUE 'BEHAVIOUR';
ALTER TYPE "RosterKind" ADD VALUE 'ACHIEVEMENTS';
ALTER TYPE "RosterKind" ADD VALUE 'BULLYING';
ALTER TYPE "RosterKind" ADD VALUE 'PARTICIPATION';

-- CreateTable
CREATE TABLE "AssessmentScheme" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AssessmentSchemeKind" NOT NULL,
    "steps" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "minScore" INTEGER,
    "maxScore" INTEGER,
    "expectedPerTerm" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "tolerance" INTEGER,
    "presetKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentSubject" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "schemeId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentSubject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentPoint" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pupilId" UUID NOT NULL,
    "subjectId" UUID NOT NULL,
    "schemeId" UUID NOT NULL,
    "windowStartsOn" DATE NOT NULL,
    "windowName" TEXT NOT NULL,
    "step" TEXT,
    "score" INTEGER,
    "baseline" BOOLEAN NOT NULL DEFAULT false,
    "source" "EvidenceSource" NOT NULL DEFAULT 'STAFF',
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttendanceRecord" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pupilId" UUID NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE NOT NULL,
    "sessionsPossible" INTEGER NOT NULL,
    "sessionsAttended" INTEGER NOT NULL,
    "source" "EvidenceSource" NOT NULL DEFAULT 'STAFF',
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttendanceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolAttendance" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE NOT NULL,
    "percent" DOUBLE PRECISION NOT NULL,
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchoolAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Exclusion" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pupilId" UUID NOT NULL,
    "kind" "ExclusionKind" NOT NULL,
    "startsOn" DATE NOT NULL,
    "days" DOUBLE PRECISION,
    "source" "EvidenceSource" NOT NULL DEFAULT 'STAFF',
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Exclusion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WiderOutcomeEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "pupilId" UUID NOT NULL,
    "kind" "WiderOutcomeKind" NOT NULL,
    "occurredOn" DATE NOT NULL,
    "category" TEXT,
    "resolved" BOOLEAN,
    "source" "EvidenceSource" NOT NULL DEFAULT 'STAFF',
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WiderOutcomeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScheme_schoolId_name_key" ON "AssessmentScheme"("schoolId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScheme_schoolId_presetKey_key" ON "AssessmentScheme"("schoolId", "presetKey");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentSubject_schoolId_key_key" ON "AssessmentSubject"("schoolId", "key");

-- CreateIndex
CREATE INDEX "AssessmentPoint_subjectId_idx" ON "AssessmentPoint"("subjectId");

-- CreateIndex
CREATE INDEX "AssessmentPoint_schemeId_idx" ON "AssessmentPoint"("schemeId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentPoint_pupilId_subjectId_windowStartsOn_key" ON "AssessmentPoint"("pupilId", "subjectId", "windowStartsOn");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceRecord_pupilId_fromDate_key" ON "AttendanceRecord"("pupilId", "fromDate");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolAttendance_schoolId_fromDate_key" ON "SchoolAttendance"("schoolId", "fromDate");

-- CreateIndex
CREATE UNIQUE INDEX "Exclusion_pupilId_startsOn_kind_key" ON "Exclusion"("pupilId", "startsOn", "kind");

-- CreateIndex
CREATE INDEX "WiderOutcomeEvent_pupilId_kind_occurredOn_idx" ON "WiderOutcomeEvent"("pupilId", "kind", "occurredOn");

-- AddForeignKey
ALTER TABLE "AssessmentScheme" ADD CONSTRAINT "AssessmentScheme_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentSubject" ADD CONSTRAINT "AssessmentSubject_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentSubject" ADD CONSTRAINT "AssessmentSubject_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentPoint" ADD CONSTRAINT "AssessmentPoint_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentPoint" ADD CONSTRAINT "AssessmentPoint_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "AssessmentSubject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentPoint" ADD CONSTRAINT "AssessmentPoint_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceRecord" ADD CONSTRAINT "AttendanceRecord_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolAttendance" ADD CONSTRAINT "SchoolAttendance_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exclusion" ADD CONSTRAINT "Exclusion_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WiderOutcomeEvent" ADD CONSTRAINT "WiderOutcomeEvent_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;
