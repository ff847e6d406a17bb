-- The reading of an Excel file by a round import's dry run, kept for its apply, which may land on another API
-- process behind the load balancer: by the file's sha256, the set version and the units the viewer may enter
-- ("id"), for ten minutes, taken once by the apply. A province's work: keyed by the tenant (a distributed table).
CREATE TABLE "ImportReading" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "reading" JSONB NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ImportReading_pkey" PRIMARY KEY ("tenantId", "id")
);

CREATE INDEX "ImportReading_expiresAt_idx" ON "ImportReading"("expiresAt");
