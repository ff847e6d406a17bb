/**
 * The floor: a straightforward, tight hand-written judge of the same rules of
 * the same sets, producing the same information as criteria-core's evaluate
 * (achieved level, a status per criterion per level, per-level failing /
 * missing / exempt codes) but trusting the value shapes (no validation).
 */
import type { TCriteriaSet } from "@cds/criteria-schema";
import type { IndicatorValues, Status } from "../src/index.ts";

const PCT = 0;
const BOOL = 1;
const COUNT = 2;
const COUNT_OR_ALL = 3;
const CHILD = 4;
const KIND = { percentage: PCT, boolean: BOOL, minCount: COUNT, countOrAll: COUNT_OR_ALL, childLevels: CHILD } as const;

export interface HandSet {
  n: number;
  nLevels: number;
  codes: string[];
  kinds: Uint8Array;
  exempt: Uint8Array;
  /** Flat [criterion * nLevels + level], 1 where the target is not null. */
  applies: Uint8Array;
  /** percentage: target in hundredths; minCount / countOrAll: min; childLevels: allAtLeast. */
  a: Float64Array;
  /** percentage: target in percent (for plain-percent values); countOrAll: 1 when orAll; childLevels: share level or -1. */
  b: Float64Array;
  /** childLevels: share in hundredths of a percent. */
  c: Float64Array;
}

export interface HandResult {
  level: number;
  /** Flat [criterion * nLevels + level]. */
  statuses: Status[];
  failing: string[][];
  missing: string[][];
  exempt: string[][];
}

export function compileHand(set: TCriteriaSet): HandSet {
  const n = set.criteria.length;
  const nLevels = set.levels.length;
  const hs: HandSet = {
    n,
    nLevels,
    codes: set.criteria.map((c) => c.code),
    kinds: Uint8Array.from(set.criteria, (c) => KIND[c.measure]),
    exempt: Uint8Array.from(set.criteria, (c) => (c.exemptWhenNoSubjects ? 1 : 0)),
    applies: new Uint8Array(n * nLevels),
    a: new Float64Array(n * nLevels),
    b: new Float64Array(n * nLevels),
    c: new Float64Array(n * nLevels),
  };
  set.criteria.forEach((cr, i) => {
    for (let l = 0; l < nLevels; l++) {
      const k = i * nLevels + l;
      const t = cr.targets[l] ?? null;
      if (t === null) continue;
      hs.applies[k] = 1;
      switch (cr.measure) {
        case "percentage":
          hs.a[k] = Math.round((t as number) * 100);
          hs.b[k] = t as number;
          break;
        case "boolean":
          break;
        case "minCount":
          hs.a[k] = t as number;
          break;
        case "countOrAll": {
          const ct = t as { min: number; orAll: boolean };
          hs.a[k] = ct.min;
          hs.b[k] = ct.orAll ? 1 : 0;
          break;
        }
        case "childLevels": {
          const ct = t as { allAtLeast: number; share: { atLeast: number; percent: number } | null };
          hs.a[k] = ct.allAtLeast;
          hs.b[k] = ct.share ? ct.share.atLeast : -1;
          hs.c[k] = ct.share ? Math.round(ct.share.percent * 100) : 0;
          break;
        }
      }
    }
  });
  return hs;
}

// Reused scratch for child-level tallies (levels 0..10).
const atLeast = new Float64Array(12);

type Raw = {
  numerator: number;
  denominator: number;
  count: number;
  total: number;
  noSubjects?: true;
  childLevels: number[];
};

export function judgeHand(hs: HandSet, values: IndicatorValues): HandResult {
  const { n, nLevels, codes, kinds, applies, a, b, c } = hs;
  const statuses = new Array<Status>(n * nLevels);
  const failing: string[][] = [];
  const missing: string[][] = [];
  const exempt: string[][] = [];
  for (let l = 0; l < nLevels; l++) {
    failing.push([]);
    missing.push([]);
    exempt.push([]);
  }
  let firstUnmet = nLevels;
  for (let i = 0; i < n; i++) {
    const code = codes[i]!;
    const v = values[code];
    const kind = kinds[i]!;
    const base = i * nLevels;
    // 0 = value, 1 = missing, 2 = exempt
    let state = 0;
    let total = 0;
    if (v === undefined || v === null) state = 1;
    else if (hs.exempt[i] === 1 && typeof v === "object") {
      const o = v as Raw;
      if (
        o.noSubjects === true ||
        (kind === PCT && o.denominator === 0) ||
        (kind === COUNT_OR_ALL && o.total === 0) ||
        (kind === CHILD && o.childLevels.length === 0)
      )
        state = 2;
    }
    if (state === 0 && kind === CHILD) {
      const list = (v as Raw).childLevels;
      atLeast.fill(0);
      for (let j = 0; j < list.length; j++) atLeast[list[j]!]! += 1;
      for (let l = nLevels - 1; l >= 0; l--) atLeast[l]! += atLeast[l + 1]!;
      total = list.length;
    }
    for (let l = 0; l < nLevels; l++) {
      const k = base + l;
      if (applies[k] === 0) {
        statuses[k] = "na";
        continue;
      }
      if (state === 1) {
        statuses[k] = "missing";
        missing[l]!.push(code);
        if (l < firstUnmet) firstUnmet = l;
        continue;
      }
      if (state === 2) {
        statuses[k] = "exempt";
        exempt[l]!.push(code);
        continue;
      }
      let pass: boolean;
      switch (kind) {
        case PCT:
          if (typeof v === "number") pass = v >= b[k]!;
          else pass = (v as Raw).numerator * 10000 >= a[k]! * (v as Raw).denominator;
          break;
        case BOOL:
          pass = v === true;
          break;
        case COUNT:
          pass = (v as Raw).count >= a[k]!;
          break;
        case COUNT_OR_ALL: {
          const o = v as Raw;
          pass = o.count >= a[k]! || (b[k] === 1 && o.total > 0 && o.count === o.total);
          break;
        }
        default: {
          pass = atLeast[a[k]!] === total;
          if (pass && b[k]! >= 0) pass = atLeast[b[k]!]! * 10000 >= c[k]! * total;
        }
      }
      if (pass) statuses[k] = "pass";
      else {
        statuses[k] = "fail";
        failing[l]!.push(code);
        if (l < firstUnmet) firstUnmet = l;
      }
    }
  }
  return { level: firstUnmet, statuses, failing, missing, exempt };
}
