/**
 * Official documents as PDF over HTTP (GET, the session cookie or an API key as for GraphQL):
 * - /documents/result-sheet/<assessmentId>.pdf: a unit's Phiếu kết quả; public once recognised
 *   (without figures, which are working data), else only for a grant covering the unit;
 * - /documents/recognition-decision/<roundId>.pdf: the DRAFT decision recognising the round's
 *   appraised and recognised units, for those who may recognise them (or the province's Sở);
 * - /documents/appraisal-minutes/<roundId>.pdf: the appraisal minutes, for the same people and
 *   the appraisal council;
 * - /documents/province-report/<tenantId>-<year>.pdf: the DRAFT yearly report of the province to
 *   the ministry with its annexes, for the province's province-wide staff and the ministry.
 * Anything the asker may not see is a plain 404, the same as what does not exist.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { appraisalMinutes, provinceYearlyReport, recognitionDecision, unitResultSheet } from "@cds/documents";
import { createContext } from "./context.ts";
import type { Platform } from "./platform.ts";
import { decodeId } from "./schema/ids.ts";
import {
  appraisalMinutesInput,
  provinceReportInput,
  recognitionDecisionInput,
  resultSheetInput,
  slug,
} from "./services/documents-data.ts";

// The id is a row id or the GraphQL id the apps hold (base64, "=" and "+" URL-encoded).
const ROUTE =
  /^\/documents\/(result-sheet|recognition-decision|appraisal-minutes|province-report)\/([A-Za-z0-9_%+=-]{1,200})\.pdf$/;

/** A PDF may be opened by a browser: nothing in it may run or frame anything. */
const PDF_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** `attachment` with an ASCII name and the exact UTF-8 one (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = slug(fileName.replace(/\.pdf$/i, "")) + ".pdf";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Answers a /documents/… request and returns true, or returns false when the path is not one
 * (the router goes on). `requestHeaders` is the router's copy of the headers (decoded, trusted address).
 */
export async function documentRoute(
  platform: Platform,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  headers: Headers,
): Promise<boolean> {
  const m = url.pathname.match(ROUTE);
  if (!m) return false;
  const notFound = () =>
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Không tìm thấy / not found");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }).end("Method not allowed");
    return true;
  }
  const ctx = await createContext(platform.services, new Request(url, { headers })).catch(() => null);
  if (!ctx) {
    notFound();
    return true;
  }
  const prisma = platform.db.prisma;
  const now = platform.services.now();
  const kind = m[1]!;
  let id: string;
  try {
    id =
      kind === "province-report"
        ? m[2]!
        : decodeId(decodeURIComponent(m[2]!), kind === "result-sheet" ? "Assessment" : "Round");
  } catch {
    notFound();
    return true;
  }
  let pdf: Uint8Array | null = null;
  let fileName = "";
  if (kind === "result-sheet") {
    const d = await resultSheetInput(prisma, ctx.viewer, id, now);
    if (d) [pdf, fileName] = [await unitResultSheet(d.input), d.fileName];
  } else if (kind === "recognition-decision") {
    const d = await recognitionDecisionInput(prisma, ctx.viewer, id, now);
    if (d) [pdf, fileName] = [await recognitionDecision(d.input), d.fileName];
  } else if (kind === "province-report") {
    const parts = /^(.+)-(\d{4})$/.exec(id);
    const d = parts && (await provinceReportInput(prisma, ctx.viewer, parts[1]!, Number(parts[2]), now));
    if (d) [pdf, fileName] = [await provinceYearlyReport(d.input), d.fileName];
  } else {
    const d = await appraisalMinutesInput(prisma, ctx.viewer, id, now);
    if (d) [pdf, fileName] = [await appraisalMinutes(d.input), d.fileName];
  }
  if (!pdf) {
    notFound();
    return true;
  }
  res.setHeader("content-security-policy", PDF_CSP);
  res
    .writeHead(200, {
      "content-type": "application/pdf",
      "content-length": pdf.byteLength,
      "content-disposition": attachment(fileName),
      // Working data and drafts: never kept by a shared cache.
      "cache-control": "private, no-store",
    })
    .end(req.method === "HEAD" ? undefined : pdf);
  return true;
}
