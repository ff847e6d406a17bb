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
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { documentRoute } from "./documents.ts";
import { GRAPHIQL_ASSETS_PATH, GRAPHIQL_CSP } from "./graphiql.ts";
import { decisionScanFile, evidenceFile, templateFile } from "./http-files.ts";
import { requestHeaders, requestIdOf, securityHeaders } from "./http-headers.ts";
import { notFound, sendBody, sendJson } from "./http-send.ts";
import { defaultStaticRoots, staticFiles, type StaticRoots } from "./http-static.ts";
import { requestScope, type Logger, type RequestScope } from "./log.ts";
import type { Platform } from "./platform.ts";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "./services/auth.ts";
import { MAX_JSON_BYTES, MAX_MULTIPART_BYTES } from "./yoga.ts";

export { APP_CSP } from "./http-headers.ts";
export { negotiateEncoding } from "./http-send.ts";
export type { StaticRoots } from "./http-static.ts";

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

export function createHttpHandler(platform: Platform, opts: HttpOptions = {}) {
  const log = opts.log ?? platform.log;
  const roots = opts.staticRoots ?? defaultStaticRoots();
  const { serveStatic, graphiqlFile } = staticFiles();

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
    if (ev) return evidenceFile(platform, req, res, url, ev[1]!);
    const scan = p.match(/^\/decision-scans\/([A-Za-z0-9_-]+)$/);
    if (scan) return decisionScanFile(platform, req, res, scan[1]!);
    const tpl = p.match(/^\/templates\/(assessment|round)\/([^/]+)\.xlsx$/);
    if (tpl) return templateFile(platform, req, res, url, tpl[1] as "assessment" | "round", tpl[2]!);
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
