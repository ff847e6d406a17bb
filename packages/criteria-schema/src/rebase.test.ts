import { describe, expect, it } from "vitest";
import {
  BUILT_IN_SETS,
  NATIONAL_UNIT_KINDS,
  rebaseCriteriaSet,
  resolveRebase,
  validateCriteriaSet,
  type RebaseResult,
  type TCriteriaSet,
  type TCriterion,
} from "./index.ts";

const national = (): TCriteriaSet => structuredClone(BUILT_IN_SETS["vn-2361-commune"]!);

function criterion(doc: TCriteriaSet, code: string): TCriterion {
  const c = doc.criteria.find((x) => x.code === code);
  if (!c) throw new Error(`no ${code}`);
  return c;
}

function withTargets(doc: TCriteriaSet, code: string, targets: unknown[]): void {
  Object.assign(criterion(doc, code), { targets });
}

function drop(doc: TCriteriaSet, code: string): void {
  doc.criteria = doc.criteria.filter((c) => c.code !== code);
}

function insertAfter(doc: TCriteriaSet, after: string, c: TCriterion): void {
  doc.criteria.splice(doc.criteria.findIndex((x) => x.code === after) + 1, 0, c);
}

const codes = (doc: TCriteriaSet) => doc.criteria.map((c) => c.code);
const keys = (xs: { key: string }[]) => xs.map((x) => x.key);

const KTS_06: TCriterion = {
  code: "KTS-06",
  group: "KTS",
  name: "Tỷ lệ hộ kinh doanh sử dụng thanh toán không dùng tiền mặt",
  unit: "%",
  subject: "hộ kinh doanh",
  method: "Số hộ kinh doanh có tài khoản thanh toán điện tử trên tổng số hộ kinh doanh của xã.",
  legalBasis: ["Quyết định số 1813/QĐ-TTg."],
  local: false,
  exemptWhenNoSubjects: true,
  measure: "percentage",
  targets: [null, 20, 40, 60, 80],
};

const CQS_25: TCriterion = {
  code: "CQS-25",
  group: "CQS",
  name: "Tỷ lệ thôn, tổ dân phố có tổ công nghệ số cộng đồng hoạt động thường xuyên",
  unit: "%",
  subject: "thôn, tổ dân phố",
  method: "Số thôn, tổ dân phố có tổ công nghệ số cộng đồng hoạt động thường xuyên trên tổng số thôn của xã.",
  legalBasis: ["Thực tế tại địa phương."],
  local: true,
  exemptWhenNoSubjects: false,
  measure: "percentage",
  targets: [null, 50, 70, 90, 100],
};

const NEW_METHOD = "Phương pháp tính mới theo Thông tư hướng dẫn.";

/** "National v1.1": national v1.0 with changes of every kind. */
function nationalNew(): TCriteriaSet {
  const doc = national();
  doc.version = "1.1";
  doc.title = "Khung tiêu chí đánh giá mức độ chuyển đổi số cấp xã (Phiên bản 1.1)";
  doc.issuer = { ...doc.issuer, decisionNumber: "100/QĐ-BKHCN", decisionDate: "2025-06-01" };
  withTargets(doc, "CQS-01", [50, 60, 75, 100, 100]); // only the nation: applied
  withTargets(doc, "CQS-02", [25, 35, 55, 80, 90]); // the province too, differently: conflict
  criterion(doc, "CQS-03").method = NEW_METHOD; // the province the same way: nothing to do
  criterion(doc, "CQS-05").method = NEW_METHOD; // the province dropped it: conflict
  insertAfter(doc, "KTS-05", structuredClone(KTS_06)); // added
  drop(doc, "XHS-08"); // the province changed it: conflict
  drop(doc, "XHS-09"); // untouched by the province: deleted
  doc.groups = doc.groups.map((g) => (g.code === "XHS" ? { ...g, nameEn: "Digital society (rev.)" } : g));
  return doc;
}

