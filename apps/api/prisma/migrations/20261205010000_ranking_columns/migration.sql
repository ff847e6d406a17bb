-- What a ranking reads of a score — the total (rounded, its text, its exact value), the level from the score bands,
-- and each top group's index (the main indices: code, index, its text, its exact value) — kept by the database
-- beside the score whenever the score is written. A national ranking reads 3,321 of these small objects instead of
-- detoasting and cutting every whole score (47 components, every group's points and names).
-- IMMUTABLE is true here: the result depends on the argument alone (jsonb in, jsonb out; no time zone, no locale).
CREATE FUNCTION cds_rank_part(s jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN s IS NULL THEN NULL ELSE jsonb_build_object(
    'score', s->'score', 'scoreText', s->'scoreText', 'exact', s->'exact', 'level', s->'level',
    'groups', COALESCE((SELECT jsonb_agg(jsonb_build_object('code', g->'code', 'index', g->'index',
                                                             'indexText', g->'indexText', 'indexExact', g->'indexExact'))
                          FROM jsonb_array_elements(s->'groups') g
                         WHERE (g->>'parent') IS NULL), '[]'::jsonb)) END
$$;

ALTER TABLE "Assessment"
  ADD COLUMN "rankScore" JSONB GENERATED ALWAYS AS (cds_rank_part(score)) STORED,
  ADD COLUMN "finalRankScore" JSONB GENERATED ALWAYS AS (cds_rank_part("finalScore")) STORED;
