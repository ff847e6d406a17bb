/** The API's configuration, validated once. Nothing else reads process.env. */
import path from "node:path";
import { z } from "zod";

const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL: phải là một URL postgresql://")
    .optional()
    .describe("A PostgreSQL server; when unset the embedded PGlite in DATA_DIR is used."),
  DATA_DIR: z.string().default(path.resolve(process.cwd(), ".data")),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Session lifetime in hours. */
  SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** API-key requests allowed per key per minute. */
  API_KEY_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
});

export type Env = z.infer<typeof ZEnv>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const r = ZEnv.safeParse(source);
  if (!r.success) {
    throw new Error("Cấu hình không hợp lệ / invalid configuration:\n" + r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  return r.data;
}