/** Ninh Bình's set, cloned from national v1.0 and adjusted. */
function province(): TCriteriaSet {
  const doc = national();
  doc.id = "ninh-binh-commune";
  doc.version = "1.0";
  doc.title = "Bộ tiêu chí đánh giá mức độ chuyển đổi số cấp xã tỉnh Ninh Bình";
  doc.issuer = { tenant: "ninh-binh", name: "Ủy ban nhân dân tỉnh Ninh Bình", decisionNumber: "215/QĐ-UBND" };
  doc.basedOn = { id: "vn-2361-commune", version: "1.0" };
  withTargets(doc, "CQS-02", [30, 40, 60, 80, 90]);
  criterion(doc, "CQS-03").method = NEW_METHOD;
  drop(doc, "CQS-05");
  withTargets(doc, "CQS-07", [1, 1, 2, 2, 3]);
  insertAfter(doc, "CQS-24", structuredClone(CQS_25));
  Object.assign(criterion(doc, "XHS-08"), { yesLabel: "Có nền tảng học trực tuyến của tỉnh" });
  return doc;
}

function rebaseDemo(): { base: TCriteriaSet; theirs: TCriteriaSet; ours: TCriteriaSet; result: RebaseResult } {
  const base = national();
  const theirs = nationalNew();
  const ours = province();
  return { base, theirs, ours, result: rebaseCriteriaSet({ base, theirs, ours }) };
}

describe("rebaseCriteriaSet on national v1.0 → v1.1 and Ninh Bình's set", () => {
  it("applies what only the nation changed, in document order", () => {
    const { result } = rebaseDemo();
    expect(keys(result.applied)).toEqual(["groups/XHS", "criteria/CQS-01", "criteria/XHS-09", "criteria/KTS-06"]);
    expect(result.applied.map((c) => c.kind)).toEqual(["modified", "modified", "deleted", "added"]);
    const cqs01 = result.applied[1]!;
    expect(cqs01.before).toMatchObject({ targets: [50, 60, 70, 100, 100] });
    expect(cqs01.after).toMatchObject({ targets: [50, 60, 75, 100, 100] });
    expect(cqs01.message).toBe(
      `Sửa tiêu chí CQS-01 — ${criterion(national(), "CQS-01").name} (khung quốc gia mới): chỉ tiêu mức Cơ bản: ≥ 70% → ≥ 75%`,
    );
    expect(result.applied[2]!.after).toBeNull();
    expect(result.applied[3]!.before).toBeNull();
    expect(result.applied[3]!.after).toEqual(KTS_06);
  });

  it("keeps the province's own changes and lists them", () => {
    const { result } = rebaseDemo();
    expect(keys(result.kept)).toEqual(["criteria/CQS-07", "criteria/CQS-25"]);
    expect(result.kept.map((c) => c.kind)).toEqual(["modified", "added"]);
  });

  it("reports each conflict with base, ours and theirs, and does not resolve it", () => {
    const { base, theirs, ours, result } = rebaseDemo();
    expect(result.conflicts.map((c) => ({ key: c.key, section: c.section, code: c.code, kind: c.kind }))).toEqual([
      { key: "title", section: "document", code: "title", kind: "bothModified" },
      { key: "criteria/CQS-02", section: "criteria", code: "CQS-02", kind: "bothModified" },
      { key: "criteria/XHS-08", section: "criteria", code: "XHS-08", kind: "oursModifiedTheirsDeleted" },
      { key: "criteria/CQS-05", section: "criteria", code: "CQS-05", kind: "oursDeletedTheirsModified" },
    ]);
    const [title, cqs02, xhs08, cqs05] = result.conflicts;
    expect(title).toMatchObject({ base: base.title, ours: ours.title, theirs: theirs.title });
    expect(cqs02!.base).toEqual(criterion(base, "CQS-02"));
    expect(cqs02!.ours).toEqual(criterion(ours, "CQS-02"));
    expect(cqs02!.theirs).toEqual(criterion(theirs, "CQS-02"));
    expect(xhs08!.theirs).toBeNull();
    expect(xhs08!.ours).toEqual(criterion(ours, "XHS-08"));
    expect(cqs05!.ours).toBeNull();
    expect(cqs05!.theirs).toEqual(criterion(theirs, "CQS-05"));
    expect(cqs02!.message).toBe(
      `Tiêu chí CQS-02 — ${criterion(ours, "CQS-02").name}: tỉnh và khung quốc gia mới cùng sửa, khác nhau — chọn giữ của tỉnh hoặc theo khung quốc gia mới`,
    );
    expect(xhs08!.messageEn).toContain("the province changed it, the new national version removes it");
  });

  it("gives a document with conflicts provisionally the province's, theirs' additions after their predecessor", () => {
    const { ours, theirs, result } = rebaseDemo();
    const doc = result.document;
    const expected = codes(ours).filter((c) => c !== "XHS-09");
    expected.splice(expected.indexOf("KTS-05") + 1, 0, "KTS-06");
    expect(codes(doc)).toEqual(expected);
    expect(doc.title).toBe(ours.title);
    expect(criterion(doc, "CQS-01").targets).toEqual([50, 60, 75, 100, 100]);
    expect(criterion(doc, "CQS-02").targets).toEqual([30, 40, 60, 80, 90]);
    expect(criterion(doc, "CQS-03").method).toBe(NEW_METHOD);
    expect(criterion(doc, "CQS-07").targets).toEqual([1, 1, 2, 2, 3]);
    expect(criterion(doc, "XHS-08")).toEqual(criterion(ours, "XHS-08"));
    expect(criterion(doc, "KTS-06")).toEqual(KTS_06);
    expect(doc.groups.find((g) => g.code === "XHS")!.nameEn).toBe("Digital society (rev.)");
    expect(doc.levels).toEqual(theirs.levels);
  });

  it("keeps the province's identity whatever the nation's says", () => {
    const { ours, result } = rebaseDemo();
    expect(result.document.id).toBe("ninh-binh-commune");
    expect(result.document.version).toBe("1.0");
    expect(result.document.issuer).toEqual(ours.issuer);
    expect(result.document.basedOn).toEqual({ id: "vn-2361-commune", version: "1.0" });
  });

  it("never changes its inputs", () => {
    const { base, theirs, ours } = rebaseDemo();
    expect(base).toEqual(national());
    expect(theirs).toEqual(nationalNew());
    expect(ours).toEqual(province());
  });
});

