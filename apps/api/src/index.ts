/**
 * Starts the platform: takes the data directory's lock (embedded database),
 * migrates and (on first start) seeds the database, then listens. SIGTERM or
 * SIGINT stops it gracefully: no new connections, requests in flight finish
 * (10 s at most), the database closes, the lock is released, exit 0.
 */
import { DataDirLockedError } from "./data-lock.ts";
import { loadEnv } from "./env.ts";
import { listen } from "./http.ts";
import { createLogger } from "./log.ts";
import { startPlatform } from "./platform.ts";
import { seedBase } from "./seed/base.ts";
import { DEMO_USERS, seedDemo } from "./seed/demo.ts";

const SHUTDOWN_GRACE_MS = 10_000;

const env = loadEnv();
const log = createLogger({ level: env.LOG_LEVEL });
const t0 = Date.now();

// startPlatform takes the data directory's lock before it opens the embedded database.
const platform = await startPlatform(env, { log, jobs: true }).catch(async (e: unknown) => {
  if (!(e instanceof DataDirLockedError)) throw e;
  // Said plainly on stderr for the person at the terminal, and as a log line for the supervisor.
  process.stderr.write(`${e.message}\n`);
  log.fatal({ dataDir: e.dataDir, ownerPid: e.ownerPid }, e.message);
  await new Promise<void>((resolve) => log.flush(() => resolve()));
  process.exit(2);
});
const where = env.DATABASE_URL
  ? `PostgreSQL (DATABASE_URL${env.DATABASE_READ_URL ? "; aggregate reads: DATABASE_READ_URL" : ""})`
  : `PGlite in ${env.DATA_DIR}`;
log.info({ mode: env.NODE_ENV }, `Cơ sở dữ liệu / database: ${where}`);
log.info(
  env.smtp
    ? `Thư thông báo / notification email: SMTP ${env.smtp.host}:${env.smtp.port}`
    : "Thư thông báo: chưa cấu hình SMTP_HOST, chỉ dùng hộp thư trong ứng dụng / no SMTP_HOST: in-app inbox only",
);
const base = await seedBase(platform.db.prisma);
if (base.communes > 0)
  log.info(`Đã nạp bản đồ hành chính: ${base.provinces} tỉnh, ${base.districts} huyện, ${base.communes} xã`);
const demo = await seedDemo(platform);
if (demo.created) log.info(`Đã tạo dữ liệu mẫu: ${demo.summary}`);

const http = await listen(platform, { host: env.HOST, port: env.PORT });
log.info({ url: http.url }, `Sẵn sàng sau ${((Date.now() - t0) / 1000).toFixed(1)} s / ready`);
log.info(`Cổng đánh giá / portal: ${http.url}/`);
log.info(`Quản trị / admin: ${http.url}/admin/`);
log.info(`GraphiQL: ${http.url}/graphql`);
log.info(
  { demoUsers: DEMO_USERS.map((u) => `${u.email} — ${u.description}`) },
  "Tài khoản mẫu / demo users (mật khẩu / password: demo1234)",
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "Đang dừng / shutting down");
  let code = 0;
  try {
    await http.close(SHUTDOWN_GRACE_MS);
    await platform.close(); // and releases the data directory's lock
  } catch (err) {
    log.error({ err }, "shutdown failed");
    code = 1;
  }
  log.info("Đã dừng / stopped");
  log.flush(() => process.exit(code));
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
