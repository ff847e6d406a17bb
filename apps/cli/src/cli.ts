/**
 * The `cds` command. Every rule is judged by criteria-schema and
 * criteria-core; this file only reads files, calls them and prints.
 *
 * Exit codes: 0 done; 1 the document given to `validate` is not a valid set;
 * 2 bad input or usage (unknown set, unreadable file, invalid values…).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { BUILT_IN_SETS, builtInSet, validateCriteriaSet, type TCriteriaSet } from "@cds/criteria-schema";
import { diff, gaps, InvalidValuesError, tryEvaluate, type SetDiff } from "@cds/criteria-core";

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

class UsageError extends Error {
  override readonly name = "UsageError";
}

const HELP = `cds — Bộ tiêu chí chuyển đổi số (criteria sets of Decision 2361/QĐ-BTTTT)

Cách dùng / usage:
  cds export <id>                          in bộ tiêu chí có sẵn dạng JSON (${Object.keys(BUILT_IN_SETS).join(", ")})
  cds validate <file>                      kiểm tra một bộ tiêu chí; mã thoát 1 nếu có lỗi (mỗi lỗi kèm đường dẫn JSON)
  cds evaluate <id-or-file> <values.json>  đánh giá số liệu của một đơn vị, in kết quả JSON
  cds gaps <id-or-file> <values.json> <level>
                                           những gì còn thiếu để đạt mức <level>
  cds diff <a> <b> [--json]                so sánh hai bộ tiêu chí (id có sẵn hoặc tệp)
  cds help

Values (values.json): an object keyed by criterion code — a percent number,
{ "numerator": n, "denominator": d }, true/false, { "count": n },
{ "count": n, "total": t }, { "childLevels": [3, 2, 4] } or, for "nếu có"
criteria, { "noSubjects": true }.`;

function readJson(path: string, io: Io, what: string): unknown {
  const full = resolve(io.cwd, path);
  let text: string;
  try {
    text = readFileSync(full, "utf8");
  } catch (e) {
    throw new UsageError(`${what}: không đọc được tệp ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${what}: ${path} không phải JSON hợp lệ (${(e as Error).message})`);
  }
}

/** A built-in id, or a path to a set document that must validate. */
function loadSet(ref: string, io: Io): TCriteriaSet {
  const builtIn = builtInSet(ref);
  if (builtIn) return builtIn;
  if (!/[./\\]/.test(ref)) {
    throw new UsageError(`set: không có bộ tiêu chí "${ref}" (có sẵn: ${Object.keys(BUILT_IN_SETS).join(", ")})`);
  }
  const r = validateCriteriaSet(readJson(ref, io, "set"));
  if (!r.ok) {
    throw new UsageError(
      `set: ${ref} không phải bộ tiêu chí hợp lệ:\n` + r.issues.map((i) => `  ${i.pointer || "/"}: ${i.message}`).join("\n"),
    );
  }
  return r.set;
}

function need(args: string[], n: number, usage: string): void {
  if (args.length < n) throw new UsageError(`thiếu tham số — cách dùng: ${usage}`);
}

function evaluateCommand(args: string[], io: Io): number {
  need(args, 2, "cds evaluate <id-or-file> <values.json>");
  const set = loadSet(args[0]!, io);
  const values = readJson(args[1]!, io, "values");
  const r = tryEvaluate(set, values as never);
  if (!r.ok) throw new InvalidValuesError(r.issues);
  io.out(JSON.stringify(r.evaluation, null, 2));
  return 0;
}

function gapsCommand(args: string[], io: Io): number {
  need(args, 3, "cds gaps <id-or-file> <values.json> <level>");
  const set = loadSet(args[0]!, io);
  const values = readJson(args[1]!, io, "values");
  const level = Number(args[2]);
  if (!Number.isInteger(level) || level < 1 || level > set.levels.length) {
    throw new UsageError(`level: phải là số nguyên từ 1 đến ${set.levels.length}, nhận "${args[2]}"`);
  }
  io.out(JSON.stringify(gaps(set, values as never, level), null, 2));
  return 0;
}

