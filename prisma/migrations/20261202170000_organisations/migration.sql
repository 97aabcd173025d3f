-- AlterEnum
ALTER TYPE "ActorKind" ADD VALUE 'ORGANISATION_MEMBER';

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('TRUST', 'LOCAL_AUTHORITY');

-- DropForeignKey
ALTER TABLE "Message" DROP CONSTRAINT "Message_schoolId_fkey";

-- DropForeignKey
ALTER TABLE "TeamsConversationReference" DROP CONSTRAINT "TeamsConversationReference_staffId_fkey";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "organisationMemberId" UUID,
ALTER COLUMN "schoolId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "School" ADD COLUMN     "localAuthorityId" UUID,
ADD COLUMN     "trustId" UUID;

-- AlterTable
ALTER TABLE "TeamsConversationReference" ADD COLUMN     "organisationMemberId" UUID,
ALTER COLUMN "staffId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "entraTenantId" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/London',
    "baselineOn" DATE,
    "defaultSettings" JSONB,
    "defaultCalendar" JSONB,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationMember" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organisationId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "jobTitle" TEXT,
    "aadObjectId" TEXT,
    "teamsUserId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationMember_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_entraTenantId_key" ON "Organisation"("entraTenantId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationMember_aadObjectId_key" ON "OrganisationMember"("aadObjectId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationMember_organisationId_email_key" ON "OrganisationMember"("organisationId", "email");

-- CreateIndex
CREATE INDEX "School_trustId_idx" ON "School"("trustId");

-- CreateIndex
CREATE INDEX "School_localAuthorityId_idx" ON "School"("localAuthorityId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamsConversationReference_organisationMemberId_key" ON "TeamsConversationReference"("organisationMemberId");

-- AddForeignKey
ALTER TABLE "School" ADD CONSTRAINT "School_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "School" ADD CONSTRAINT "School_localAuthorityId_fkey" FOREIGN KEY ("localAuthorityId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationMember" ADD CONSTRAINT "OrganisationMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamsConversationReference" ADD CONSTRAINT "TeamsConversationReference_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamsConversationReference" ADD CONSTRAINT "TeamsConversationReference_organisationMemberId_fkey" FOREIGN KEY ("organisationMemberId") REFERENCES "OrganisationMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_organisationMemberId_fkey" FOREIGN KEY ("organisationMemberId") REFERENCES "OrganisationMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;
