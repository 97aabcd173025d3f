-- CreateTable
-- UNLOGGED (written by hand: Prisma has no attribute for it): refusal counts need no crash safety.
CREATE UNLOGGED TABLE "RateLimitCount" (
    "limiter" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimitCount_pkey" PRIMARY KEY ("limiter","address","minute")
);

-- CreateIndex
CREATE INDEX "RateLimitCount_minute_idx" ON "RateLimitCount"("minute");
