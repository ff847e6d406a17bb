/**
 * The HTTP front: /graphql → yoga; /evidence/<id> → an evidence file for those
 * who may see it; /templates/assessment/<id>.xlsx → the values template of an
 * assessment for those who may read its working data; /health and /ready for
 * the platform's supervisor; /admin/… → the admin app; anything else → the
 * portal (both single-page apps, built by Vite, served with an index.html
 * fallback).
 *
 * Every response carries the security headers and an x-request-id, and is
 * logged as one JSON line; GraphQL and static responses are compressed (br or
 * gzip, as the client accepts), static files compressed once and kept in memory.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import { createContext } from "./context.ts";
import { documentRoute } from "./documents.ts";
import { GRAPHIQL_ASSETS_PATH, GRAPHIQL_CSP, graphiqlAsset } from "./graphiql.ts";
import { requestScope, type Logger, type RequestScope } from "./log.ts";
import type { Platform } from "./platform.ts";
import { can } from "./services/access.ts";
import { unitRef } from "./services/assessments.ts";
import { assessmentTemplate } from "./services/values-import.ts";
import { decodeId } from "./schema/criteria-set.ts";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "./services/auth.ts";
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
  // robots.txt (portal public/): crawlers expect text/plain.
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The apps' policy: only this origin. The exceptions, each needed by the admin app's
 * Monaco editor (checked in Chromium):
 * - style-src 'unsafe-inline': Monaco writes <style> elements (decorations, theme colours,
 *   font metrics) and style="" attributes at run time; it has no nonce option for them.
 * - worker-src 'self': its editor and JSON workers are bundled files of this origin.
 * - img-src data:: SVG icons that Monaco's stylesheet inlines as data: URLs.
 * Scripts: 'self' only, no inline script, no eval. (zod 4 in the set editor tries `Function("")` once to
 * see whether it may compile validators; the browser reports that as a violation and zod falls back.)
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** An uploaded file is data, never a page: nothing in it may run, even if a browser is made to render it. */
const EVIDENCE_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

function securityHeaders(res: ServerResponse, csp = APP_CSP): void {
  res.setHeader("content-security-policy", csp);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "strict-origin-when-cross-origin");
  res.setHeader("x-frame-options", "DENY");
}

// ---- compression ----------------------------------------------------------

type Encoding = "br" | "gzip";
const MIN_COMPRESS_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The best encoding the Accept-Encoding header allows (q=0 refuses), br first. */
export function negotiateEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q.set(name!.trim(), qp ? Number(qp.slice(2)) : 1);
  }
  const accepts = (enc: Encoding) => (q.get(enc) ?? (q.has(enc) ? 0 : (q.get("*") ?? 0))) > 0;
  return accepts("br") ? "br" : accepts("gzip") ? "gzip" : null;
}

/** Text compresses; images, fonts (woff2 is brotli already) and archives do not. */
const compressible = (type: string) =>
  /^(text\/|application\/(json|graphql-response\+json|javascript|xml)|image\/svg\+xml)/.test(type);

/** Static files: the best brotli once (level 11 takes 11 s on Monaco's 4 MB, level 9 about 1 s for 10 % more bytes), kept. */
function compressOnce(body: Buffer, enc: Encoding): Promise<Buffer> {
  if (enc === "gzip") return gzipAsync(body, { level: 9 });
  const quality = body.length > 512 * 1024 ? 9 : 11;
  return brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
}

/** A dynamic response (GraphQL): fast settings, it is compressed for every request. */
function compressFast(body: Buffer, enc: Encoding): Promise<Buffer> {
  if (enc === "gzip") return gzipAsync(body, { level: 6 });
  return brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
}

/** Sends a body compressed when the client accepts it and it is worth it. */
async function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  body: Buffer,
  compress: (enc: Encoding) => Promise<Buffer> = (enc) => compressFast(body, enc),
): Promise<void> {
  res.setHeader("content-type", type);
  let out = body;
  if (compressible(type)) {
    res.setHeader("vary", "accept-encoding");
    const enc = body.length >= MIN_COMPRESS_BYTES ? negotiateEncoding(req.headers["accept-encoding"]) : null;
    if (enc) {
      out = await compress(enc);
      res.setHeader("content-encoding", enc);
    }
  }
  res.setHeader("content-length", out.length);
  res.writeHead(status).end(req.method === "HEAD" ? undefined : out);
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): Promise<void> {
  return sendBody(req, res, status, "application/json; charset=utf-8", Buffer.from(JSON.stringify(value)));
}

// ---- static files ---------------------------------------------------------

