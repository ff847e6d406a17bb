/**
 * /robots.txt as a crawler gets it: the portal's public/robots.txt (Vite
 * copies it to the root of dist/) served by the API's HTTP front as
 * text/plain, not as the single-page app's index.html.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type HttpServer } from "../http.ts";
import { setupApi, type TestApi } from "../testing/harness.ts";

const robots = fileURLToPath(new URL("../../../portal/public/robots.txt", import.meta.url));
let api: TestApi;
let http: HttpServer;

beforeAll(async () => {
  api = await setupApi();
  // A built portal as Vite lays it out: index.html and the public/ files at the root.
  const dist = mkdtempSync(path.join(tmpdir(), "cds-portal-dist-"));
  writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>portal</title>");
  copyFileSync(robots, path.join(dist, "robots.txt"));
  const admin = path.join(dist, "admin-dist");
  mkdirSync(admin);
  writeFileSync(path.join(admin, "index.html"), "<!doctype html><title>admin</title>");
  http = await listen(api.platform, { host: "127.0.0.1", port: 0 }, { staticRoots: { portal: dist, admin } });
});
afterAll(async () => {
  await http?.close(100);
  await api?.close();
});

describe("robots.txt", () => {
  it("is served at /robots.txt as text/plain, byte for byte the portal's public/robots.txt", async () => {
    const r = await fetch(`${http.url}/robots.txt`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await r.text()).toBe(readFileSync(robots, "utf8"));
  });
});
