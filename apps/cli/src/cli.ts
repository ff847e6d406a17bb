/**
 * The `cds` command. Every rule is judged by criteria-schema and
 * criteria-core; this file only reads files, calls them and prints.
 *
 * Exit codes: 0 done; 1 the document given to `validate` is not a valid set;
 * 2 bad input or usage (unknown set, unreadable file, invalid values…).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  builtInSet,
  builtInSetIds,
  isScored,
  scoreComponents,
  validateCriteriaSet,
  type TCriteriaSet,
} from "@cds/criteria-schema";
import {
  diff,
  diffPoints,
  formatPoints,
  gaps,
  InvalidValuesError,
  pointsGaps,
  rankUnits,
  tryEvaluate,
  tryScore,
  type PointsDiff,
  type RankRow,
  type Score,
  type SetDiff,
  type UnitValues,
} from "@cds/criteria-core";
import { readValues, valuesTemplate } from "@cds/workbook";

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

class UsageError extends Error {
  override readonly name = "UsageError";
}

const HELP = `cds — Bộ tiêu chí và Bộ chỉ số chuyển đổi số (criteria sets and scored indices)

Cách dùng / usage:
  cds export <id>                          in bộ tiêu chí có sẵn dạng JSON (${builtInSetIds().join(", ")})
  cds validate <file>                      kiểm tra một bộ tiêu chí; mã thoát 1 nếu có lỗi (mỗi lỗi kèm đường dẫn JSON)
  cds evaluate <id-or-file> <values.json|values.xlsx> [--json]
                                           đánh giá số liệu của một đơn vị: bộ theo mức độ in JSON;
                                           bộ chấm điểm in bảng điểm (JSON với --json); tệp .xlsx là
                                           mẫu nhập số liệu đã điền (xem cds template)
  cds template <id-or-file> --xlsx <file.xlsx>
                                           ghi mẫu nhập số liệu Excel cho một đơn vị
  cds rank <id-or-file> <units.json> [--json]
                                           chấm điểm và xếp hạng các đơn vị (bộ chấm điểm)
  cds gaps <id-or-file> <values.json> <level>
                                           những gì còn thiếu để đạt mức <level>; bộ chấm điểm: điểm còn thiếu
                                           của từng chỉ số thành phần (không cần <level>)
  cds diff <a> <b> [--json]                so sánh hai bộ tiêu chí (id có sẵn hoặc tệp)
  cds help

Values (values.json): an object keyed by criterion code — a percent number,
{ "numerator": n, "denominator": d }, true/false, { "count": n },
{ "count": n, "total": t }, { "childLevels": [3, 2, 4] } or, for "nếu có"
criteria, { "noSubjects": true }. For a scored set, keyed by component code:
true/false, a ratio or a percent, { "count": n }, an index 0..1,
{ "points": p } (appraised) or { "notApplicable": true }.
Units (units.json): an object keyed by unit name, each a values object or
{ "values": {…}, "unitKind": "commune", "unitType": "Phường" }.`;

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

function need(args: string[], n: number, usage: string): void {
  if (args.length < n) throw new UsageError(`thiếu tham số — cách dùng: ${usage}`);
}

/** Splits `--json` off the positional arguments. */
function flags(args: string[]): { json: boolean; rest: string[] } {
  return { json: args.includes("--json"), rest: args.filter((a) => a !== "--json") };
}

const pad = (s: string, w: number) => (s.length >= w ? s : s + " ".repeat(w - s.length));
const padL = (s: string, w: number) => (s.length >= w ? s : " ".repeat(w - s.length) + s);

