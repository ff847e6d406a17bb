/**
 * Static files: the two single-page apps built by Vite (with an index.html fallback) and GraphiQL's
 * bundle, each read once and compressed once per encoding, revalidated by a weak ETag.
 */
import { readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { graphiqlAsset } from "./graphiql.ts";
import { compressible, compressOnce, sendBody, type Encoding } from "./http-send.ts";

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

export interface StaticRoots {
  admin: string;
  portal: string;
}

/** apps/admin/dist and apps/portal/dist. */
export const defaultStaticRoots = (): StaticRoots => ({
  admin: path.join(appsDir, "admin", "dist"),
  portal: path.join(appsDir, "portal", "dist"),
});

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

/** The static side of one handler: its own cache of files. */
export function staticFiles() {
  const cached = fileCache();
  const graphiqlFiles = new Map<string, Promise<(CachedFile & { name: string }) | null>>();

  /** A file of a built app, or its index.html; null when the app is not built. */
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

  /** One of GraphiQL's bundled files; false when there is no such file. */
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
    if (!f) {
      // Only real files stay cached: random names must not grow the map for the life of the process.
      graphiqlFiles.delete(name);
      return false;
    }
    await sendCached(req, res, f, "no-cache");
    return true;
  }

  return { serveStatic, graphiqlFile };
}
