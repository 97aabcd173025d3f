-- AlterEnum
ALTER TYPE "AwaitedReplyKind" ADD VALUE 'WHICH_SCHOOL';

-- CreateEnum
CREATE TYPE "MediaStatus" AS ENUM ('PENDING', 'STORED', 'REFUSED', 'FAILED', 'REMOVED');

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "passedToStaffAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "School" ADD COLUMN     "smsNumber" TEXT;

-- CreateTable
CREATE TABLE "MessageMedia" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "messageId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "providerSid" TEXT,
    "sourceUrl" TEXT,
    "declaredType" TEXT,
    "contentType" TEXT,
    "data" BYTEA,
    "size" INTEGER,
    "status" "MediaStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "storedAt" TIMESTAMPTZ(3),
    "providerDeletedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageMedia_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MessageMedia_messageId_position_key" ON "MessageMedia"("messageId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "School_smsNumber_key" ON "School"("smsNumber");

-- AddForeignKey
ALTER TABLE "MessageMedia" ADD CONSTRAINT "MessageMedia_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
