-- Immutability enforced by the database, so no code path (API, script, console) can break it.

-- Audit events are append-only.
CREATE FUNCTION cds_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'cds_immutable: audit events are append-only' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION cds_audit_append_only();

-- A published (or archived) version keeps its document, version and decision forever;
-- only the move PUBLISHED -> ARCHIVED is allowed.
CREATE FUNCTION cds_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
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
    OR NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt"
    OR (NEW."status" <> OLD."status" AND NOT (OLD."status" = 'PUBLISHED' AND NEW."status" = 'ARCHIVED'))
  ) THEN
    RAISE EXCEPTION 'cds_immutable: published version % cannot change', OLD."id" USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "CriteriaSetVersion_immutable" BEFORE UPDATE OR DELETE ON "CriteriaSetVersion"
  FOR EACH ROW EXECUTE FUNCTION cds_version_immutable();

-- A recognised assessment is locked: neither it nor its values, evidence or comments change.
CREATE FUNCTION cds_assessment_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" = 'RECOGNISED' THEN
    RAISE EXCEPTION 'cds_immutable: recognised assessment % is locked', OLD."id" USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Assessment_locked" BEFORE UPDATE OR DELETE ON "Assessment"
  FOR EACH ROW EXECUTE FUNCTION cds_assessment_locked();

CREATE FUNCTION cds_assessment_child_locked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  aid text;
BEGIN
  IF TG_OP = 'DELETE' THEN aid := OLD."assessmentId"; ELSE aid := NEW."assessmentId"; END IF;
  IF EXISTS (SELECT 1 FROM "Assessment" WHERE "id" = aid AND "status" = 'RECOGNISED') THEN
    RAISE EXCEPTION 'cds_immutable: recognised assessment % is locked', aid USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "IndicatorValue_locked" BEFORE INSERT OR UPDATE OR DELETE ON "IndicatorValue"
  FOR EACH ROW EXECUTE FUNCTION cds_assessment_child_locked();
CREATE TRIGGER "Evidence_locked" BEFORE INSERT OR UPDATE OR DELETE ON "Evidence"
  FOR EACH ROW EXECUTE FUNCTION cds_assessment_child_locked();
CREATE TRIGGER "ReviewComment_locked" BEFORE INSERT OR UPDATE OR DELETE ON "ReviewComment"
  FOR EACH ROW EXECUTE FUNCTION cds_assessment_child_locked();
