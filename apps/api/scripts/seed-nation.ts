/**
 * Seeds the whole nation for one year (benchmarks, load tests, demos at scale):
 * the base maps and national sets if missing, then rounds, assessments, values
 * and reports for every province, on the map in force on 1 January of the year
 * (up to 2025: 63 provinces, communes and districts; from 2026: 34 provinces,
 * communes). Uses DATABASE_URL, else PGlite in DATA_DIR.
 *
 *   pnpm seed:nation            # the current year
 *   pnpm seed:nation 2025       # a given year; a province with a round that year is skipped
 */
import { loadEnv } from "../src/env.ts";
import { startPlatform } from "../src/platform.ts";
import { seedBase } from "../src/seed/base.ts";
import { seedNation } from "../src/seed/nation.ts";

const arg = process.argv[2];
const year = arg ? Number(arg) : new Date().getUTCFullYear();
if (!Number.isInteger(year)) {
  console.error(`usage: seed-nation [year]   (got "${arg}")`);
  process.exit(2);
}

const env = loadEnv();
const t0 = performance.now();
const platform = await startPlatform(env);
try {
  console.log(`database: ${env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${env.DATA_DIR}`}`);
  const tb = performance.now();
  const base = await seedBase(platform.db.prisma);
  console.log(
    base.communes > 0
      ? `base map: ${base.provinces} provinces, ${base.districts} districts, ${base.communes} communes in ${((performance.now() - tb) / 1000).toFixed(1)} s`
      : "base map: already present",
  );
  const r = await seedNation(platform, { year });
  if (r.skipped.length > 0) console.log(`skipped (already have a ${year} round): ${r.skipped.join(", ")}`);
  if (r.provinces === 0) {
    console.log(`nothing to do for ${year}`);
  } else {
    console.log(
      `seeded ${year} on map ${r.mapId}: ${r.provinces} provinces, ${r.rounds} rounds, ${r.assessments.toLocaleString("en-US")} assessments, ` +
        `${r.values.toLocaleString("en-US")} values, ${r.recognised.toLocaleString("en-US")} recognised, ` +
        `${r.reports} reports (${r.lateReports} late) in ${(r.ms / 1000).toFixed(1)} s`,
    );
    console.log(
      `  phases: ${Object.entries(r.phases)
        .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
        .join(", ")}`,
    );
    console.log(
      `  by status: ${Object.entries(r.byStatus)
        .map(([s, n]) => `${s} ${n}`)
        .join(", ")}`,
    );
    console.log(`  recognised communes by level 0–5: ${r.recognisedByLevel.commune.join(" / ")}`);
    if (r.recognisedByLevel.district.some((n) => n > 0))
      console.log(`  recognised districts by level 0–5: ${r.recognisedByLevel.district.join(" / ")}`);
  }
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} finally {
  await platform.close();
}
