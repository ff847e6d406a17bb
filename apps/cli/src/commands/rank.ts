/** `rank`: scores and ranks units by a scored set, in its ranking groups. */
import { isScored, type TCriteriaSet } from "@cds/criteria-schema";
import { formatPoints, rankUnits, type RankRow, type UnitValues } from "@cds/criteria-core";
import { flags, loadSet, need, padL, readJson, UsageError, type Io } from "../input.ts";

function isUnitEntry(v: unknown): v is { values: unknown; unitKind?: unknown; unitType?: unknown } {
  if (typeof v !== "object" || v === null || Array.isArray(v) || !("values" in v)) return false;
  return Object.keys(v).every((k) => k === "values" || k === "unitKind" || k === "unitType");
}

export function rankCommand(argv: string[], io: Io): number {
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
