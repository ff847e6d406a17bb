/**
 * Starts the platform as `pnpm start` does — the API serving the built admin
 * and portal — on a fresh embedded database in a temporary directory, seeded,
 * on an ephemeral loopback port, sending email to an SMTP server of its own. Tests get its URL and where the
 * email arrives.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { loadEnv } from "@cds/api/src/env.ts";
import { createHttpHandler } from "@cds/api/src/http.ts";
import { startPlatform } from "@cds/api/src/platform.ts";
import { seedBase } from "@cds/api/src/seed/base.ts";
import { seedDemo } from "@cds/api/src/seed/demo.ts";
import { startMailServer } from "@cds/api/src/testing/mail-sink.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** Where the tests' SMTP server writes each email it receives (a JSON file: to, subject, text). */
    mailDir: string;
  }
}

const apps = fileURLToPath(new URL("../../apps/", import.meta.url));

export default async function setup(project: TestProject) {
  for (const app of ["admin", "portal"]) {
    if (!existsSync(path.join(apps, app, "dist", "index.html"))) {
      throw new Error(`apps/${app}/dist is missing: build it first (pnpm test builds it through turbo)`);
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "cds-e2e-"));
  // Email goes to an SMTP server in this process: the tests read what reached it.
  const mailDir = mkdtempSync(path.join(tmpdir(), "cds-e2e-mail-"));
  const mail = await startMailServer({ dir: mailDir });
  const env = loadEnv({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(mail.port),
    SMTP_IGNORE_TLS: "true",
  });
  const platform = await startPlatform(env);
  await seedBase(platform.db.prisma);
  await seedDemo(platform, { layout: "three-tier-fixture" });
  const server: Server = createServer(createHttpHandler(platform));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  project.provide("baseUrl", `http://127.0.0.1:${port}`);
  project.provide("mailDir", mailDir);
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    await platform.close();
    await mail.close();
  };
}
