-- AlterTable
ALTER TABLE "MisConnection" ADD COLUMN     "aspectSubjects" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "MisSync" ADD COLUMN     "evidence" JSONB NOT NULL DEFAULT '{}';
