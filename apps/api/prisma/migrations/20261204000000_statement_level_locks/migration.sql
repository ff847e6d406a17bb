-- The lock on a recognised assessment's rows (values, evidence, review comments), checked once per statement
-- over the rows it touched (transition tables) instead of once per row: the same refusal ('cds_immutable: …',
-- P0001, the statement undone), without a PL/pgSQL call and a lookup for each of an import's 20,000 rows.
-- An UPDATE is checked against the assessment a row belonged to and the one it belongs to now.
CREATE FUNCTION cds_children_locked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
  aid text;
BEGIN
  -- Only the transition tables the firing trigger declares are read (PL/pgSQL plans a statement when it runs).
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n."assessmentId") INTO ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o."assessmentId") INTO ids FROM old_rows o;
  ELSE
    SELECT array_agg(x.id) INTO ids
      FROM (SELECT o."assessmentId" AS id FROM old_rows o UNION SELECT n."assessmentId" FROM new_rows n) x;
  END IF;
  SELECT a."id" INTO aid FROM "Assessment" a WHERE a."status" = 'RECOGNISED' AND a."id" = ANY (ids) LIMIT 1;
  IF aid IS NOT NULL THEN
    RAISE EXCEPTION 'cds_immutable: recognised assessment % is locked', aid USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER "IndicatorValue_locked" ON "IndicatorValue";
DROP TRIGGER "Evidence_locked" ON "Evidence";
DROP TRIGGER "ReviewComment_locked" ON "ReviewComment";
DROP FUNCTION cds_assessment_child_locked();

CREATE TRIGGER "IndicatorValue_locked_insert" AFTER INSERT ON "IndicatorValue" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cds_children_locked();
CREATE TRIGGER "IndicatorValue_locked_update" AFTER UPDATE ON "IndicatorValue"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cds_children_locked();
CREATE TRIGGER "IndicatorValue_locked_delete" AFTER DELETE ON "IndicatorValue" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cds_children_locked();

CREATE TRIGGER "Evidence_locked_insert" AFTER INSERT ON "Evidence" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cds_children_locked();
CREATE TRIGGER "Evidence_locked_update" AFTER UPDATE ON "Evidence"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cds_children_locked();
CREATE TRIGGER "Evidence_locked_delete" AFTER DELETE ON "Evidence" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cds_children_locked();

CREATE TRIGGER "ReviewComment_locked_insert" AFTER INSERT ON "ReviewComment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cds_children_locked();
CREATE TRIGGER "ReviewComment_locked_update" AFTER UPDATE ON "ReviewComment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cds_children_locked();
CREATE TRIGGER "ReviewComment_locked_delete" AFTER DELETE ON "ReviewComment" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cds_children_locked();