function formatScore(set: TCriteriaSet, s: Score): string {
  const vi = (t: string) => formatPoints(t, "vi", true);
  const names = new Map(scoreComponents(set.scoring!.groups).map((p) => [p.component.code, p.component.name]));
  const lines = [`${set.title}`, `(${set.id} ${set.version})`, ""];
  lines.push(
    `Điểm: ${vi(s.scoreText)} / ${formatPoints(String(s.maxScore))}  (giá trị chính xác ${s.exact.numerator}/${s.exact.denominator})`,
  );
  if (s.level !== null) lines.push(`Xếp loại: ${s.levelName}${s.level > 0 ? ` (mức ${s.level})` : ""}`);
  lines.push("", "Nhóm (chỉ số chính):");
  for (const g of s.groups) {
    const depth = g.parent ? "    " : "  ";
    const idx = g.indexText === null ? "Không áp dụng" : `chỉ số ${vi(g.indexText)}`;
    const w = g.weight === null ? "" : `  trọng số ${vi(String(g.weight))}`;
    lines.push(
      `${depth}${pad(g.code, 6)} ${pad(g.name, 28)} ${padL(vi(g.pointsText), 10)} / ${pad(formatPoints(String(g.max)), 6)} ${idx}${w}`,
    );
  }
  lines.push("", "Chỉ số thành phần:");
  const state = { scored: "", missing: "  (chưa nhập)", notApplicable: "  (không áp dụng)" } as const;
  for (const c of s.components) {
    lines.push(
      `  ${pad(c.code, 8)} ${padL(vi(c.pointsText), 10)} / ${pad(formatPoints(String(c.max)), 6)} ${names.get(c.code) ?? ""}${state[c.status]}`,
    );
  }
  if (s.missing.length > 0)
    lines.push("", `Chưa nhập số liệu (${s.missing.length}, tính 0 điểm): ${s.missing.join(", ")}`);
  if (s.notApplicable.length > 0)
    lines.push(`Không áp dụng (${s.notApplicable.length}): ${s.notApplicable.join(", ")}`);
  return lines.join("\n");
}

