/**
 * The HTTP front: /graphql → yoga; /evidence/<id> → an evidence file for those
 * who may see it; /admin/… → the admin app; anything else → the portal (both
 * single-page apps, built by Vite, served with an index.html fallback).
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createContext } from "./context.ts";
import type { Platform } from "./platform.ts";
import { can } from "./services/access.ts";
import { unitRef } from "./services/assessments.ts";
import { MAX_JSON_BYTES, MAX_MULTIPART_BYTES } from "./yoga.ts";

const appsDir = fileURLToPath(new URL("../../", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

function serveStatic(root: string, rel: string, res: ServerResponse): boolean {
  const index = path.join(root, "index.html");
  if (!existsSync(index)) return false;
  const file = path.normalize(path.join(root, rel));
  const target = file.startsWith(root) && existsSync(file) && statSync(file).isFile() ? file : index;
  const ext = path.extname(target);
  res.writeHead(200, {
    "content-type": TYPES[ext] ?? "application/octet-stream",
    // Hashed assets never change; index.html always revalidates.
    "cache-control": target.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
  });
  createReadStream(target).pipe(res);
  return true;
}

function tooLarge(res: ServerResponse): void {
  res
    .writeHead(413, { "content-type": "application/json" })
    .end(JSON.stringify({ errors: [{ message: "Yêu cầu quá lớn / request too large", extensions: { code: "PAYLOAD_TOO_LARGE" } }] }));
}

async function boundedGraphql(platform: Platform, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const limit = (req.headers["content-type"] ?? "").startsWith("multipart/") ? MAX_MULTIPART_BYTES : MAX_JSON_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      tooLarge(res);
      req.destroy();
      return;
    }
    chunks.push(chunk as Buffer);
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const response = await platform.app.fetch(new Request(url, { method: "POST", headers, body: Buffer.concat(chunks) }));
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => {
    if (k !== "set-cookie") out[k] = v;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) out["set-cookie"] = cookies;
  res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
}

export function createHttpHandler(platform: Platform) {
  const adminDist = path.join(appsDir, "admin", "dist");
  const portalDist = path.join(appsDir, "portal", "dist");
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/graphql" || url.pathname.startsWith("/graphql/")) {
      // A body without a length (chunked) is read here under the same limit the yoga plugin applies to declared lengths.
      if (req.method === "POST" && req.headers["content-length"] === undefined) return boundedGraphql(platform, req, res, url);
      return platform.app(req, res);
    }
    const ev = url.pathname.match(/^\/evidence\/([A-Za-z0-9_-]+)$/);
    if (ev) {
      const request = new Request(url, { headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])) });
      const ctx = await createContext(platform.services, request).catch(() => null);
      const row = await platform.db.prisma.evidence.findUnique({ where: { id: ev[1]! }, include: { assessment: { include: { unit: true } } } });
      if (!ctx || !row || !can.readUnit(ctx.viewer, unitRef(row.assessment))) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Không tìm thấy / not found");
        return;
      }
      const bytes = await platform.services.evidence.get(row.storageKey);
      res
        .writeHead(200, {
          "content-type": row.mimeType,
          "content-length": bytes.byteLength,
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
          "x-content-type-options": "nosniff",
        })
        .end(bytes);
      return;
    }
    if (url.pathname === "/admin" || url.pathname.startsWith("/admin/")) {
      if (serveStatic(adminDist, url.pathname.slice("/admin".length) || "/", res)) return;
    } else if (serveStatic(portalDist, url.pathname, res)) return;
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Chưa build giao diện (pnpm build) / web apps not built");
  };
}
