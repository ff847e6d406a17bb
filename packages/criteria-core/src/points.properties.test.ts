/**
 * Property tests (fast-check) of scored indices over arbitrary valid sets and
 * values, against a reference written here with plain BigInt fractions (never
 * normalised, compared by cross-multiplication), independent of the engine's
 * exact arithmetic:
 * - the total is exactly the sum of the component points (sum), or Σ w × index
 *   scaled to the total (weighted);
 * - a non-applicable component re-normalises its group as the set declares;
 * - rounding happens once, at the end, half-up on the exact value;
 * - ranking does not depend on input order, and ties share ranks (1, 2, 2, 4).
 */
import { testComponent, testDocument } from "@cds/criteria-schema/fixtures/documents.ts";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareVietnamese, parseCriteriaSet, type TCriteriaSet } from "@cds/criteria-schema";
import { rank, score, type ComponentValue, type RankInput } from "./index.ts";

const RUNS = 150;

// ---------------------------------------------------------------------------
// Reference fractions: [numerator, denominator], never reduced
// ---------------------------------------------------------------------------
type F = [bigint, bigint];
const F0: F = [0n, 1n];
const fAdd = (a: F, b: F): F => [a[0] * b[1] + b[0] * a[1], a[1] * b[1]];
const fMul = (a: F, b: F): F => [a[0] * b[0], a[1] * b[1]];
const fDiv = (a: F, b: F): F => [a[0] * b[1], a[1] * b[0]];
const fEq = (a: F, b: F) => a[0] * b[1] === b[0] * a[1];
const fCmp = (a: F, b: F) => {
  const l = a[0] * b[1];
  const r = b[0] * a[1];
  return l < r ? -1 : l > r ? 1 : 0;
};
/** Hundredths → F. */
const h = (n: number): F => [BigInt(n), 100n];
const fromExact = (e: { numerator: string; denominator: string }): F => [BigInt(e.numerator), BigInt(e.denominator)];
/** Half-up to d decimals, as text: the reference of scoreText. */
function fixed(x: F, d: number): string {
  const s = 10n ** BigInt(d);
  const q = (2n * x[0] * s + x[1]) / (2n * x[1]);
  const t = q.toString().padStart(d + 1, "0");
  return d === 0 ? t : `${t.slice(0, -d)}.${t.slice(-d)}`;
}

// ---------------------------------------------------------------------------
// Arbitrary scored sets, kept in hundredths so every number is exact as written
// ---------------------------------------------------------------------------
type RuleGen =
  | { kind: "yesNo" }
  | { kind: "ratio"; floorH?: number; capH?: number }
  | { kind: "bands"; on: "percentage" | "count"; bands: { at: number; pointsH: number }[] }
  | { kind: "indexValue" }
  | { kind: "appraised" };
interface CompGen {
  maxH: number;
  rule: RuleGen;
  mayNotApply: boolean;
}
interface SetGen {
  method: "sum" | "weighted";
  notApplicable: "removeFromMax" | "scoreZero";
  decimals: number;
  groups: { weight: number; comps: CompGen[] }[];
}

const ruleArb = (maxH: number): fc.Arbitrary<RuleGen> =>
  fc.oneof(
    fc.constant<RuleGen>({ kind: "yesNo" }),
    fc.constant<RuleGen>({ kind: "indexValue" }),
    fc.constant<RuleGen>({ kind: "appraised" }),
    fc
      .tuple(
        fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 5000, max: 10000 }), { nil: undefined }),
      )
      .map(([floorH, capH]) => ({
        kind: "ratio" as const,
        ...(floorH !== undefined ? { floorH } : {}),
        ...(capH !== undefined ? { capH } : {}),
      })),
    fc
      .tuple(
        fc.constantFrom<"percentage" | "count">("percentage", "count"),
        fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: maxH }), { minLength: 4, maxLength: 4 }),
      )
      .map(([on, ats, ps]) => {
        const thresholds = [...ats].sort((a, b) => b - a);
        const points = [...ps].sort((a, b) => b - a);
        return { kind: "bands" as const, on, bands: thresholds.map((at, i) => ({ at, pointsH: points[i]! })) };
      }),
  );

const compArb: fc.Arbitrary<CompGen> = fc
  .integer({ min: 1, max: 5000 })
  .chain((maxH) => fc.record({ maxH: fc.constant(maxH), rule: ruleArb(maxH), mayNotApply: fc.boolean() }));

