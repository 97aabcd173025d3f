-- Trusts and local authorities offer their schools assessment schemes too (issue 16: "calendar, rhythm, schemes").
ALTER TABLE "Organisation" ADD COLUMN "defaultSchemes" JSONB;
