// Runs the API suite a second time on a PostgreSQL server (TEST_DATABASE_URL).
// CI must have one; elsewhere the pass is skipped with a message, never silently.
import { spawnSync } from "node:child_process";

if (!process.env.TEST_DATABASE_URL) {
  if (process.env.CI) {
    console.error("TEST_DATABASE_URL is not set: CI must run the API suite on PostgreSQL too (.ci/run sets it).");
    process.exit(1);
  }
  console.log("PostgreSQL pass skipped: set TEST_DATABASE_URL=postgresql://user:pass@host:5432/postgres to run it.");
  process.exit(0);
}
console.log(`== API suite on PostgreSQL (${new URL(process.env.TEST_DATABASE_URL).host})`);
// The suite reads CDS_TEST_POSTGRES_URL, never TEST_DATABASE_URL, so the first (PGlite) pass stays on PGlite.
const r = spawnSync("vitest", ["run"], {
  stdio: "inherit",
  shell: true,
  env: { ...process.env, CDS_TEST_POSTGRES_URL: process.env.TEST_DATABASE_URL },
});
process.exit(r.status ?? 1);
