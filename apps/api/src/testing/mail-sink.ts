/**
 * The tests' mail server: an SMTP server (the smtp-server package) started in the test process, that keeps what
 * arrives (and, given a directory, writes each message there decoded, for another process to read); and the
 * decoding of what arrived (RFC 2047 headers, base64 or quoted-printable bodies).
 */
import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export interface Received {
  to: string[];
  raw: string;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) back to text; adjacent words join without the space. */
export function decodeWords(s: string): string {
  const out: Buffer[] = [];
  const re = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  let last = 0;
  let prevEncoded = false;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const between = s.slice(last, m.index);
    if (!(prevEncoded && /^\s*$/.test(between))) out.push(Buffer.from(between, "utf8"));
    const text = m[3]!;
    out.push(
      m[2]!.toUpperCase() === "B"
        ? Buffer.from(text, "base64")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ),
    );
    last = m.index + m[0].length;
    prevEncoded = true;
  }
  out.push(Buffer.from(s.slice(last), "utf8"));
  return Buffer.concat(out).toString("utf8");
}

export function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : null;
}

/** The text body, its transfer encoding undone. */
export function bodyOf(raw: string): string {
  const i = raw.search(/\r?\n\r?\n/);
  const body = raw.slice(i).trim();
  const enc = (headerOf(raw, "Content-Transfer-Encoding") ?? "7bit").toLowerCase();
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable")
    return Buffer.from(
      body
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  return body;
}

export async function startMailServer(opts: { dir?: string } = {}) {
  const received: Received[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.refuse) return callback();
      const e = new Error("Hộp thư đầy / mailbox full") as Error & { responseCode: number };
      e.responseCode = 552;
      callback(e);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const m = { to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") };
        received.push(m);
        // Another process (the browser tests' workers) reads what arrived from the directory, decoded.
        if (opts.dir) {
          const mail = { to: m.to, subject: headerOf(m.raw, "Subject"), text: bodyOf(m.raw) };
          writeFileSync(path.join(opts.dir, `${Date.now()}-${received.length}.json`), JSON.stringify(mail));
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  let closed: Promise<void> | null = null;
  const close = () => (closed ??= new Promise<void>((r) => server.close(() => r())));
  return { server, port, received, state, close };
}
