-- The national summary on a year of several maps' data: the assessments of a year's rounds counted per province by
-- status and recognised level, and a map's units of a kind counted per province. Both are read from an index alone
-- (an index-only scan once the table is vacuumed) instead of a sequential scan of every assessment of every year
-- (wide rows: effective values and evaluation) or of the units of both maps.
-- (roundId, status, recognisedLevel) serves every query (roundId, status) served, so it replaces that index.
DROP INDEX "Assessment_roundId_status_idx";
CREATE INDEX "Assessment_roundId_status_recognisedLevel_idx" ON "Assessment"("roundId", "status", "recognisedLevel");
CREATE INDEX "Unit_kindCode_mapId_tenantId_idx" ON "Unit"("kindCode", "mapId", "tenantId");