describe("resolveRebase", () => {
  it("refuses while a conflict is undecided, and a decision that names no conflict", () => {
    const { result } = rebaseDemo();
    const r = resolveRebase(result, { title: "ours", "criteria/CQS-02": "theirs", "criteria/CQS-99": "ours" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.key, p.reason])).toEqual([
      ["criteria/XHS-08", "undecided"],
      ["criteria/CQS-05", "undecided"],
      ["criteria/CQS-99", "unknown"],
    ]);
    expect(r.problems[0]!.message).toBe("Chưa chọn cách xử lý xung đột ở tiêu chí XHS-08");
  });

  it("takes the new national side where chosen: replaces, drops, and puts back after the predecessor", () => {
    const { theirs, result } = rebaseDemo();
    const r = resolveRebase(result, {
      title: "theirs",
      "criteria/CQS-02": "theirs",
      "criteria/XHS-08": "theirs",
      "criteria/CQS-05": "theirs",
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.document.title).toBe(theirs.title);
    expect(criterion(r.document, "CQS-02").targets).toEqual([25, 35, 55, 80, 90]);
    expect(codes(r.document)).not.toContain("XHS-08");
    expect(codes(r.document).slice(3, 6)).toEqual(["CQS-04", "CQS-05", "CQS-06"]);
    expect(criterion(r.document, "CQS-05").method).toBe(NEW_METHOD);
    expect(r.document.id).toBe("ninh-binh-commune");
  });

  it("keeps the province's side where chosen, and the result is a valid set", () => {
    const { ours, result } = rebaseDemo();
    const r = resolveRebase(result, {
      title: "ours",
      "criteria/CQS-02": "ours",
      "criteria/XHS-08": "ours",
      "criteria/CQS-05": "ours",
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.document).toEqual(result.document);
    expect(r.document.title).toBe(ours.title);
    expect(codes(r.document)).not.toContain("CQS-05");
    const v = validateCriteriaSet(r.document, { unitKinds: NATIONAL_UNIT_KINDS });
    expect(v.ok ? [] : v.issues).toEqual([]);
  });

  it("needs no decision when nothing conflicts", () => {
    const base = national();
    const theirs = nationalNew();
    const r = resolveRebase(rebaseCriteriaSet({ base, theirs, ours: national() }), {});
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    // An untouched copy of the national set becomes the new national set, identity aside.
    expect({ ...r.document, version: theirs.version, issuer: theirs.issuer }).toEqual(theirs);
  });
});

describe("three-way rules on small documents", () => {
  const item = (code: string, name = code): TCriterion => ({ ...structuredClone(KTS_06), code, name });
  const doc = (...cs: TCriterion[]): TCriteriaSet => ({ ...national(), criteria: cs });

  it("compares values, not key order (documents read back from jsonb)", () => {
    const a = item("A-1");
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as TCriterion;
    const r = rebaseCriteriaSet({ base: doc(a), theirs: doc(a), ours: doc(reordered) });
    expect([r.applied, r.kept, r.conflicts]).toEqual([[], [], []]);
  });

  it("counts an undefined optional property as absent", () => {
    const a = item("A-1");
    const r = rebaseCriteriaSet({ base: doc(a), theirs: doc(a), ours: doc({ ...a, subject: undefined }) });
    expect(keys(r.kept)).toEqual(["criteria/A-1"]);
    const same = rebaseCriteriaSet({
      base: doc({ ...a, yesLabel: undefined } as TCriterion),
      theirs: doc(a),
      ours: doc(a),
    });
    expect([same.applied, same.kept, same.conflicts]).toEqual([[], [], []]);
  });

  it("drops what both deleted and keeps what both added the same way, without listing either", () => {
    const r = rebaseCriteriaSet({
      base: doc(item("A-1"), item("A-2")),
      theirs: doc(item("A-1"), item("A-3")),
      ours: doc(item("A-1"), item("A-3")),
    });
    expect(codes(r.document)).toEqual(["A-1", "A-3"]);
    expect([r.applied, r.kept, r.conflicts]).toEqual([[], [], []]);
  });

  it("reports the same code added differently by both as a conflict", () => {
    const r = rebaseCriteriaSet({
      base: doc(item("A-1")),
      theirs: doc(item("A-1"), item("A-2", "quốc gia")),
      ours: doc(item("A-1"), item("A-2", "tỉnh")),
    });
    expect(r.conflicts.map((c) => [c.key, c.kind, c.base])).toEqual([["criteria/A-2", "bothAdded", null]]);
    const taken = resolveRebase(r, { "criteria/A-2": "theirs" });
    expect(taken.ok && taken.document.criteria.map((c) => c.name)).toEqual(["A-1", "quốc gia"]);
  });

  it("places consecutive additions in the nation's order, and one without a predecessor first", () => {
    const r = rebaseCriteriaSet({
      base: doc(item("A-1"), item("A-4")),
      theirs: doc(item("A-0"), item("A-1"), item("A-2"), item("A-3"), item("A-4")),
      ours: doc(item("L-1"), item("A-1"), item("L-2"), item("A-4")),
    });
    expect(codes(r.document)).toEqual(["A-0", "L-1", "A-1", "A-2", "A-3", "L-2", "A-4"]);
    expect(keys(r.applied)).toEqual(["criteria/A-0", "criteria/A-2", "criteria/A-3"]);
    expect(keys(r.kept)).toEqual(["criteria/L-1", "criteria/L-2"]);
  });

  it("puts an addition after the nearest predecessor the province still has", () => {
    const r = rebaseCriteriaSet({
      base: doc(item("A-1"), item("A-2"), item("A-3")),
      theirs: doc(item("A-1"), item("A-2"), item("N-1"), item("A-3")),
      ours: doc(item("A-1"), item("A-3")),
    });
    expect(codes(r.document)).toEqual(["A-1", "N-1", "A-3"]);
    expect(keys(r.kept)).toEqual(["criteria/A-2"]);
    expect(r.kept[0]!.kind).toBe("deleted");
  });

  it("merges top-level fields the same way, a field only the nation sets is applied", () => {
    const base = national();
    const theirs = { ...national(), description: "Mô tả mới" };
    const r = rebaseCriteriaSet({ base, theirs, ours: national() });
    expect(r.applied.map((c) => [c.key, c.kind, c.after])).toEqual([["description", "added", "Mô tả mới"]]);
    expect(r.document.description).toBe("Mô tả mới");
    const removed = rebaseCriteriaSet({ base: theirs, theirs: base, ours: { ...theirs } });
    expect(removed.document).not.toHaveProperty("description");
    expect(removed.applied.map((c) => [c.key, c.kind])).toEqual([["description", "deleted"]]);
  });
});