function readBytes(path: string, io: Io, what: string): Uint8Array {
  try {
    return readFileSync(resolve(io.cwd, path));
  } catch (e) {
    throw new UsageError(`${what}: không đọc được tệp ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** A filled values template: one unit's values, or exit 2 listing every issue with its sheet, row and column. */
async function readXlsxValues(set: TCriteriaSet, path: string, io: Io): Promise<unknown> {
  const r = await readValues(set, readBytes(path, io, "values"));
  if (r.issues.length > 0) {
    throw new UsageError(
      `Số liệu không hợp lệ trong ${path} (${r.issues.length} lỗi):\n` +
        r.issues.map((i) => `  ${i.message}`).join("\n"),
    );
  }
  if (r.units.length > 1) {
    throw new UsageError(
      `values: ${path} có ${r.units.length} đơn vị; cds evaluate đánh giá một đơn vị (dùng mẫu một đơn vị)`,
    );
  }
  return r.units[0]?.values ?? {};
}

async function evaluateCommand(argv: string[], io: Io): Promise<number> {
  const { json, rest: args } = flags(argv);
  need(args, 2, "cds evaluate <id-or-file> <values.json|values.xlsx> [--json]");
  const set = loadSet(args[0]!, io);
  const values = /\.xlsx$/i.test(args[1]!) ? await readXlsxValues(set, args[1]!, io) : readJson(args[1]!, io, "values");
  if (isScored(set)) {
    const s = tryScore(set, values as never);
    if (!s.ok) throw new InvalidValuesError(s.issues);
    io.out(json ? JSON.stringify(s.score, null, 2) : formatScore(set, s.score));
    return 0;
  }
  const r = tryEvaluate(set, values as never);
  if (!r.ok) throw new InvalidValuesError(r.issues);
  io.out(JSON.stringify(r.evaluation, null, 2));
  return 0;
}

function isUnitEntry(v: unknown): v is { values: unknown; unitKind?: unknown; unitType?: unknown } {
  if (typeof v !== "object" || v === null || Array.isArray(v) || !("values" in v)) return false;
  return Object.keys(v).every((k) => k === "values" || k === "unitKind" || k === "unitType");
}

function rankCommand(argv: string[], io: Io): number {
  const { json, rest: args } = flags(argv);
  need(args, 2, "cds rank <id-or-file> <units.json> [--json]");
  const set = loadSet(args[0]!, io);
  if (!isScored(set)) throw new UsageError(`set: ${set.id} đánh giá theo mức độ, không chấm điểm nên không xếp hạng`);
  const file = readJson(args[1]!, io, "units");
  if (typeof file !== "object" || file === null || Array.isArray(file)) {
    throw new UsageError(`units: ${args[1]} phải là một đối tượng JSON theo tên đơn vị, mỗi đơn vị một bộ số liệu`);
  }
  const units: UnitValues[] = Object.entries(file).map(([unit, v]) => {
    if (!isUnitEntry(v)) return { unit, values: v as never };
    if (v.unitKind !== undefined && typeof v.unitKind !== "string")
      throw new UsageError(`units: ${unit}.unitKind phải là chuỗi`);
    if (v.unitType !== undefined && typeof v.unitType !== "string")
      throw new UsageError(`units: ${unit}.unitType phải là chuỗi`);
    return {
      unit,
      values: v.values as never,
      unitKind: v.unitKind,
      unitType: v.unitType,
    };
  });
  const rows = rankUnits(set, units);
  io.out(json ? JSON.stringify(rows, null, 2) : formatRank(set, rows));
  return 0;
}

function formatRank(set: TCriteriaSet, rows: RankRow[]): string {
  const lines = [`Xếp hạng theo ${set.title} (${set.id} ${set.version})`];
  const groupNames = new Map((set.scoring?.rankingGroups ?? []).map((g) => [g.code, g.name]));
  let group: string | null | undefined;
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      lines.push("", group === null ? "Hạng  Điểm        Đơn vị" : `Nhóm ${groupNames.get(group) ?? group}:`);
    }
    lines.push(`${padL(String(r.rank), 4)}  ${padL(formatPoints(r.scoreText, "vi", true), 10)}  ${r.unit}`);
  }
  return lines.join("\n");
}

function gapsCommand(args: string[], io: Io): number {
  need(args, 2, "cds gaps <id-or-file> <values.json> <level>");
  const set = loadSet(args[0]!, io);
  const values = readJson(args[1]!, io, "values");
  if (isScored(set)) {
    io.out(JSON.stringify(pointsGaps(set, values as never), null, 2));
    return 0;
  }
  need(args, 3, "cds gaps <id-or-file> <values.json> <level>");
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
    if (isScored(r.set)) {
      const n = scoreComponents(r.set.scoring!.groups).length;
      io.out(
        `Hợp lệ: ${r.set.id} ${r.set.version} — bộ chấm điểm, ${n} chỉ số thành phần, tổng ${formatPoints(String(r.set.scoring!.total.max))} điểm`,
      );
    } else
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
  lines.push(`Thêm ${s.added}, bỏ ${s.removed}, thay đổi ${s.changed} (chặt hơn ${s.stricter}, lỏng hơn ${s.looser})`);
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
    if (c.exemptWhenNoSubjects)
      lines.push(`    "nếu có": ${c.exemptWhenNoSubjects.from} → ${c.exemptWhenNoSubjects.to}`);
    for (const t of c.targets) lines.push(`    mức ${t.level}: ${t.from} → ${t.to} (${word[t.change]})`);
  }
  return lines.join("\n");
}

function formatPointsDiff(d: PointsDiff): string {
  const vi = (n: number) => formatPoints(String(n), "vi");
  const lines = [`So sánh ${d.from.id}@${d.from.version} → ${d.to.id}@${d.to.version} (bộ chấm điểm)`];
  const s = d.summary;
  lines.push(
    `Điểm chuyển: thêm ${vi(s.pointsAdded)}, bớt ${vi(s.pointsRemoved)}; cách tính chặt hơn ${s.stricter}, lỏng hơn ${s.looser}; trọng số đổi ${s.weightsChanged}`,
  );
  if (d.judgedBy) lines.push(`Cách đánh giá: ${d.judgedBy.from} → ${d.judgedBy.to}`);
  if (d.total)
    lines.push(
      `Tổng điểm: ${d.total.from?.max ?? "—"} (${d.total.from?.method ?? "—"}) → ${d.total.to?.max ?? "—"} (${d.total.to?.method ?? "—"})`,
    );
  if (d.notApplicable) lines.push(`Không áp dụng: ${d.notApplicable.from} → ${d.notApplicable.to}`);
  if (d.decimals) lines.push(`Số chữ số thập phân: ${d.decimals.from} → ${d.decimals.to}`);
  for (const g of d.groupsAdded) lines.push(`+ nhóm ${g.code} ${g.name} (${vi(g.max)} điểm)`);
  for (const g of d.groupsRemoved) lines.push(`- nhóm ${g.code} ${g.name} (${vi(g.max)} điểm)`);
  for (const g of d.groups) {
    const parts: string[] = [];
    if (g.max) parts.push(`tối đa ${vi(g.max.from)} → ${vi(g.max.to)}`);
    if (g.weight) parts.push(`trọng số ${g.weight.from ?? "—"} → ${g.weight.to ?? "—"}`);
    if (g.renamed) parts.push(`tên "${g.renamed.from}" → "${g.renamed.to}"`);
    lines.push(`~ nhóm ${g.code} ${g.name}: ${parts.join("; ")}`);
  }
  for (const a of d.added) lines.push(`+ ${a.code} ${a.name} (${vi(a.max)} điểm, nhóm ${a.group})`);
  for (const r of d.removed) lines.push(`- ${r.code} ${r.name} (${vi(r.max)} điểm, nhóm ${r.group})`);
  const word = { stricter: "chặt hơn", looser: "lỏng hơn", changed: "thay đổi" } as const;
  for (const c of d.changed) {
    lines.push(`~ ${c.code} ${c.name}`);
    if (c.max)
      lines.push(
        `    điểm tối đa: ${vi(c.max.from)} → ${vi(c.max.to)} (${c.max.delta > 0 ? "+" : ""}${vi(c.max.delta)})`,
      );
    if (c.rule) lines.push(`    cách tính: ${c.rule.from} → ${c.rule.to} (${word[c.rule.change]})`);
    if (c.group) lines.push(`    nhóm: ${c.group.from} → ${c.group.to}`);
    if (c.renamed) lines.push(`    tên: "${c.renamed.from}" → "${c.renamed.to}"`);
    if (c.method) lines.push(`    phương pháp tính đã thay đổi`);
    if (c.dataSource) lines.push(`    nguồn số liệu đã thay đổi`);
    if (c.mayNotApply) lines.push(`    có thể Không áp dụng: ${c.mayNotApply.from} → ${c.mayNotApply.to}`);
  }
  for (const l of d.levels)
    lines.push(
      `Mức ${l.level} ${l.name}: từ ${l.minScore.from ?? "—"} → ${l.minScore.to ?? "—"} điểm (${word[l.change]})`,
    );
  return lines.join("\n");
}

function diffCommand(args: string[], io: Io): number {
  const { json, rest: refs } = flags(args);
  need(refs, 2, "cds diff <a> <b> [--json]");
  const a = loadSet(refs[0]!, io);
  const b = loadSet(refs[1]!, io);
  if (isScored(a) || isScored(b)) {
    const d = diffPoints(a, b);
    io.out(json ? JSON.stringify(d, null, 2) : formatPointsDiff(d));
    return 0;
  }
  const d = diff(a, b);
  io.out(json ? JSON.stringify(d, null, 2) : formatDiff(d));
  return 0;
}

async function templateCommand(args: string[], io: Io): Promise<number> {
  const usage = "cds template <id-or-file> --xlsx <file.xlsx>";
  const at = args.indexOf("--xlsx");
  const out = at >= 0 ? args[at + 1] : undefined;
  const rest = at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args;
  need(rest, 1, usage);
  if (!out || out.startsWith("--")) throw new UsageError(`thiếu tệp --xlsx <file.xlsx> — cách dùng: ${usage}`);
  const set = loadSet(rest[0]!, io);
  const bytes = await valuesTemplate(set);
  try {
    writeFileSync(resolve(io.cwd, out), bytes);
  } catch (e) {
    throw new UsageError(`--xlsx: không ghi được tệp ${out} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  io.out(`Đã ghi mẫu nhập số liệu ${set.id} ${set.version} vào ${out}`);
  return 0;
}

function exportCommand(args: string[], io: Io): number {
  need(args, 1, "cds export <id>");
  const set = builtInSet(args[0]!);
  if (!set) throw new UsageError(`id: không có bộ tiêu chí "${args[0]}" (có sẵn: ${builtInSetIds().join(", ")})`);
  io.out(JSON.stringify(set, null, 2));
  return 0;
}

const COMMANDS: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  export: exportCommand,
  validate: validateCommand,
  evaluate: evaluateCommand,
  rank: rankCommand,
  gaps: gapsCommand,
  diff: diffCommand,
  template: templateCommand,
};

/** Runs one command line; returns the exit code. Never throws for bad input. */
export async function run(argv: string[], io: Io): Promise<number> {
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
    return await fn(args, io);
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