function validateCommand(args: string[], io: Io): number {
  need(args, 1, "cds validate <file>");
  const r = validateCriteriaSet(readJson(args[0]!, io, "file"));
  if (r.ok) {
    io.out(`Hợp lệ: ${r.set.id} ${r.set.version} — ${r.set.criteria.length} tiêu chí, ${r.set.levels.length} mức độ`);
    return 0;
  }
  io.err(`Không hợp lệ: ${r.issues.length} lỗi`);
  for (const i of r.issues) io.err(`  ${i.pointer || "/"}: ${i.message}  [${i.code}]`);
  return 1;
}

function formatDiff(d: SetDiff): string {
  const lines = [`So sánh ${d.from.id}@${d.from.version} → ${d.to.id}@${d.to.version}`];
  const s = d.summary;
  lines.push(
    `Thêm ${s.added}, bỏ ${s.removed}, thay đổi ${s.changed} (chặt hơn ${s.stricter}, lỏng hơn ${s.looser})`,
  );
  if (d.title) lines.push(`Tên bộ: "${d.title.from}" → "${d.title.to}"`);
  for (const l of d.levels) lines.push(`Mức ${l.level}: "${l.renamed.from}" → "${l.renamed.to}"`);
  for (const a of d.added) lines.push(`+ ${a.code} ${a.name}${a.local ? " (tiêu chí địa phương)" : ""}`);
  for (const r of d.removed) lines.push(`- ${r.code} ${r.name}`);
  const word = { stricter: "chặt hơn", looser: "lỏng hơn", changed: "thay đổi" } as const;
  for (const c of d.changed) {
    lines.push(`~ ${c.code} ${c.name}`);
    if (c.renamed) lines.push(`    tên: "${c.renamed.from}" → "${c.renamed.to}"`);
    if (c.measure) lines.push(`    loại chỉ tiêu: ${c.measure.from} → ${c.measure.to}`);
    if (c.unit) lines.push(`    đơn vị tính: ${c.unit.from} → ${c.unit.to}`);
    if (c.group) lines.push(`    nhóm: ${c.group.from} → ${c.group.to}`);
    if (c.method) lines.push(`    phương pháp tính đã thay đổi`);
    if (c.legalBasis) lines.push(`    căn cứ đã thay đổi`);
    if (c.exemptWhenNoSubjects) lines.push(`    "nếu có": ${c.exemptWhenNoSubjects.from} → ${c.exemptWhenNoSubjects.to}`);
    for (const t of c.targets) lines.push(`    mức ${t.level}: ${t.from} → ${t.to} (${word[t.change]})`);
  }
  return lines.join("\n");
}

function diffCommand(args: string[], io: Io): number {
  const json = args.includes("--json");
  const refs = args.filter((a) => a !== "--json");
  need(refs, 2, "cds diff <a> <b> [--json]");
  const d = diff(loadSet(refs[0]!, io), loadSet(refs[1]!, io));
  io.out(json ? JSON.stringify(d, null, 2) : formatDiff(d));
  return 0;
}

function exportCommand(args: string[], io: Io): number {
  need(args, 1, "cds export <id>");
  const set = builtInSet(args[0]!);
  if (!set) throw new UsageError(`id: không có bộ tiêu chí "${args[0]}" (có sẵn: ${Object.keys(BUILT_IN_SETS).join(", ")})`);
  io.out(JSON.stringify(set, null, 2));
  return 0;
}

const COMMANDS: Record<string, (args: string[], io: Io) => number> = {
  export: exportCommand,
  validate: validateCommand,
  evaluate: evaluateCommand,
  gaps: gapsCommand,
  diff: diffCommand,
};

/** Runs one command line; returns the exit code. Never throws for bad input. */
export function run(argv: string[], io: Io): number {
  const [command, ...args] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(HELP);
    return command ? 0 : 2;
  }
  const fn = COMMANDS[command];
  if (!fn) {
    io.err(`Lệnh không hợp lệ: "${command}"\n\n${HELP}`);
    return 2;
  }
  try {
    return fn(args, io);
  } catch (e) {
    if (e instanceof InvalidValuesError) {
      io.err(`Số liệu không hợp lệ (${e.issues.length} lỗi):`);
      for (const i of e.issues) io.err(`  ${i.message}`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
}
