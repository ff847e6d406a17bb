import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DATA_DIR, lineageReport, loadThreeTierMap, loadTwoTierMap } from "./index.ts";

describe("three-tier map of 01/03/2025", () => {
  const map = loadThreeTierMap();
  it("has the GSO counts: 63 provinces, 696 districts, 10,047 communes", () => {
    expect(map.asOf).toBe("2025-03-01");
    expect(map.provinces).toHaveLength(63);
    expect(map.provinces.reduce((n, p) => n + p.districts.length, 0)).toBe(696);
    expect(map.provinces.reduce((n, p) => n + p.districts.reduce((m, d) => m + d.communes.length, 0), 0)).toBe(10_047);
  });
  it("keeps codes and names as published", () => {
    const hanoi = map.provinces.find((p) => p.code === "01")!;
    expect(hanoi).toMatchObject({ name: "Thành phố Hà Nội", type: "Thành phố Trung ương" });
    expect(hanoi.districts[0]).toMatchObject({ code: "001", name: "Quận Ba Đình", type: "Quận" });
    expect(hanoi.districts[0]!.communes[0]).toEqual({ code: "00001", name: "Phường Phúc Xá", type: "Phường" });
  });
  it("has unique codes", () => {
    const codes = map.provinces.flatMap((p) => p.districts.flatMap((d) => d.communes.map((c) => c.code)));
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("two-tier map of 01/07/2025", () => {
  const map = loadTwoTierMap();
  it("has 34 provinces and 3,321 communes, as its stats say", () => {
    const raw = JSON.parse(readFileSync(`${DATA_DIR}/admin-units-2025-07-01-merges.json`, "utf8")) as {
      stats: { level1_count: number; level2_count: number };
    };
    expect(map.provinces).toHaveLength(raw.stats.level1_count);
    expect(map.provinces).toHaveLength(34);
    expect(map.provinces.reduce((n, p) => n + p.communes.length, 0)).toBe(3_321);
  });
  it("carries merges as predecessors with their kind", () => {
    const ninhBinh = map.provinces.find((p) => p.name === "Tỉnh Ninh Bình")!;
    expect(ninhBinh.predecessors.map((p) => p.name).sort()).toEqual(["Tỉnh Hà Nam", "Tỉnh Nam Định", "Tỉnh Ninh Bình"]);
    const baDinh = map.provinces[0]!.communes.find((c) => c.name === "Phường Ba Đình")!;
    expect(baDinh.type).toBe("Phường");
    expect(baDinh.predecessors[0]).toEqual({ code: "00004", name: "Phường Trúc Bạch", kind: "FULL" });
    expect(baDinh.predecessors.some((p) => p.kind === "PARTIAL")).toBe(true);
  });
  it("derives the type of every commune from its name (Xã, Phường, Đặc khu)", () => {
    const types = new Map<string, number>();
    for (const p of map.provinces) for (const c of p.communes) types.set(c.type, (types.get(c.type) ?? 0) + 1);
    expect(Object.fromEntries(types)).toEqual({ Phường: 687, Xã: 2621, "Đặc khu": 13 });
  });
});

describe("lineage report", () => {
  it("names the 5 predecessors that are old districts without communes, and no commune left without a successor", () => {
    const r = lineageReport();
    expect(r.predecessorsNotCommunes.map((x) => x.oldCode).sort()).toEqual(["318", "471", "498", "536", "755"]);
    expect(r.predecessorsNotCommunes.every((x) => x.foundAs === "district")).toBe(true);
    expect(r.predecessorsNotCommunes.find((x) => x.oldCode === "318")).toMatchObject({ name: "Huyện Bạch Long Vĩ" });
    expect(r.communesWithoutSuccessor).toEqual([]);
  });
});
