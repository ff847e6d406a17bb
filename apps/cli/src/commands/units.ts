/** `units`: the administrative map in force on a day and its units per kind, with the lineage between maps. */
import { lineageCounts, lineageReport, unitCountsOn, type MapInfo } from "@cds/admin-units";
import { isIsoDay, vietnamToday } from "@cds/calendar";
import { flags, pad, padL, UsageError, type Io } from "../input.ts";

const KIND_VI: Record<string, string> = { province: "Cấp tỉnh", district: "Cấp huyện", commune: "Cấp xã" };
const USAGE = "cds units [--at <yyyy-mm-dd>] --stats [--json]";

export function unitsCommand(argv: string[], io: Io): number {
  const { json, rest } = flags(argv);
  const args = [...rest];
  let at = vietnamToday();
  let stats = false;
  while (args.length > 0) {
    const a = args.shift()!;
    if (a === "--stats") stats = true;
    else if (a === "--at") {
      const day = args.shift();
      if (!day || !isIsoDay(day))
        throw new UsageError(`--at: cần một ngày có thật dạng yyyy-mm-dd (vd. 2025-06-30)\n${USAGE}`);
      at = day;
    } else throw new UsageError(`Tham số không hợp lệ: ${a}\n${USAGE}`);
  }
  if (!stats) throw new UsageError(`Thiếu --stats\n${USAGE}`);
  const { map, counts } = unitCountsOn(at);
  const lineage = lineageCounts();
  const report = lineageReport();
  const unresolved = {
    predecessorsNotCommunes: report.predecessorsNotCommunes,
    communesWithoutSuccessor: report.communesWithoutSuccessor.map((c) => c.code),
  };
  if (json) {
    io.out(JSON.stringify({ at, map: mapJson(map), counts, lineage, unresolved }, null, 2));
    return 0;
  }
  const lines = [`Ngày ${at}: ${map.name} (mã ${map.id}, ${period(map)})`];
  for (const [kind, n] of Object.entries(counts))
    lines.push(`  ${pad(`${KIND_VI[kind] ?? kind}:`, 11)}${padL(n.toLocaleString("vi-VN"), 7)}`);
  lines.push(
    "",
    "Sáp nhập 01/07/2025 (cũ → mới):",
    `  tỉnh: ${lineage.province.FULL} toàn bộ, ${lineage.province.PARTIAL} một phần`,
    `  xã:   ${lineage.commune.FULL.toLocaleString("vi-VN")} toàn bộ, ${lineage.commune.PARTIAL.toLocaleString("vi-VN")} một phần`,
    "",
    "Dữ liệu không nói được (báo cáo, không đoán):",
    ...report.predecessorsNotCommunes.map(
      (p) =>
        `  ${p.oldCode} ${p.name} → xã mới ${p.newCode}: không phải xã trên bản đồ 03/2025` +
        (p.foundAs ? ` (là ${p.foundAs === "district" ? "huyện" : "tỉnh"})` : " (không có)"),
    ),
    `  xã của bản đồ 03/2025 không có đơn vị kế thừa: ${report.communesWithoutSuccessor.length}`,
  );
  io.out(lines.join("\n"));
  return 0;
}

const mapJson = (m: MapInfo) => ({
  id: m.id,
  name: m.name,
  asOf: m.asOf,
  validFrom: m.validFrom,
  validTo: m.validTo,
  kinds: m.kinds,
});
const period = (m: MapInfo) =>
  m.validFrom && m.validTo ? `${m.validFrom} → ${m.validTo}` : m.validFrom ? `từ ${m.validFrom}` : `đến ${m.validTo}`;
