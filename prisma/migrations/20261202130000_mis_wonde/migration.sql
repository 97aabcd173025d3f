-- CreateEnum
CREATE TYPE "MisConnectionState" AS ENUM ('CONNECTED', 'REVOKED', 'DISCONNECTED');

-- CreateEnum
CREATE TYPE "MisKeyTeacherSource" AS ENUM ('REGISTRATION_GROUP', 'CLASS', 'FIELD');

-- CreateEnum
CREATE TYPE "MisPupilKey" AS ENUM ('UPN', 'ADMISSION_NUMBER');

-- CreateEnum
CREATE TYPE "MisSyncMode" AS ENUM ('FULL', 'CHANGES');

-- CreateEnum
CREATE TYPE "MisSyncTrigger" AS ENUM ('SCHEDULE', 'ON_DEMAND');

-- CreateEnum
CREATE TYPE "MisSyncStatus" AS ENUM ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "MisRecordKind" AS ENUM ('STUDENT', 'CONTACT', 'EMPLOYEE');

-- CreateTable
CREATE TABLE "MisConnection" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "wondeSchoolId" TEXT NOT NULL,
    "domain" TEXT NOT NULL DEFAULT 'api.wonde.com',
    "tokenCiphertext" TEXT NOT NULL,
    "state" "MisConnectionState" NOT NULL DEFAULT 'CONNECTED',
    "syncTime" TEXT NOT NULL DEFAULT '02:00',
    "fullSyncWeekday" INTEGER NOT NULL DEFAULT 7,
    "pupilKey" "MisPupilKey" NOT NULL DEFAULT 'UPN',
    "keyTeacherSource" "MisKeyTeacherSource" NOT NULL DEFAULT 'REGISTRATION_GROUP',
    "keyTeacherField" TEXT,
    "staffRoles" JSONB NOT NULL DEFAULT '[]',
    "lastGoodSyncStartedAt" TIMESTAMPTZ(3),
    "lastFullSyncAt" TIMESTAMPTZ(3),
    "cursor" JSONB,
    "syncLockedBy" TEXT,
    "syncLockedUntil" TIMESTAMPTZ(3),
    "connectedAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "disconnectedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MisConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MisSync" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "connectionId" UUID NOT NULL,
    "mode" "MisSyncMode" NOT NULL,
    "trigger" "MisSyncTrigger" NOT NULL,
    "status" "MisSyncStatus" NOT NULL DEFAULT 'PENDING',
    "requestedBy" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "left" INTEGER NOT NULL DEFAULT 0,
    "staffAdded" INTEGER NOT NULL DEFAULT 0,
    "staffUpdated" INTEGER NOT NULL DEFAULT 0,
    "staffUnchanged" INTEGER NOT NULL DEFAULT 0,
    "staffRejected" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "rejections" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MisSync_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MisRecord" (
    "connectionId" UUID NOT NULL,
    "kind" "MisRecordKind" NOT NULL,
    "wondeId" TEXT NOT NULL,
    "localId" UUID NOT NULL,
    "groupId" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MisRecord_pkey" PRIMARY KEY ("connectionId","kind","wondeId")
);

-- CreateIndex
CREATE UNIQUE INDEX "MisConnection_schoolId_key" ON "MisConnection"("schoolId");

-- CreateIndex
CREATE INDEX "MisSync_connectionId_createdAt_idx" ON "MisSync"("connectionId", "createdAt");

-- CreateIndex
CREATE INDEX "MisRecord_connectionId_kind_localId_idx" ON "MisRecord"("connectionId", "kind", "localId");

-- AddForeignKey
ALTER TABLE "MisConnection" ADD CONSTRAINT "MisConnection_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MisSync" ADD CONSTRAINT "MisSync_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "MisConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MisRecord" ADD CONSTRAINT "MisRecord_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "MisConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
