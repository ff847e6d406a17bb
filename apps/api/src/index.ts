/** Starts the platform: migrates and (on first start) seeds the database, then listens. */
import { createServer } from "node:http";
import { loadEnv } from "./env.ts";
import { createHttpHandler } from "./http.ts";
import { startPlatform } from "./platform.ts";
import { seedBase } from "./seed/base.ts";
import { DEMO_USERS, seedDemo } from "./seed/demo.ts";

const env = loadEnv();
const t0 = Date.now();
const platform = await startPlatform(env);
const where = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${env.DATA_DIR}`;
console.log(`Cơ sở dữ liệu / database: ${where}`);
const base = await seedBase(platform.db.prisma);
if (base.communes > 0) console.log(`Đã nạp bản đồ hành chính: ${base.provinces} tỉnh, ${base.districts} huyện, ${base.communes} xã`);
const demo = await seedDemo(platform);
if (demo.created) console.log(`Đã tạo dữ liệu mẫu: ${demo.summary}`);

const server = createServer(createHttpHandler(platform));
server.listen(env.PORT, env.HOST, () => {
  const url = `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`;
  console.log(`\nSẵn sàng sau ${((Date.now() - t0) / 1000).toFixed(1)} s / ready.`);
  console.log(`Cổng đánh giá / portal:  ${url}/`);
  console.log(`Quản trị / admin:        ${url}/admin/`);
  console.log(`GraphiQL:                ${url}/graphql`);
  console.log("\nTài khoản mẫu / demo users (mật khẩu / password: demo1234):");
  for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(34)} ${u.description}`);
});

async function shutdown() {
  server.close();
  await platform.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
