-- Scored indices (Bộ chỉ số) beside levels: a round says how its set judges, so a province may run the 2361 level
-- round and a scored index for the same unit kind in one year; an assessment caches its scores (self-assessed,
-- verified/appraised) and freezes the recognised one; a review comment may ask for more evidence.
ALTER TABLE "Round" ADD COLUMN "judgedBy" TEXT NOT NULL DEFAULT 'levels';
DROP INDEX "Round_tenantId_year_unitKind_key";
CREATE UNIQUE INDEX "Round_tenantId_year_unitKind_judgedBy_key" ON "Round"("tenantId", "year", "unitKind", "judgedBy");

ALTER TABLE "Assessment" ADD COLUMN "score" JSONB;
ALTER TABLE "Assessment" ADD COLUMN "selfScore" JSONB;
ALTER TABLE "Assessment" ADD COLUMN "finalScore" JSONB;

ALTER TABLE "ReviewComment" ADD COLUMN "needsEvidence" BOOLEAN NOT NULL DEFAULT false;

-- Sở, ban, ngành are a unit kind of their own (assessed by a province's scored index); a database seeded before
-- this change gets the kind here, a fresh one from the seed.
INSERT INTO "UnitKind" ("code", "name", "nameEn", "parentCode")
SELECT 'agency', 'Sở, ban, ngành', 'Agency', 'province'
 WHERE EXISTS (SELECT 1 FROM "UnitKind" WHERE "code" = 'province')
ON CONFLICT ("code") DO NOTHING;
