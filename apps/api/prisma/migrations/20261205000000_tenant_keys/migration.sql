-- Sharding by province (ARCHITECTURE.md): every tenant-scoped table carries the tenant in its primary key, its
-- unique keys and its foreign keys to other tenant-scoped tables, so Citus can distribute them by "tenantId"
-- (co-located: a province's round, assessments, values, evidence and audit live on one shard) without a schema
-- change. The tenant is copied from the parent row; the history of a merged province keeps its own tenant.

-- The triggers that lock recognised rows and keep the audit append-only would refuse the copy below.
ALTER TABLE "Assessment" DISABLE TRIGGER USER;
ALTER TABLE "IndicatorValue" DISABLE TRIGGER USER;
ALTER TABLE "Evidence" DISABLE TRIGGER USER;
ALTER TABLE "ReviewComment" DISABLE TRIGGER USER;
ALTER TABLE "AuditEvent" DISABLE TRIGGER USER;

ALTER TABLE "Assessment" ADD COLUMN "tenantId" TEXT;
UPDATE "Assessment" a SET "tenantId" = r."tenantId" FROM "Round" r WHERE r."id" = a."roundId";
ALTER TABLE "Assessment" ALTER COLUMN "tenantId" SET NOT NULL;

ALTER TABLE "DecisionScan" ADD COLUMN "tenantId" TEXT;
UPDATE "DecisionScan" d SET "tenantId" = r."tenantId" FROM "Round" r WHERE r."id" = d."roundId";
ALTER TABLE "DecisionScan" ALTER COLUMN "tenantId" SET NOT NULL;

ALTER TABLE "IndicatorValue" ADD COLUMN "tenantId" TEXT;
UPDATE "IndicatorValue" c SET "tenantId" = a."tenantId" FROM "Assessment" a WHERE a."id" = c."assessmentId";
ALTER TABLE "IndicatorValue" ALTER COLUMN "tenantId" SET NOT NULL;

ALTER TABLE "Evidence" ADD COLUMN "tenantId" TEXT;
UPDATE "Evidence" c SET "tenantId" = a."tenantId" FROM "Assessment" a WHERE a."id" = c."assessmentId";
ALTER TABLE "Evidence" ALTER COLUMN "tenantId" SET NOT NULL;

ALTER TABLE "ReviewComment" ADD COLUMN "tenantId" TEXT;
UPDATE "ReviewComment" c SET "tenantId" = a."tenantId" FROM "Assessment" a WHERE a."id" = c."assessmentId";
ALTER TABLE "ReviewComment" ALTER COLUMN "tenantId" SET NOT NULL;

ALTER TABLE "DeadlineExtension" ADD COLUMN "tenantId" TEXT;
UPDATE "DeadlineExtension" c SET "tenantId" = a."tenantId" FROM "Assessment" a WHERE a."id" = c."assessmentId";
ALTER TABLE "DeadlineExtension" ALTER COLUMN "tenantId" SET NOT NULL;

-- What belongs to no province (accounts, sign-ins) is the ministry's.
UPDATE "AuditEvent" SET "tenantId" = 'vn' WHERE "tenantId" IS NULL;
ALTER TABLE "AuditEvent" ALTER COLUMN "tenantId" SET NOT NULL;

ALTER TABLE "Assessment" ENABLE TRIGGER USER;
ALTER TABLE "IndicatorValue" ENABLE TRIGGER USER;
ALTER TABLE "Evidence" ENABLE TRIGGER USER;
ALTER TABLE "ReviewComment" ENABLE TRIGGER USER;
ALTER TABLE "AuditEvent" ENABLE TRIGGER USER;

-- Keys: the foreign keys on the old primary keys go first.
ALTER TABLE "Assessment" DROP CONSTRAINT "Assessment_roundId_fkey";
-- A carried-from assessment may be another tenant's (a merged province): a reference, not a key across shards.
ALTER TABLE "Assessment" DROP CONSTRAINT "Assessment_carriedFromId_fkey";
ALTER TABLE "DecisionScan" DROP CONSTRAINT "DecisionScan_roundId_fkey";
ALTER TABLE "IndicatorValue" DROP CONSTRAINT "IndicatorValue_assessmentId_fkey";
ALTER TABLE "Evidence" DROP CONSTRAINT "Evidence_assessmentId_fkey";
ALTER TABLE "ReviewComment" DROP CONSTRAINT "ReviewComment_assessmentId_fkey";
ALTER TABLE "DeadlineExtension" DROP CONSTRAINT "DeadlineExtension_assessmentId_fkey";

ALTER TABLE "Round" DROP CONSTRAINT "Round_pkey", ADD CONSTRAINT "Round_pkey" PRIMARY KEY ("tenantId", "id");
ALTER TABLE "Assessment" DROP CONSTRAINT "Assessment_pkey", ADD CONSTRAINT "Assessment_pkey" PRIMARY KEY ("tenantId", "id");
ALTER TABLE "DecisionScan" DROP CONSTRAINT "DecisionScan_pkey", ADD CONSTRAINT "DecisionScan_pkey" PRIMARY KEY ("tenantId", "id");
ALTER TABLE "IndicatorValue" DROP CONSTRAINT "IndicatorValue_pkey", ADD CONSTRAINT "IndicatorValue_pkey" PRIMARY KEY ("tenantId", "id");
ALTER TABLE "Evidence" DROP CONSTRAINT "Evidence_pkey", ADD CONSTRAINT "Evidence_pkey" PRIMARY KEY ("tenantId", "id");
ALTER TABLE "ReviewComment" DROP CONSTRAINT "ReviewComment_pkey", ADD CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("tenantId", "id");
ALTER TABLE "DeadlineExtension" DROP CONSTRAINT "DeadlineExtension_pkey", ADD CONSTRAINT "DeadlineExtension_pkey" PRIMARY KEY ("tenantId", "id");
ALTER TABLE "ProvinceReport" DROP CONSTRAINT "ProvinceReport_pkey", ADD CONSTRAINT "ProvinceReport_pkey" PRIMARY KEY ("tenantId", "id");
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_pkey", ADD CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("tenantId", "id");

DROP INDEX "Assessment_roundId_unitId_key";
CREATE UNIQUE INDEX "Assessment_tenantId_roundId_unitId_key" ON "Assessment"("tenantId", "roundId", "unitId");
DROP INDEX "IndicatorValue_assessmentId_criterionCode_key";
CREATE UNIQUE INDEX "IndicatorValue_tenantId_assessmentId_criterionCode_key"
  ON "IndicatorValue"("tenantId", "assessmentId", "criterionCode");
DROP INDEX "DecisionScan_roundId_decisionNumber_key";
CREATE UNIQUE INDEX "DecisionScan_tenantId_roundId_decisionNumber_key"
  ON "DecisionScan"("tenantId", "roundId", "decisionNumber");

ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_tenantId_roundId_fkey" FOREIGN KEY ("tenantId", "roundId")
  REFERENCES "Round"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DecisionScan" ADD CONSTRAINT "DecisionScan_tenantId_roundId_fkey" FOREIGN KEY ("tenantId", "roundId")
  REFERENCES "Round"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_tenantId_assessmentId_fkey"
  FOREIGN KEY ("tenantId", "assessmentId") REFERENCES "Assessment"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_tenantId_assessmentId_fkey"
  FOREIGN KEY ("tenantId", "assessmentId") REFERENCES "Assessment"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_tenantId_assessmentId_fkey"
  FOREIGN KEY ("tenantId", "assessmentId") REFERENCES "Assessment"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_tenantId_assessmentId_fkey"
  FOREIGN KEY ("tenantId", "assessmentId") REFERENCES "Assessment"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Lookups by a row's id alone (a GraphQL argument names an assessment by id) keep an index.
CREATE INDEX "Assessment_id_idx" ON "Assessment"("id");
CREATE INDEX "Round_id_idx" ON "Round"("id");
CREATE INDEX "Assessment_carriedFromId_idx" ON "Assessment"("carriedFromId");
CREATE INDEX "Evidence_id_idx" ON "Evidence"("id");
CREATE INDEX "DecisionScan_id_idx" ON "DecisionScan"("id");