interface CachedFile {
  mtimeMs: number;
  size: number;
  type: string;
  body: Buffer;
  etag: string;
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

/** Files read once and compressed once per encoding; a rebuilt file (new mtime or size) is read again. */
function fileCache() {
  const files = new Map<string, CachedFile>();
  return (file: string, type: string): CachedFile => {
    const st = statSync(file);
    const hit = files.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
    const entry: CachedFile = {
      mtimeMs: st.mtimeMs,
      size: st.size,
      type,
      body: readFileSync(file),
      etag: `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`,
      encoded: {},
    };
    files.set(file, entry);
    return entry;
  };
}

async function sendCached(
  req: IncomingMessage,
  res: ServerResponse,
  f: Pick<CachedFile, "type" | "body" | "etag" | "encoded">,
  cacheControl: string,
) {
  res.setHeader("cache-control", cacheControl);
  res.setHeader("etag", f.etag);
  if (req.headers["if-none-match"] === f.etag) {
    if (compressible(f.type)) res.setHeader("vary", "accept-encoding");
    res.writeHead(304).end();
    return;
  }
  await sendBody(req, res, 200, f.type, f.body, (enc) => (f.encoded[enc] ??= compressOnce(f.body, enc)));
}

export interface StaticRoots {
  admin: string;
  portal: string;
}

export interface HttpOptions {
  /** The built web apps (default apps/admin/dist and apps/portal/dist). */
  staticRoots?: StaticRoots;
  /** Default: the platform's logger. */
  log?: Logger;
}

// ---- the handler ----------------------------------------------------------

function tooLarge(req: IncomingMessage, res: ServerResponse): Promise<void> {
  return sendJson(req, res, 413, {
    errors: [{ message: "Yêu cầu quá lớn / request too large", extensions: { code: "PAYLOAD_TOO_LARGE" } }],
  });
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  // The body is handed over decoded and whole.
  headers.delete("transfer-encoding");
  return headers;
}

/** A request id from a proxy is kept when it is a plain token (it goes into logs and a header). */
const requestIdOf = (req: IncomingMessage) => {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
};

export function createHttpHandler(platform: Platform, opts: HttpOptions = {}) {
  const log = opts.log ?? platform.log;
  const roots = opts.staticRoots ?? {
    admin: path.join(appsDir, "admin", "dist"),
    portal: path.join(appsDir, "portal", "dist"),
  };
  const cached = fileCache();
  const graphiqlFiles = new Map<string, Promise<(CachedFile & { name: string }) | null>>();

  function serveStatic(root: string, rel: string, req: IncomingMessage, res: ServerResponse): Promise<void> | null {
    const index = path.join(root, "index.html");
    let target = index;
    try {
      const file = path.normalize(path.join(root, rel));
      if (file.startsWith(root + path.sep) && statSync(file).isFile()) target = file;
    } catch {
      // not a file: the single-page app's index answers
    }
    let f: CachedFile;
    try {
      f = cached(target, TYPES[path.extname(target)] ?? "application/octet-stream");
    } catch {
      return null; // not built
    }
    // Hashed assets never change; index.html always revalidates.
    const immutable = target.startsWith(path.join(root, "assets") + path.sep);
    return sendCached(req, res, f, immutable ? "public, max-age=31536000, immutable" : "no-cache");
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let body: ReturnType<typeof Buffer.concat> | undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      const limit = (req.headers["content-type"] ?? "").startsWith("multipart/") ? MAX_MULTIPART_BYTES : MAX_JSON_BYTES;
      // Declared too large: refused unread. Undeclared (chunked): counted as it comes.
      if (Number(req.headers["content-length"] ?? 0) > limit) return tooLarge(req, res);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > limit) {
          await tooLarge(req, res);
          req.destroy();
          return;
        }
        chunks.push(chunk as Buffer);
      }
      body = Buffer.concat(chunks);
    }
    const response = await platform.app.fetch(
      new Request(url, { method: req.method, headers: requestHeaders(req), body }),
    );
    response.headers.forEach((v, k) => {
      if (k !== "set-cookie" && k !== "content-length" && k !== "content-encoding") res.setHeader(k, v);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) res.setHeader("set-cookie", cookies);
    const type = response.headers.get("content-type") ?? "application/json";
    // GraphiQL's page loads only its own same-origin bundle.
    if (type.startsWith("text/html")) res.setHeader("content-security-policy", GRAPHIQL_CSP);
    await sendBody(req, res, response.status, type, Buffer.from(await response.arrayBuffer()));
  }

  async function graphiqlFile(req: IncomingMessage, res: ServerResponse, name: string): Promise<boolean> {
    if (!graphiqlFiles.has(name)) {
      graphiqlFiles.set(
        name,
        graphiqlAsset(name).then(
          (a) =>
            a && {
              name,
              type: a.type,
              body: a.body,
              etag: `W/"graphiql-${name}-${a.body.length}"`,
              encoded: {},
              mtimeMs: 0,
              size: a.body.length,
            },
        ),
      );
    }
    const f = await graphiqlFiles.get(name)!;
    if (!f) return false;
    await sendCached(req, res, f, "no-cache");
    return true;
  }

  async function evidence(req: IncomingMessage, res: ServerResponse, url: URL, id: string): Promise<void> {
    const request = new Request(url, { headers: requestHeaders(req) });
    const ctx = await createContext(platform.services, request).catch(() => null);
    const row = await platform.db.prisma.evidence.findUnique({
      where: { id },
      include: { assessment: { include: { unit: true } } },
    });
    if (!ctx || !row || !can.readUnit(ctx.viewer, unitRef(row.assessment)))
      return notFound(res, "Không tìm thấy / not found");
    const bytes = await platform.services.evidence.get(row.storageKey);
    res.setHeader("content-security-policy", EVIDENCE_CSP);
    res
      .writeHead(200, {
        "content-type": row.mimeType,
        "content-length": bytes.byteLength,
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
      })
      .end(bytes);
  }

  /** The values template of an assessment's pinned set for its unit (Excel in), for those who may read its working data. */
  async function assessmentTemplateFile(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    rawId: string,
  ): Promise<void> {
    const request = new Request(url, { headers: requestHeaders(req) });
    const ctx = await createContext(platform.services, request).catch(() => null);
    let id: string;
    try {
      id = decodeId(decodeURIComponent(rawId), "Assessment");
    } catch {
      return notFound(res, "Không tìm thấy / not found");
    }
    const t = ctx && (await assessmentTemplate(platform.db.prisma, ctx.viewer, id));
    if (!t) return notFound(res, "Không tìm thấy / not found");
    res.setHeader("content-security-policy", EVIDENCE_CSP);
    res
      .writeHead(200, {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-length": t.bytes.byteLength,
        "cache-control": "private, no-store",
        "content-disposition": `attachment; filename="${t.asciiName}"; filename*=UTF-8''${encodeURIComponent(t.fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      })
      .end(t.bytes);
  }

  function notFound(res: ServerResponse, text: string): void {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(text);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Always overwritten, so a client cannot choose the address the sign-in throttle counts.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(
      req.socket.remoteAddress,
      req.headers["x-forwarded-for"],
      platform.services.env.TRUST_PROXY,
    );
    const url = new URL(req.url ?? "/", "http://localhost");
    const p = url.pathname;
    if (p === "/health") return sendJson(req, res, 200, { status: "ok" });
    if (p === "/ready") {
      const r = await platform.readiness();
      return sendJson(
        req,
        res,
        r.ready ? 200 : 503,
        r.ready ? { status: "ready" } : { status: "not ready", reason: r.reason },
      );
    }
    if (p.startsWith(GRAPHIQL_ASSETS_PATH) && (await graphiqlFile(req, res, p.slice(GRAPHIQL_ASSETS_PATH.length))))
      return;
    if (p === "/graphql" || p.startsWith("/graphql/")) return graphql(req, res, url);
    if (p.startsWith("/documents/") && (await documentRoute(platform, req, res, url, requestHeaders(req)))) return;
    const ev = p.match(/^\/evidence\/([A-Za-z0-9_-]+)$/);
    if (ev) return evidence(req, res, url, ev[1]!);
    const tpl = p.match(/^\/templates\/assessment\/([^/]+)\.xlsx$/);
    if (tpl) return assessmentTemplateFile(req, res, url, tpl[1]!);
    const sent =
      p === "/admin" || p.startsWith("/admin/")
        ? serveStatic(roots.admin, p.slice("/admin".length) || "/", req, res)
        : serveStatic(roots.portal, p, req, res);
    if (sent) return sent;
    notFound(res, "Chưa build giao diện (pnpm build) / web apps not built");
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    const scope: RequestScope = { id: requestIdOf(req), user: "anonymous" };
    res.setHeader("x-request-id", scope.id);
    securityHeaders(res);
    res.once("close", () => {
      log.info(
        {
          reqId: scope.id,
          method: req.method,
          path: (req.url ?? "/").split("?")[0],
          status: res.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
          user: scope.user,
          ...(scope.operation ? { operation: scope.operation } : {}),
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        "request",
      );
    });
    void requestScope.run(scope, () =>
      route(req, res).catch((err: unknown) => {
        log.error({ err }, "request failed");
        if (res.headersSent) res.destroy();
        else
          void sendJson(req, res, 500, {
            errors: [{ message: "Unexpected error.", extensions: { code: "INTERNAL" } }],
          });
      }),
    );
  };
}

// ---- the listener ---------------------------------------------------------

export interface HttpServer {
  server: Server;
  /** http://host:port as bound (port 0 → the one given). */
  url: string;
  /**
   * Stops accepting connections, lets requests in flight finish (at most graceMs, then
   * their connections are cut), closes idle keep-alive connections as they become idle.
   */
  close(graceMs?: number): Promise<void>;
}

export async function listen(
  platform: Platform,
  where: { host: string; port: number },
  opts: HttpOptions = {},
): Promise<HttpServer> {
  const server = createServer(createHttpHandler(platform, opts));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(where.port, where.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = where.host === "0.0.0.0" || where.host === "::" ? "localhost" : where.host;
  let closing: Promise<void> | null = null;
  return {
    server,
    url: `http://${host}:${port}`,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve) => {
        // Keep-alive connections idle now, and those whose request finishes later, are closed.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => {
          (opts.log ?? platform.log).warn(
            { graceMs },
            "shutdown: requests still running after the grace period, connections cut",
          );
          server.closeAllConnections();
        }, graceMs);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
