/**
 * Prints the statements that place every table on a Citus cluster (src/sharding.ts), to run once on the
 * coordinator after the migrations: `pnpm --filter @cds/api exec tsx scripts/citus-sql.ts | psql "$DATABASE_URL"`.
 */
import { citusStatements } from "../src/sharding.ts";

process.stdout.write(`${citusStatements().join("\n")}\n`);
