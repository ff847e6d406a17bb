/** What every command shares: the terminal it writes to, reading files, usage errors, the built-in sets. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { builtInSet, builtInSetIds, validateCriteriaSet, type TCriteriaSet } from "@cds/criteria-schema";

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The reason a file could not be read or written, as the system names it. */
export const fileError = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);

export function readJson(path: string, io: Io, what: string): unknown {
  const full = resolve(io.cwd, path);
  let text: string;
  try {
    text = readFileSync(full, "utf8");
  } catch (e) {
    throw new UsageError(`${what}: không đọc được tệp ${path} (${fileError(e)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${what}: ${path} không phải JSON hợp lệ (${(e as Error).message})`);
  }
}

/** A built-in id, or a path to a set document that must validate. */
export function loadSet(ref: string, io: Io): TCriteriaSet {
  const builtIn = builtInSet(ref);
  if (builtIn) return builtIn;
  if (!/[./\\]/.test(ref)) {
    throw new UsageError(`set: không có bộ tiêu chí "${ref}" (có sẵn: ${builtInSetIds().join(", ")})`);
  }
  const r = validateCriteriaSet(readJson(ref, io, "set"));
  if (!r.ok) {
    throw new UsageError(
      `set: ${ref} không phải bộ tiêu chí hợp lệ:\n` +
        r.issues.map((i) => `  ${i.pointer || "/"}: ${i.message}`).join("\n"),
    );
  }
  return r.set;
}

export function need(args: string[], n: number, usage: string): void {
  if (args.length < n) throw new UsageError(`thiếu tham số — cách dùng: ${usage}`);
}

/** Splits `--json` off the positional arguments. */
export function flags(args: string[]): { json: boolean; rest: string[] } {
  return { json: args.includes("--json"), rest: args.filter((a) => a !== "--json") };
}

export const pad = (s: string, w: number) => (s.length >= w ? s : s + " ".repeat(w - s.length));
export const padL = (s: string, w: number) => (s.length >= w ? s : " ".repeat(w - s.length) + s);

export function readBytes(path: string, io: Io, what: string): Uint8Array {
  try {
    return readFileSync(resolve(io.cwd, path));
  } catch (e) {
    throw new UsageError(`${what}: không đọc được tệp ${path} (${fileError(e)})`);
  }
}
