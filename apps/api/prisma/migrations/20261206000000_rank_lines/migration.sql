-- What a ranking reads of a score, kept by the database as one short line of text instead of a JSON object
-- (rankScore / finalRankScore, migration 20261205010000): a national ranking reads 3,321 of them and last year's
-- as many, and the server printed each JSON object back to text (~30 ms a round) for the API to parse it again
-- (~25 ms). The line is a quarter of the object's size and costs neither.
--
--   <scoreText>|<exact numerator>/<exact denominator>|<level, empty when none>|<main indices>
--   main indices: <code>:<indexText>:<numerator>/<denominator>, comma-separated in the set's order; indexText and
--   its exact value empty when nothing in the group applies.
--   e.g. 768.54|24352981581652102454117106227/31687530496684433824779144||NTS:0.5625:9/16,TCS:0.6354:406/639
--
-- Nothing in it can hold a separator: codes are [A-Z][A-Z0-9]*, texts and exact values are numbers. The API reads
-- it with `parseRankLine` (src/services/rankings.ts); the score and each index are the numbers their texts print
-- (criteria-core rounds once and prints that rounding).
-- IMMUTABLE is true here: the result depends on the argument alone (jsonb in, text out; no time zone, no locale).
CREATE FUNCTION cds_rank_line(s jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN s IS NULL THEN NULL ELSE concat_ws('|',
    s->>'scoreText',
    coalesce((s->'exact'->>'numerator') || '/' || (s->'exact'->>'denominator'), ''),
    coalesce(s->>'level', ''),
    coalesce((SELECT string_agg(concat(g->>'code', ':', g->>'indexText', ':',
                                       (g->'indexExact'->>'numerator') || '/' || (g->'indexExact'->>'denominator')),
                                ',' ORDER BY i)
                FROM jsonb_array_elements(s->'groups') WITH ORDINALITY AS e(g, i)
               WHERE (g->>'parent') IS NULL), '')) END
$$;

ALTER TABLE "Assessment"
  DROP COLUMN "rankScore",
  DROP COLUMN "finalRankScore",
  ADD COLUMN "rankLine" TEXT GENERATED ALWAYS AS (cds_rank_line(score)) STORED,
  ADD COLUMN "finalRankLine" TEXT GENERATED ALWAYS AS (cds_rank_line("finalScore")) STORED;

DROP FUNCTION cds_rank_part(jsonb);
