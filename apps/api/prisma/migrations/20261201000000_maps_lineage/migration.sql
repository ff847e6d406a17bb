-- Today's map and history across change (issue 9): administrative maps with validity, unit lineage between maps,
-- merged provinces as read-only history of their successor, agency names with validity, the review chain of a
-- round as data, the second parent of a rebased set version, and the assessment a unit's values were carried from.
-- Existing rows belong to the three-tier map; the seed loads the two-tier map and the lineage from the package data.

CREATE TYPE "AgencyRole" AS ENUM ('MINISTRY', 'DEPARTMENT', 'PEOPLES_COMMITTEE');
CREATE TYPE "MergeKind" AS ENUM ('FULL', 'PARTIAL');
ALTER TYPE "Role" ADD VALUE 'PROVINCE_LEADER';

CREATE TABLE "AdminMap" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "asOf" DATE NOT NULL,
    "validFrom" DATE,
    "validTo" DATE,
    "kinds" TEXT[],

    CONSTRAINT "AdminMap_pkey" PRIMARY KEY ("id")
);
INSERT INTO "AdminMap" ("id", "name", "asOf", "validFrom", "validTo", "kinds") VALUES
  ('2025-03', 'Bản đồ hành chính 3 cấp (01/03/2025)', '2025-03-01', NULL, '2025-06-30', ARRAY['province', 'district', 'commune']),
  ('2025-07', 'Bản đồ hành chính 2 cấp (từ 01/07/2025)', '2025-07-01', '2025-07-01', NULL, ARRAY['province', 'commune']);

-- Units: codes repeat across maps, so a code is unique within its map only.
DROP INDEX "Unit_code_key";
ALTER TABLE "Unit" ADD COLUMN "mapId" TEXT;
ALTER TABLE "Unit" ADD COLUMN "validFrom" DATE;
ALTER TABLE "Unit" ADD COLUMN "validTo" DATE;
UPDATE "Unit" SET "mapId" = '2025-03', "validTo" = '2025-06-30';
ALTER TABLE "Unit" ALTER COLUMN "mapId" SET NOT NULL;
CREATE INDEX "Unit_code_idx" ON "Unit"("code");
CREATE UNIQUE INDEX "Unit_mapId_code_key" ON "Unit"("mapId", "code");
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_mapId_fkey" FOREIGN KEY ("mapId") REFERENCES "AdminMap"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "UnitLineage" (
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "kind" "MergeKind" NOT NULL,

    CONSTRAINT "UnitLineage_pkey" PRIMARY KEY ("fromId","toId")
);
CREATE INDEX "UnitLineage_toId_idx" ON "UnitLineage"("toId");
ALTER TABLE "UnitLineage" ADD CONSTRAINT "UnitLineage_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "UnitLineage" ADD CONSTRAINT "UnitLineage_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Tenant" ADD COLUMN "successorId" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "validTo" DATE;
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Tenant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "AgencyName" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "role" "AgencyRole" NOT NULL,
    "name" TEXT NOT NULL,
    "validFrom" DATE,
    "validTo" DATE,

    CONSTRAINT "AgencyName_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AgencyName_tenantId_role_idx" ON "AgencyName"("tenantId", "role");
ALTER TABLE "AgencyName" ADD CONSTRAINT "AgencyName_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rounds: existing rounds are on the three-tier map and keep the chain they had (the level above the unit).
ALTER TABLE "Round" ADD COLUMN "mapId" TEXT;
ALTER TABLE "Round" ADD COLUMN "reviewChain" JSONB;
UPDATE "Round" SET "mapId" = '2025-03', "reviewChain" =
  '{"verify":{"roles":["DISTRICT_OFFICER","PROVINCE_ADMIN"],"at":"PARENT"},"appraise":{"roles":["APPRAISER"],"at":"PARENT"},"recognise":{"roles":["DISTRICT_OFFICER","PROVINCE_ADMIN"],"at":"PARENT"}}';
ALTER TABLE "Round" ALTER COLUMN "mapId" SET NOT NULL;
ALTER TABLE "Round" ALTER COLUMN "reviewChain" SET NOT NULL;
ALTER TABLE "Round" ADD CONSTRAINT "Round_mapId_fkey" FOREIGN KEY ("mapId") REFERENCES "AdminMap"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "CriteriaSetVersion" ADD COLUMN "rebasedOntoId" TEXT;
ALTER TABLE "CriteriaSetVersion" ADD CONSTRAINT "CriteriaSetVersion_rebasedOntoId_fkey" FOREIGN KEY ("rebasedOntoId") REFERENCES "CriteriaSetVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Assessment" ADD COLUMN "carriedFromId" TEXT;
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_carriedFromId_fkey" FOREIGN KEY ("carriedFromId") REFERENCES "Assessment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A published version's second parent is part of its lineage and never changes either.
CREATE OR REPLACE FUNCTION cds_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'DRAFT' THEN
      RAISE EXCEPTION 'cds_immutable: published version % cannot be deleted', OLD."id" USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" <> 'DRAFT' AND (
       NEW."document" IS DISTINCT FROM OLD."document"
    OR NEW."version" IS DISTINCT FROM OLD."version"
    OR NEW."setId" IS DISTINCT FROM OLD."setId"
    OR NEW."decisionNumber" IS DISTINCT FROM OLD."decisionNumber"
    OR NEW."decisionDate" IS DISTINCT FROM OLD."decisionDate"
    OR NEW."basedOnId" IS DISTINCT FROM OLD."basedOnId"
    OR NEW."rebasedOntoId" IS DISTINCT FROM OLD."rebasedOntoId"
    OR NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt"
    OR (NEW."status" <> OLD."status" AND NOT (OLD."status" = 'PUBLISHED' AND NEW."status" = 'ARCHIVED'))
  ) THEN
    RAISE EXCEPTION 'cds_immutable: published version % cannot change', OLD."id" USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
