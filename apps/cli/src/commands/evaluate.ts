/** Judging one unit: `evaluate` (levels or points), `gaps` (what is missing), `template` (the Excel values template). */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { isScored, scoreComponents, type TCriteriaSet } from "@cds/criteria-schema";
import {
  formatPoints,
  gaps,
  InvalidValuesError,
  pointsGaps,
  tryEvaluate,
  tryScore,
  type Score,
} from "@cds/criteria-core";
import { readValues, valuesTemplate } from "@cds/workbook";
import { fileError, flags, loadSet, need, pad, padL, readBytes, readJson, UsageError, type Io } from "../input.ts";

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

export async function evaluateCommand(argv: string[], io: Io): Promise<number> {
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

export function gapsCommand(args: string[], io: Io): number {
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

export async function templateCommand(args: string[], io: Io): Promise<number> {
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
    throw new UsageError(`--xlsx: không ghi được tệp ${out} (${fileError(e)})`);
  }
  io.out(`Đã ghi mẫu nhập số liệu ${set.id} ${set.version} vào ${out}`);
  return 0;
}