const setArb: fc.Arbitrary<SetGen> = fc
  .record({
    method: fc.constantFrom<"sum" | "weighted">("sum", "weighted"),
    notApplicable: fc.constantFrom<"removeFromMax" | "scoreZero">("removeFromMax", "scoreZero"),
    decimals: fc.integer({ min: 0, max: 4 }),
    groups: fc.array(
      fc.record({ weight: fc.integer({ min: 0, max: 300 }), comps: fc.array(compArb, { minLength: 1, maxLength: 5 }) }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
  })
  .map((g) =>
    g.method === "weighted" && g.groups.every((x) => x.weight === 0)
      ? { ...g, groups: g.groups.map((x, i) => (i === 0 ? { ...x, weight: 1 } : x)) }
      : g,
  );

const code = (gi: number, ci: number) => `G${gi}-${String(ci + 1).padStart(2, "0")}`;
const sumH = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function buildSet(g: SetGen, drop?: { gi: number; ci: number }): TCriteriaSet {
  const groups = g.groups.map((grp, gi) => {
    const comps = grp.comps.map((c, ci) => ({ c, ci })).filter(({ ci }) => !(drop && drop.gi === gi && drop.ci === ci));
    return {
      code: `G${gi}`,
      name: `Nhóm ${gi}`,
      max: sumH(comps.map(({ c }) => c.maxH)) / 100,
      ...(g.method === "weighted" ? { weight: grp.weight } : {}),
      components: comps.map(({ c, ci }) => ({
        code: code(gi, ci),
        name: `Thành phần ${ci}`,
        max: c.maxH / 100,
        mayNotApply: c.mayNotApply,
        method: "m",
        dataSource: "d",
        rule:
          c.rule.kind === "ratio"
            ? {
                kind: "ratio",
                ...(c.rule.floorH !== undefined ? { floor: c.rule.floorH / 100 } : {}),
                ...(c.rule.capH !== undefined ? { cap: c.rule.capH / 100 } : {}),
              }
            : c.rule.kind === "bands"
              ? {
                  kind: "bands",
                  on: c.rule.on,
                  bands: c.rule.bands.map((b) => ({ atLeast: b.at, points: b.pointsH / 100 })),
                }
              : { kind: c.rule.kind },
      })),
    };
  });
  return parseCriteriaSet({
    ...testDocument({ id: "prop-index", title: "Bộ chỉ số sinh ngẫu nhiên" }),
    judgedBy: "points",
    scoring: {
      total: {
        max: g.method === "sum" ? sumH(groups.map((x) => Math.round(x.max * 100))) / 100 : 1000,
        method: g.method,
      },
      notApplicable: g.notApplicable,
      decimals: g.decimals,
      groups,
    },
  });
}

/** A value per component: [value, reference points] with the reference computed from the rule here. */
type ValGen =
  | { kind: "missing" }
  | { kind: "na" }
  | { kind: "frac"; n: number; d: number }
  | { kind: "bool"; b: boolean }
  | { kind: "count"; n: number }
  | { kind: "idx"; x: number }
  | { kind: "pts"; q: number };

const valArb = (c: CompGen): fc.Arbitrary<ValGen> => {
  const main: fc.Arbitrary<ValGen> =
    c.rule.kind === "yesNo"
      ? fc.boolean().map((b) => ({ kind: "bool", b }))
      : c.rule.kind === "indexValue"
        ? fc.integer({ min: 0, max: 10_000 }).map((x) => ({ kind: "idx", x }))
        : c.rule.kind === "appraised"
          ? fc.integer({ min: 0, max: c.maxH }).map((q) => ({ kind: "pts", q }))
          : c.rule.kind === "bands" && c.rule.on === "count"
            ? fc.integer({ min: 0, max: 120 }).map((n) => ({ kind: "count", n }))
            : fc
                .integer({ min: 1, max: 5000 })
                .chain((d) => fc.integer({ min: 0, max: d }).map((n) => ({ kind: "frac" as const, n, d })));
  return fc.oneof(
    { arbitrary: main, weight: 8 },
    { arbitrary: fc.constant<ValGen>({ kind: "missing" }), weight: 1 },
    ...(c.mayNotApply ? [{ arbitrary: fc.constant<ValGen>({ kind: "na" }), weight: 2 }] : []),
  );
};

function raw(v: ValGen): ComponentValue | undefined {
  switch (v.kind) {
    case "missing":
      return undefined;
    case "na":
      return { notApplicable: true };
    case "frac":
      return { numerator: v.n, denominator: v.d };
    case "bool":
      return v.b;
    case "count":
      return { count: v.n };
    case "idx":
      return v.x / 10_000;
    case "pts":
      return { points: v.q / 100 };
  }
}

/** Reference points of one component. */
function refPoints(c: CompGen, v: ValGen): F {
  const max = h(c.maxH);
  const r = c.rule;
  switch (v.kind) {
    case "missing":
    case "na":
      return F0;
    case "bool":
      return v.b ? max : F0;
    case "idx":
      return fMul(max, [BigInt(v.x), 10_000n]);
    case "pts":
      return h(v.q);
    case "count":
      if (r.kind !== "bands") throw new Error("count on a non-band rule");
      for (const b of r.bands) if (v.n >= b.at) return h(b.pointsH);
      return F0;
    case "frac": {
      const share: F = [BigInt(v.n), BigInt(v.d)];
      if (r.kind === "bands") {
        for (const b of r.bands) if (fCmp(share, [BigInt(b.at), 100n]) >= 0) return h(b.pointsH);
        return F0;
      }
      if (r.kind !== "ratio") throw new Error("fraction on a non-ratio rule");
      if (r.floorH !== undefined && fCmp(share, [BigInt(r.floorH), 10_000n]) < 0) return F0;
      const cap: F = [BigInt(r.capH ?? 10_000), 10_000n];
      return fMul(max, fDiv(fCmp(share, cap) >= 0 ? cap : share, cap));
    }
  }
}

const caseArb = setArb.chain((g) =>
  fc
    .tuple(fc.constant(g), fc.tuple(...g.groups.map((grp) => fc.tuple(...grp.comps.map(valArb)))))
    .map(([gen, vals]) => ({ gen, vals: vals })),
);

function valuesOf(gen: SetGen, vals: ValGen[][], drop?: { gi: number; ci: number }): Record<string, ComponentValue> {
  const out: Record<string, ComponentValue> = {};
  gen.groups.forEach((grp, gi) =>
    grp.comps.forEach((_, ci) => {
      if (drop && drop.gi === gi && drop.ci === ci) return;
      const r = raw(vals[gi]![ci]!);
      if (r !== undefined) out[code(gi, ci)] = r;
    }),
  );
  return out;
}

/** The reference total, following the declared rules from scratch. */
function refScore(gen: SetGen, vals: ValGen[][]): F {
  const remove = gen.notApplicable === "removeFromMax";
  const groups = gen.groups.map((grp, gi) => {
    let earned = F0;
    let maxA = F0;
    let anyNa = false;
    grp.comps.forEach((c, ci) => {
      const v = vals[gi]![ci]!;
      if (v.kind === "na" && remove) {
        anyNa = true;
        return;
      }
      earned = fAdd(earned, refPoints(c, v));
      maxA = fAdd(maxA, h(c.maxH));
    });
    const max = h(sumH(grp.comps.map((c) => c.maxH)));
    if (anyNa && maxA[0] === 0n) return { na: true, points: F0, max };
    return { na: false, points: anyNa ? fMul(earned, fDiv(max, maxA)) : earned, max };
  });
  if (gen.method === "weighted") {
    let w = F0;
    let acc = F0;
    gen.groups.forEach((grp, gi) => {
      const x = groups[gi]!;
      if (x.na) return;
      w = fAdd(w, [BigInt(grp.weight), 1n]);
      acc = fAdd(acc, fMul([BigInt(grp.weight), 1n], fDiv(x.points, x.max)));
    });
    return w[0] === 0n ? F0 : fMul(acc, fDiv([1000n, 1n], w));
  }
  const live = groups.filter((x) => !x.na);
  const total = groups.reduce((a, x) => fAdd(a, x.max), F0);
  const sum = live.reduce((a, x) => fAdd(a, x.points), F0);
  const maxA = live.reduce((a, x) => fAdd(a, x.max), F0);
  if (live.length === groups.length) return sum;
  return maxA[0] === 0n ? F0 : fMul(sum, fDiv(total, maxA));
}

describe("score: properties over arbitrary valid scored sets", () => {
  it("every generated set is valid, the score equals the reference exactly, and scoreText is its half-up rounding", () => {
    fc.assert(
      fc.property(caseArb, ({ gen, vals }) => {
        const set = buildSet(gen);
        const s = score(set, valuesOf(gen, vals));
        const ref = refScore(gen, vals);
        expect(fEq(fromExact(s.exact), ref)).toBe(true);
        expect(s.scoreText).toBe(fixed(ref, gen.decimals));
        // every component's points, exactly
        s.components.forEach((c, i) => {
          const gi = Number(c.code.slice(1, c.code.indexOf("-")));
          const ci = Number(c.code.slice(c.code.indexOf("-") + 1)) - 1;
          expect(fEq(fromExact(c.exact), refPoints(gen.groups[gi]!.comps[ci]!, vals[gi]![ci]!)), `component ${i}`).toBe(
            true,
          );
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("component points add up to the total exactly (sum, nothing non-applicable), though their rounded texts need not", () => {
    fc.assert(
      fc.property(
        caseArb.filter(({ gen, vals }) => gen.method === "sum" && vals.every((g) => g.every((v) => v.kind !== "na"))),
        ({ gen, vals }) => {
          const s = score(buildSet(gen), valuesOf(gen, vals));
          const sum = s.components.reduce<F>((a, c) => fAdd(a, fromExact(c.exact)), F0);
          expect(fEq(sum, fromExact(s.exact))).toBe(true);
          const groups = s.groups.reduce<F>((a, g) => fAdd(a, fromExact(g.exact)), F0);
          expect(fEq(groups, fromExact(s.exact))).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("removeFromMax: a group with a non-applicable component has the index of the same group without it, re-scaled to its maximum", () => {
    fc.assert(
      fc.property(
        caseArb.filter(
          ({ gen, vals }) =>
            gen.notApplicable === "removeFromMax" &&
            vals.some((g, gi) => g.some((v) => v.kind === "na") && g.length > 1 && gen.groups[gi]!.comps.length > 1),
        ),
        ({ gen, vals }) => {
          const gi = vals.findIndex((g) => g.some((v) => v.kind === "na") && g.length > 1);
          const ci = vals[gi]!.findIndex((v) => v.kind === "na");
          const withNa = score(buildSet(gen), valuesOf(gen, vals)).groups[gi]!;
          const reduced = score(buildSet(gen, { gi, ci }), valuesOf(gen, vals, { gi, ci })).groups[gi]!;
          if (reduced.notApplicable) {
            expect(withNa.notApplicable).toBe(true);
            return;
          }
          const maxFull = h(sumH(gen.groups[gi]!.comps.map((c) => c.maxH)));
          const maxReduced = h(sumH(gen.groups[gi]!.comps.filter((_, i) => i !== ci).map((c) => c.maxH)));
          // same index …
          expect(fEq(fDiv(fromExact(withNa.exact), maxFull), fDiv(fromExact(reduced.exact), maxReduced))).toBe(true);
          expect(withNa.indexText).toBe(reduced.indexText);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("scoreZero: a non-applicable component scores exactly like a missing one (0, maximum kept)", () => {
    fc.assert(
      fc.property(
        caseArb.filter(
          ({ gen, vals }) => gen.notApplicable === "scoreZero" && vals.some((g) => g.some((v) => v.kind === "na")),
        ),
        ({ gen, vals }) => {
          const set = buildSet(gen);
          const asMissing = vals.map((g) => g.map((v): ValGen => (v.kind === "na" ? { kind: "missing" } : v)));
          expect(score(set, valuesOf(gen, vals)).exact).toEqual(score(set, valuesOf(gen, asMissing)).exact);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("rounding happens once, at the end", () => {
  it("three components at 1/3 of a point each: the total prints 1, their rounded parts 0 + 0 + 0", () => {
    const comp = (c: string) => testComponent(c, 1, { kind: "ratio" });
    const set = parseCriteriaSet({
      ...testDocument({ id: "thirds", title: "Một phần ba" }),
      judgedBy: "points",
      scoring: {
        total: { max: 3, method: "sum" },
        notApplicable: "scoreZero",
        decimals: 0,
        groups: [{ code: "A", name: "A", max: 3, components: ["A-01", "A-02", "A-03"].map(comp) }],
      },
    });
    const third = { numerator: 1, denominator: 3 };
    const s = score(set, { "A-01": third, "A-02": third, "A-03": third });
    expect(s.components.map((c) => c.pointsText)).toEqual(["0", "0", "0"]);
    expect(s.scoreText).toBe("1");
    expect(s.exact).toEqual({ numerator: "1", denominator: "1" });
  });
});

describe("rank: properties", () => {
  const entryArb = fc.record({
    unit: fc.constantFrom(
      "Xã An Bình",
      "Xã Ân Thi",
      "Phường Đông Ba",
      "Xã Dương Minh Châu",
      "Phường 2",
      "Phường 10",
      "Xã Ea Kar",
      "Đặc khu Phú Quốc",
      "Xã Ấp Bắc",
      "Xã Yên Hòa",
    ),
    n: fc.integer({ min: 0, max: 6 }),
    d: fc.integer({ min: 1, max: 3 }),
    group: fc.constantFrom(null, "xa", "phuong"),
  });
  const entriesArb = fc.uniqueArray(entryArb, { selector: (e) => e.unit, minLength: 1, maxLength: 10 });
  const toInput = (e: { unit: string; n: number; d: number; group: string | null }): RankInput => ({
    unit: e.unit,
    group: e.group,
    score: {
      score: e.n / e.d,
      scoreText: (e.n / e.d).toFixed(2),
      exact: { numerator: String(e.n), denominator: String(e.d) },
    },
  });

  it("is independent of input order; ranks are 1 + the number strictly better in the group; ties share a rank, listed in Vietnamese order", () => {
    fc.assert(
      fc.property(entriesArb, fc.integer(), (es, seed) => {
        const inputs = es.map(toInput);
        const rows = rank(inputs, ["xa", "phuong"]);
        const shuffled = [...inputs].sort(
          (a, b) => ((a.unit.length * 31 + seed) % 7) - ((b.unit.length * 31 + seed) % 7) || (seed & 1 ? 1 : -1),
        );
        expect(rank(shuffled, ["xa", "phuong"])).toEqual(rows);
        const val = (u: string) => {
          const e = es.find((x) => x.unit === u)!;
          return [BigInt(e.n), BigInt(e.d)] as F;
        };
        for (const r of rows) {
          const better = rows.filter((o) => o.group === r.group && fCmp(val(o.unit), val(r.unit)) > 0).length;
          expect(r.rank).toBe(better + 1);
        }
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [rows[i - 1]!, rows[i]!];
          if (a.group !== b.group) continue;
          const c = fCmp(val(a.unit), val(b.unit));
          expect(c).toBeGreaterThanOrEqual(0);
          if (c === 0) {
            expect(a.rank).toBe(b.rank);
            expect(compareVietnamese(a.unit, b.unit)).toBeLessThan(0);
          }
        }
        // groups in the declared order, ungrouped last
        const order = rows.map((r) => r.group).filter((g, i, xs) => xs.indexOf(g) === i);
        expect(order).toEqual(["xa", "phuong", null].filter((g) => rows.some((r) => r.group === g)));
      }),
      { numRuns: 300 },
    );
  });

  it("competition ranking: 1, 2, 2, 4 — equal exact values tie even when written differently (2/4 = 1/2)", () => {
    const rows = rank([
      { unit: "Xã B", score: { score: 0.5, scoreText: "0.50", exact: { numerator: "2", denominator: "4" } } },
      { unit: "Xã A", score: { score: 0.5, scoreText: "0.50", exact: { numerator: "1", denominator: "2" } } },
      { unit: "Xã C", score: { score: 0.9, scoreText: "0.90", exact: { numerator: "9", denominator: "10" } } },
      { unit: "Xã D", score: { score: 0.1, scoreText: "0.10", exact: { numerator: "1", denominator: "10" } } },
    ]);
    expect(rows.map((r) => [r.rank, r.unit])).toEqual([
      [1, "Xã C"],
      [2, "Xã A"],
      [2, "Xã B"],
      [4, "Xã D"],
    ]);
    // printed the same, but not equal: no tie
    const close = rank([
      { unit: "Xã A", score: { score: 0.5, scoreText: "0.50", exact: { numerator: "4999", denominator: "10000" } } },
      { unit: "Xã B", score: { score: 0.5, scoreText: "0.50", exact: { numerator: "1", denominator: "2" } } },
    ]);
    expect(close.map((r) => [r.rank, r.unit])).toEqual([
      [1, "Xã B"],
      [2, "Xã A"],
    ]);
  });

  it("ranks exactly where a float cannot tell the scores apart, or cannot hold them", () => {
    const big = 10n ** 40n;
    const huge = 10n ** 400n; // beyond a float's range
    const at = (unit: string, n: bigint, d: bigint) => ({
      unit,
      score: { score: 1, scoreText: "1.00", exact: { numerator: String(n), denominator: String(d) } },
    });
    const rows = rank([
      at("Xã A", big - 1n, big),
      at("Xã B", 1n, 1n),
      at("Xã C", big + 1n, big),
      at("Xã D", huge + 1n, huge),
      at("Xã E", 2n * huge, 2n * huge),
      at("Xã F", huge, 1n),
      at("Xã G", 5n, 1n),
      at("Xã H", -3n, -2n),
    ]);
    expect(rows.map((r) => [r.rank, r.unit])).toEqual([
      [1, "Xã F"],
      [2, "Xã G"],
      [3, "Xã H"],
      [4, "Xã C"],
      [5, "Xã D"],
      [6, "Xã B"],
      [6, "Xã E"],
      [8, "Xã A"],
    ]);
  });
});
