/** The set documents themselves: `export` a built-in set, `validate` a document, `diff` two sets. */
import { builtInSet, builtInSetIds, isScored, scoreComponents, validateCriteriaSet } from "@cds/criteria-schema";
import { diff, diffPoints, formatPoints, type PointsDiff, type SetDiff } from "@cds/criteria-core";
import { flags, loadSet, need, readJson, UsageError, type Io } from "../input.ts";

export function exportCommand(args: string[], io: Io): number {
  need(args, 1, "cds export <id>");
  const set = builtInSet(args[0]!);
  if (!set) throw new UsageError(`id: không có bộ tiêu chí "${args[0]}" (có sẵn: ${builtInSetIds().join(", ")})`);
  io.out(JSON.stringify(set, null, 2));
  return 0;
}

export function validateCommand(args: string[], io: Io): number {
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

export function diffCommand(args: string[], io: Io): number {
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
