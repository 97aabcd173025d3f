-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "anonymisedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Pupil" ADD COLUMN     "anonymisedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "School" ADD COLUMN     "leaverRecordsUntilAge" INTEGER NOT NULL DEFAULT 31,
ADD COLUMN     "leaverRecordsYears" INTEGER,
ADD COLUMN     "messageRetentionDays" INTEGER;

-- CreateTable
CREATE TABLE "SuppressedNumber" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "schoolId" UUID NOT NULL,
    "mobileHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuppressedNumber_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SuppressedNumber_schoolId_mobileHash_key" ON "SuppressedNumber"("schoolId", "mobileHash");

-- AddForeignKey
ALTER TABLE "SuppressedNumber" ADD CONSTRAINT "SuppressedNumber_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;
