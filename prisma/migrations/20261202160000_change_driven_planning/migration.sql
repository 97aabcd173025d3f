-- CreateEnum
CREATE TYPE "PlanningSubject" AS ENUM ('SCHOOL', 'PUPIL', 'CONVERSATION', 'TARGET', 'CONTACT', 'REPLY');

-- CreateTable
CREATE TABLE "PlanningMark" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "kind" "PlanningSubject" NOT NULL,
    "subjectId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 1,
    "markedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanningMark_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolPlanning" (
    "schoolId" UUID NOT NULL,
    "rolloverAt" TIMESTAMPTZ(3),
    "fullPlanAt" TIMESTAMPTZ(3) NOT NULL,
    "plannedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SchoolPlanning_pkey" PRIMARY KEY ("schoolId")
);

-- CreateTable
CREATE TABLE "PlanHorizon" (
    "pupilId" UUID NOT NULL,
    "schoolId" UUID NOT NULL,
    "replanOn" DATE NOT NULL,

    CONSTRAINT "PlanHorizon_pkey" PRIMARY KEY ("pupilId")
);

-- CreateIndex
CREATE INDEX "PlanningMark_schoolId_idx" ON "PlanningMark"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanningMark_kind_subjectId_key" ON "PlanningMark"("kind", "subjectId");

-- CreateIndex
CREATE INDEX "SchoolPlanning_rolloverAt_idx" ON "SchoolPlanning"("rolloverAt");

-- CreateIndex
CREATE INDEX "SchoolPlanning_fullPlanAt_idx" ON "SchoolPlanning"("fullPlanAt");

-- CreateIndex
CREATE INDEX "PlanHorizon_schoolId_replanOn_idx" ON "PlanHorizon"("schoolId", "replanOn");

-- AddForeignKey
ALTER TABLE "PlanningMark" ADD CONSTRAINT "PlanningMark_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolPlanning" ADD CONSTRAINT "SchoolPlanning_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanHorizon" ADD CONSTRAINT "PlanHorizon_pupilId_fkey" FOREIGN KEY ("pupilId") REFERENCES "Pupil"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanHorizon" ADD CONSTRAINT "PlanHorizon_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;
