import { describe, expect, it } from "vitest";
import { BUILT_IN_SETS, compareTargetsNullable, formatNumber, formatTarget, type TCriterion } from "./index.ts";

const commune = BUILT_IN_SETS["vn-2361-commune"]!;
const district = BUILT_IN_SETS["vn-2361-district"]!;
const byCode = (set: typeof commune, code: string): TCriterion => set.criteria.find((c) => c.code === code)!;

describe("formatNumber", () => {
  it("writes numbers as a Vietnamese civil servant reads them", () => {
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
    expect(formatNumber(33.333333)).toBe("33,33");
  });
});

describe("formatTarget", () => {
  it("reads each measure kind as the decision writes it", () => {
    const kts04 = byCode(commune, "KTS-04");
    expect(formatTarget(byCode(commune, "CQS-02"), 50)).toBe("≥ 50%");
    expect(formatTarget(byCode(commune, "CQS-04"), null)).toBe("Không áp dụng");
    expect(formatTarget(byCode(commune, "CQS-04"), true)).toBe("Có sử dụng hệ thống");
    expect(formatTarget(byCode(commune, "CQS-07"), 1)).toBe("Tối thiểu 1 nhân sự");
    expect(formatTarget(kts04, kts04.targets[4]!)).toBe(
      "Có 3 doanh nghiệp, hợp tác xã trở lên hoặc 100% doanh nghiệp, hợp tác xã trên địa bàn",
    );
    const chung = byCode(district, "CHUNG-01");
    expect(formatTarget(chung, chung.targets[2]!)).toBe(
      "100% xã, phường, thị trấn đạt từ mức 2 trở lên, trong đó tối thiểu 50% đạt mức 3",
    );
    expect(formatTarget(chung, chung.targets[2]!, "en")).toBe(
      "100% at level 2 or above, of which at least 50% at level 3",
    );
  });
});

describe("compareTargetsNullable", () => {
  it("says which way a target moved", () => {
    expect(compareTargetsNullable("percentage", 50, 55)).toBe("stricter");
    expect(compareTargetsNullable("percentage", 55, 50)).toBe("looser");
    expect(compareTargetsNullable("percentage", 50, 50)).toBe("same");
    expect(compareTargetsNullable("boolean", null, true)).toBe("stricter");
    expect(compareTargetsNullable("boolean", true, null)).toBe("looser");
    expect(compareTargetsNullable("countOrAll", { min: 3, orAll: true }, { min: 3, orAll: false })).toBe("stricter");
    expect(compareTargetsNullable("countOrAll", { min: 2, orAll: false }, { min: 3, orAll: true })).toBe("stricter");
    expect(
      compareTargetsNullable(
        "childLevels",
        { allAtLeast: 2, share: { atLeast: 3, percent: 50 } },
        { allAtLeast: 3, share: { atLeast: 3, percent: 40 } },
      ),
    ).toBe("changed");
  });
});

describe("Vietnamese search", () => {
  it("ignores diacritics and tone placement, and matches from a word start", async () => {
    const { searchName, matchesSearch, slugify } = await import("./index.ts");
    expect(searchName("  Phường  Yên Hoà ")).toBe("phuong yen hoa");
    expect(searchName("Xã Yên Hòa")).toBe("xa yen hoa");
    expect(searchName("Đồng Đăng")).toBe("dong dang");
    expect(matchesSearch("Phường Yên Hoà", "yen hoa")).toBe(true);
    expect(matchesSearch("Huyện Hoàng Su Phì", "yen hoa")).toBe(false);
    expect(slugify("Tỉnh Bà Rịa - Vũng Tàu")).toBe("tinh-ba-ria-vung-tau");
  });
});

describe("Vietnamese order", () => {
  it("sorts by the Vietnamese alphabet (Đ after D, before E), then by number", async () => {
    const { compareVietnamese, sortByVietnamese } = await import("./index.ts");
    const names = [
      "Huế",
      "Gia Lai",
      "Đà Nẵng",
      "Hà Nội",
      "Cà Mau",
      "Đắk Lắk",
      "Điện Biên",
      "Ê Đê",
      "Dak Nong",
      "Phường 10",
      "Phường 2",
    ];
    expect([...names].sort(compareVietnamese)).toEqual([
      "Cà Mau",
      "Dak Nong",
      "Đà Nẵng",
      "Đắk Lắk",
      "Điện Biên",
      "Ê Đê",
      "Gia Lai",
      "Hà Nội",
      "Huế",
      "Phường 2",
      "Phường 10",
    ]);
    expect(sortByVietnamese([{ n: "Huế" }, { n: "Hà Nội" }], (x) => x.n).map((x) => x.n)).toEqual(["Hà Nội", "Huế"]);
  });
});
