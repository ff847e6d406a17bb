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
  /** pino level of the JSON logs on stdout; default info, warn under NODE_ENV=test (no line per request in test output). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** Session lifetime in hours. */
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Reverse proxies in front of the API that append to x-forwarded-for (0 = none: the socket address is the client). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
  /** API-key requests allowed per key per minute. */
  API_KEY_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
});

type Parsed = z.infer<typeof ZEnv>;
export type Env = Parsed & { LOG_LEVEL: NonNullable<Parsed["LOG_LEVEL"]> };

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const r = ZEnv.safeParse(source);
  if (!r.success) {
    throw new Error(
      "Cấu hình không hợp lệ / invalid configuration:\n" +
        r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n"),
    );
  }
  return { ...r.data, LOG_LEVEL: r.data.LOG_LEVEL ?? (r.data.NODE_ENV === "test" ? "warn" : "info") };
}
