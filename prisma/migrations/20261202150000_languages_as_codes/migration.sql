-- A language is an open BCP 47 code (messaging/languages.ts), no longer the four-value enum:
-- existing contacts and messages keep their language, EN/PL/UR/RO becoming en/pl/ur/ro.

-- AlterTable
ALTER TABLE "Contact" ALTER COLUMN "preferredLanguage" DROP DEFAULT,
ALTER COLUMN "preferredLanguage" SET DATA TYPE TEXT USING lower("preferredLanguage"::text),
ALTER COLUMN "preferredLanguage" SET DEFAULT 'en';

-- AlterTable
ALTER TABLE "Message" ALTER COLUMN "language" SET DATA TYPE TEXT USING lower("language"::text);

-- DropEnum
DROP TYPE "Language";
