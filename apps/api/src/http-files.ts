/**
 * Files downloaded from the API: /evidence/<id> (an uploaded evidence file) and
 * /templates/{assessment,round}/<id>.xlsx (values templates), each only for those who may
 * read the unit's working data; anything else is a plain 404, the same as what does not exist.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createContext } from "./context.ts";
import { EVIDENCE_CSP, requestHeaders } from "./http-headers.ts";
import { notFound } from "./http-send.ts";
import type { Platform } from "./platform.ts";
import { decodeId } from "./schema/ids.ts";
import { can, unitRef } from "./services/access.ts";
import { assessmentTemplate, roundTemplate } from "./services/values-import.ts";

const NOT_FOUND = "Không tìm thấy / not found";

/** RFC 5987 value: encodeURIComponent leaves ' ( ) * as they are. */
const rfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const contextOf = (platform: Platform, req: IncomingMessage, url: URL) =>
  createContext(platform.services, new Request(url, { headers: requestHeaders(req) })).catch(() => null);

export async function evidenceFile(
  platform: Platform,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  id: string,
): Promise<void> {
  const ctx = await contextOf(platform, req, url);
  const row = await platform.db.prisma.evidence.findFirst({
    where: { id },
    include: { assessment: { include: { unit: true } } },
  });
  if (!ctx || !row || !can.readUnit(ctx.viewer, unitRef(row.assessment))) return notFound(res, NOT_FOUND);
  const bytes = await platform.services.evidence.get(row.storageKey);
  res.setHeader("content-security-policy", EVIDENCE_CSP);
  res
    .writeHead(200, {
      "content-type": row.mimeType,
      "content-length": bytes.byteLength,
      // Working data: never kept by a shared cache, as the template and the PDFs.
      "cache-control": "private, no-store",
      "content-disposition": `attachment; filename*=UTF-8''${rfc5987(row.fileName)}`,
    })
    .end(req.method === "HEAD" ? undefined : bytes);
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A values template (Excel in): /templates/assessment/<id>.xlsx, an assessment's pinned set for its unit, for those
 * who may read its working data; /templates/round/<id>.xlsx, a row per unit of the round the viewer may enter
 * values for (an officer's many units).
 */
export async function templateFile(
  platform: Platform,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  of: "assessment" | "round",
  rawId: string,
): Promise<void> {
  const ctx = await contextOf(platform, req, url);
  let id: string;
  try {
    id = decodeId(decodeURIComponent(rawId), of === "round" ? "Round" : "Assessment");
  } catch {
    return notFound(res, NOT_FOUND);
  }
  const prisma = platform.db.prisma;
  const t =
    ctx &&
    (of === "round" ? await roundTemplate(prisma, ctx.viewer, id) : await assessmentTemplate(prisma, ctx.viewer, id));
  if (!t) return notFound(res, NOT_FOUND);
  res.setHeader("content-security-policy", EVIDENCE_CSP);
  res
    .writeHead(200, {
      "content-type": XLSX,
      "content-length": t.bytes.byteLength,
      "cache-control": "private, no-store",
      "content-disposition": `attachment; filename="${t.asciiName}"; filename*=UTF-8''${rfc5987(t.fileName)}`,
    })
    .end(t.bytes);
}

/** The signed scan of a recognition decision: public, as the recognitions it belongs to. */
export async function decisionScanFile(
  platform: Platform,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
): Promise<void> {
  const row = await platform.db.prisma.decisionScan.findFirst({ where: { id } });
  if (!row) return notFound(res, NOT_FOUND);
  const bytes = await platform.services.evidence.get(row.storageKey);
  res.setHeader("content-security-policy", EVIDENCE_CSP);
  res
    .writeHead(200, {
      "content-type": row.mimeType,
      "content-length": bytes.byteLength,
      "cache-control": "public, max-age=300",
      "content-disposition": `inline; filename*=UTF-8''${rfc5987(row.fileName)}`,
    })
    .end(req.method === "HEAD" ? undefined : bytes);
}
