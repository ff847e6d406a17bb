/** What every response carries (security headers, request id) and the request's headers as Fetch sees them. */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

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
export const EVIDENCE_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

export function securityHeaders(res: ServerResponse, csp = APP_CSP): void {
  res.setHeader("content-security-policy", csp);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "strict-origin-when-cross-origin");
  res.setHeader("x-frame-options", "DENY");
}

export function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  // The body is handed over decoded and whole.
  headers.delete("transfer-encoding");
  return headers;
}

/** A request id from a proxy is kept when it is a plain token (it goes into logs and a header). */
export const requestIdOf = (req: IncomingMessage) => {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
};
