/**
 * Sending a response body: compressed (br or gzip, as the client accepts) when it is text and worth it;
 * static files compressed once at the best setting, dynamic ones (GraphQL) fast for every request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";

export type Encoding = "br" | "gzip";
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
export const compressible = (type: string) =>
  /^(text\/|application\/(json|graphql-response\+json|javascript|xml)|image\/svg\+xml)/.test(type);

/** Static files: the best brotli once (level 11 takes 11 s on Monaco's 4 MB, level 9 about 1 s for 10 % more bytes), kept. */
export function compressOnce(body: Buffer, enc: Encoding): Promise<Buffer> {
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
export async function sendBody(
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

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): Promise<void> {
  return sendBody(req, res, status, "application/json; charset=utf-8", Buffer.from(JSON.stringify(value)));
}

export function notFound(res: ServerResponse, text: string): void {
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(text);
}
