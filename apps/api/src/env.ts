/** The API's configuration, validated once. Nothing else reads process.env. */
import path from "node:path";
import { z } from "zod";

const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL: phải là một URL postgresql://")
    .optional()
    .describe("A PostgreSQL server; when unset the embedded PGlite in DATA_DIR is used."),
  /** A read replica of DATABASE_URL for the aggregate reads (national summary, rankings); unset = the primary. */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_READ_URL: phải là một URL postgresql://")
    .optional(),
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
  /** Mail server for notifications; unset = notifications stay in the in-app inbox only. */
  SMTP_HOST: z.string().trim().min(1).optional(),
  SMTP_PORT: z.coerce
    .number({ message: "phải là số cổng 1–65535 / must be a port number 1–65535" })
    .int("phải là số cổng 1–65535 / must be a port number 1–65535")
    .min(1, "phải là số cổng 1–65535 / must be a port number 1–65535")
    .max(65535, "phải là số cổng 1–65535 / must be a port number 1–65535")
    .optional(),
  /** Sender of notification emails, e.g. `"Sở KH&CN Ninh Bình" <no-reply@ninhbinh.gov.vn>`. */
  SMTP_FROM: z
    .string()
    .trim()
    .regex(/^[^@\s<>]+@[^@\s<>]+$|<[^@\s<>]+@[^@\s<>]+>$/, "phải là một địa chỉ email / must be an email address")
    .optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** TLS from the first byte (port 465); default: true on port 465, else plain with STARTTLS when the server offers it. */
  SMTP_SECURE: z.enum(["true", "false"], { message: "phải là true hoặc false / must be true or false" }).optional(),
  /** Never upgrade to TLS with STARTTLS (a local relay, or the in-process server of the tests). */
  SMTP_IGNORE_TLS: z.enum(["true", "false"], { message: "phải là true hoặc false / must be true or false" }).optional(),
});

/** The mail settings once read: present only when SMTP_HOST is set. */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  ignoreTLS: boolean;
  from: string;
  auth: { user: string; pass: string } | null;
}

/** What an unset SMTP_FROM sends as. */
export const DEFAULT_SMTP_FROM = '"Đánh giá chuyển đổi số" <no-reply@localhost>';

function smtpSettings(e: z.infer<typeof ZEnv>): { smtp: SmtpSettings | null; issues: string[] } {
  const issues: string[] = [];
  if (!e.SMTP_HOST) {
    const stray = (
      ["SMTP_PORT", "SMTP_FROM", "SMTP_USER", "SMTP_PASSWORD", "SMTP_SECURE", "SMTP_IGNORE_TLS"] as const
    ).filter((k) => e[k] !== undefined);
    if (stray.length > 0)
      issues.push(
        `  SMTP_HOST: cần đặt khi có ${stray.join(", ")} (không có SMTP_HOST thì chỉ dùng hộp thư trong ứng dụng) / required when ${stray.join(", ")} is set (without SMTP_HOST notifications stay in the in-app inbox)`,
      );
    return { smtp: null, issues };
  }
  if (e.SMTP_USER && !e.SMTP_PASSWORD) issues.push("  SMTP_PASSWORD: cần đặt cùng SMTP_USER / required with SMTP_USER");
  if (e.SMTP_PASSWORD && !e.SMTP_USER)
    issues.push("  SMTP_USER: cần đặt cùng SMTP_PASSWORD / required with SMTP_PASSWORD");
  const port = e.SMTP_PORT ?? 25;
  return {
    smtp: {
      host: e.SMTP_HOST,
      port,
      secure: e.SMTP_SECURE ? e.SMTP_SECURE === "true" : port === 465,
      ignoreTLS: e.SMTP_IGNORE_TLS === "true",
      from: e.SMTP_FROM ?? DEFAULT_SMTP_FROM,
      auth: e.SMTP_USER && e.SMTP_PASSWORD ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD } : null,
    },
    issues,
  };
}

type Parsed = z.infer<typeof ZEnv>;
export type Env = Parsed & {
  LOG_LEVEL: NonNullable<Parsed["LOG_LEVEL"]>;
  /** Email for notifications; null = inbox only (no SMTP_HOST). */
  smtp: SmtpSettings | null;
};

/** An empty mail variable (`SMTP_HOST=` in an env file) is an unset one. */
function withoutEmptySmtp(source: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).filter(([k, v]) => !(k.startsWith("SMTP_") && v?.trim() === "")));
}

function invalid(lines: string[]): never {
  throw new Error("Cấu hình không hợp lệ / invalid configuration:\n" + lines.join("\n"));
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const r = ZEnv.safeParse(withoutEmptySmtp(source));
  if (!r.success) invalid(r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`));
  const { smtp, issues } = smtpSettings(r.data);
  if (r.data.DATABASE_READ_URL && !r.data.DATABASE_URL)
    issues.unshift(
      "  DATABASE_READ_URL: cần đặt cùng DATABASE_URL (bản sao chỉ đọc của máy chủ PostgreSQL) / requires DATABASE_URL (a read replica of the PostgreSQL server)",
    );
  if (issues.length > 0) invalid(issues);
  return { ...r.data, LOG_LEVEL: r.data.LOG_LEVEL ?? (r.data.NODE_ENV === "test" ? "warn" : "info"), smtp };
}
