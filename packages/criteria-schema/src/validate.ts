/**
 * Validation of a criteria-set document: first its shape (zod), then the
 * rules a shape cannot express. Every issue carries the JSON path of the
 * place it is about, so the editor can put a marker there, and a message in
 * Vietnamese (with an English one beside it).
 */
import { z } from "zod";
import { ZCriteriaSet, type TCriteriaSet, type TScoreGroup } from "./schema.ts";
import { compare, fromDecimal, toFixedHalfUp, type Rational } from "./exact.ts";
import { judgedBy, percentShare, sumExact } from "./scored.ts";
import { compareTargets } from "./targets.ts";

export type IssuePath = (string | number)[];

export type SetIssueCode =
  | "shape"
  | "duplicate_criterion_code"
  | "duplicate_group_code"
  | "duplicate_level_code"
  | "unknown_group"
  | "level_ranks"
  | "targets_length"
  | "target_falls"
  | "applicability_falls"
  | "level_without_criteria"
  | "child_levels_without_children"
  | "child_level_out_of_range"
  | "unknown_unit_kind"
  | "not_a_child_kind"
  // how the set judges
  | "levels_missing"
  | "criteria_missing"
  | "scoring_missing"
  | "scoring_unused"
  | "criteria_in_points_set"
  | "levels_in_points_set"
  | "min_score_missing"
  | "min_score_unused"
  | "level_bands_fall"
  | "level_band_above_total"
  // scored indices
  | "max_sum_mismatch"
  | "duplicate_score_group_code"
  | "duplicate_component_code"
  | "empty_score_group"
  | "weight_missing"
  | "negative_weight"
  | "weight_unused"
  | "weights_sum_zero"
  | "bands_overlap"
  | "band_above_max"
  | "bands_not_decreasing"
  | "band_threshold_invalid"
  | "floor_above_cap"
  | "step_does_not_divide_max"
  | "applies_to_without_unit_kind"
  | "duplicate_ranking_group_code"
  | "ranking_kind_not_applied";

export interface SetIssue {
  code: SetIssueCode;
  path: IssuePath;
  /** RFC 6901 pointer of `path`, e.g. `/criteria/3/targets/2`. */
  pointer: string;
  message: string;
  messageEn: string;
}

/** What the platform knows about unit kinds (data, not an enum): which kinds exist and which are children of which. */
export interface UnitKindInfo {
  code: string;
  childKinds: readonly string[];
  name?: string;
  nameEn?: string;
}

export interface ValidationContext {
  unitKinds?: readonly UnitKindInfo[];
}

export type ValidationResult = { ok: true; set: TCriteriaSet; issues: [] } | { ok: false; issues: SetIssue[] };

export function toPointer(path: IssuePath): string {
  return path.map((p) => "/" + String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

function issue(code: SetIssueCode, path: IssuePath, message: string, messageEn: string): SetIssue {
  return { code, path, pointer: toPointer(path), message, messageEn };
}

const viLocale = z.locales.vi().localeError;
const enLocale = z.locales.en().localeError;

function criterionCodeAt(input: unknown, index: unknown): string | undefined {
  if (typeof index !== "number" || typeof input !== "object" || input === null) return undefined;
  const criteria = (input as { criteria?: unknown }).criteria;
  if (!Array.isArray(criteria)) return undefined;
  const code = (criteria[index] as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

function shapeIssues(input: unknown): SetIssue[] {
  const vi = ZCriteriaSet.safeParse(input, { error: viLocale });
  if (vi.success) return [];
  const en = ZCriteriaSet.safeParse(input, { error: enLocale });
  const enIssues = en.success ? [] : en.error.issues;
  return vi.error.issues.map((iss, i) => {
    const path = iss.path.filter((p): p is string | number => typeof p !== "symbol");
    // Name the criterion, not only its index, so "/criteria/7/targets/0" reads as "CQS-07: …".
    const code = path[0] === "criteria" ? criterionCodeAt(input, path[1]) : undefined;
    const prefix = code ? `${code}: ` : "";
    return issue("shape", path, prefix + iss.message, prefix + (enIssues[i]?.message ?? iss.message));
  });
}

function semanticIssues(set: TCriteriaSet, ctx: ValidationContext): SetIssue[] {
  const out: SetIssue[] = [];
  const nLevels = set.levels.length;
  const mode = judgedBy(set);
  out.push(...judgingIssues(set));
  if (set.scoring && mode !== "levels") out.push(...scoringIssues(set));

  set.levels.forEach((level, i) => {
    if (level.rank !== i + 1) {
      out.push(
        issue(
          "level_ranks",
          ["levels", i, "rank"],
          `Mức độ thứ ${i + 1} phải có rank = ${i + 1} (các mức đánh số liên tục từ 1)`,
          `Level #${i + 1} must have rank ${i + 1} (levels are numbered 1, 2, 3… in order)`,
        ),
      );
    }
  });
  const levelCodes = new Map<string, number>();
  set.levels.forEach((level, i) => {
    if (levelCodes.has(level.code)) {
      out.push(
        issue(
          "duplicate_level_code",
          ["levels", i, "code"],
          `Mã mức độ "${level.code}" bị trùng`,
          `Duplicate level code "${level.code}"`,
        ),
      );
    } else levelCodes.set(level.code, i);
  });

  const groupCodes = new Set<string>();
  set.groups.forEach((g, i) => {
    if (groupCodes.has(g.code)) {
      out.push(
        issue(
          "duplicate_group_code",
          ["groups", i, "code"],
          `Mã nhóm "${g.code}" bị trùng`,
          `Duplicate group code "${g.code}"`,
        ),
      );
    }
    groupCodes.add(g.code);
  });

  const seen = new Map<string, number>();
  const applicableCount = new Array<number>(nLevels).fill(0);

  set.criteria.forEach((c, ci) => {
    const at = (...rest: IssuePath): IssuePath => ["criteria", ci, ...rest];
    const first = seen.get(c.code);
    if (first !== undefined) {
      out.push(
        issue(
          "duplicate_criterion_code",
          at("code"),
          `Mã tiêu chí "${c.code}" bị trùng với tiêu chí thứ ${first + 1}`,
          `Criterion code "${c.code}" is already used by criterion #${first + 1}`,
        ),
      );
    } else seen.set(c.code, ci);

    if (!groupCodes.has(c.group)) {
      out.push(
        issue(
          "unknown_group",
          at("group"),
          `${c.code}: nhóm "${c.group}" không có trong danh sách nhóm`,
          `${c.code}: group "${c.group}" is not among the set's groups`,
        ),
      );
    }

    if (c.targets.length !== nLevels) {
      out.push(
        issue(
          "targets_length",
          at("targets"),
          `${c.code}: cần đúng ${nLevels} chỉ tiêu (một cho mỗi mức độ), đang có ${c.targets.length}`,
          `${c.code}: needs exactly ${nLevels} targets (one per level), has ${c.targets.length}`,
        ),
      );
    }

    let prev: { level: number; target: NonNullable<(typeof c.targets)[number]> } | null = null;
    c.targets.forEach((t, li) => {
      if (li >= nLevels) return;
      if (t === null) {
        if (prev !== null) {
          out.push(
            issue(
              "applicability_falls",
              at("targets", li),
              `${c.code}: đã áp dụng ở mức ${prev.level} thì không thể "Không áp dụng" ở mức ${li + 1} (chỉ tiêu tăng dần theo mức độ)`,
              `${c.code}: applies at level ${prev.level}, so it cannot be "not applicable" at level ${li + 1} (targets rise with the level)`,
            ),
          );
        }
        return;
      }
      applicableCount[li]! += 1;
      if (prev !== null && compareTargets(c.measure, prev.target, t) === "looser") {
        out.push(
          issue(
            "target_falls",
            at("targets", li),
            `${c.code}: chỉ tiêu mức ${li + 1} thấp hơn mức ${prev.level} (chỉ tiêu phải tăng dần theo mức độ)`,
            `${c.code}: the target at level ${li + 1} is lower than at level ${prev.level} (targets must not fall)`,
          ),
        );
      }
      prev = { level: li + 1, target: t };

      if (c.measure === "childLevels") {
        const ct = t as { allAtLeast: number; share: { atLeast: number } | null };
        if (ct.allAtLeast > nLevels) {
          out.push(
            issue(
              "child_level_out_of_range",
              at("targets", li, "allAtLeast"),
              `${c.code}: mức ${ct.allAtLeast} không tồn tại (bộ có ${nLevels} mức)`,
              `${c.code}: level ${ct.allAtLeast} does not exist (the set has ${nLevels} levels)`,
            ),
          );
        }
        if (ct.share && ct.share.atLeast > nLevels) {
          out.push(
            issue(
              "child_level_out_of_range",
              at("targets", li, "share", "atLeast"),
              `${c.code}: mức ${ct.share.atLeast} không tồn tại (bộ có ${nLevels} mức)`,
              `${c.code}: level ${ct.share.atLeast} does not exist (the set has ${nLevels} levels)`,
            ),
          );
        }
      }
    });

    if (c.measure === "childLevels" && !set.childUnitKind) {
      out.push(
        issue(
          "child_levels_without_children",
          at("measure"),
          `${c.code}: tiêu chí tính từ mức độ cấp dưới chỉ dùng được khi bộ khai báo childUnitKind (loại đơn vị "${set.unitKind}" không có cấp dưới trong bộ này)`,
          `${c.code}: a child-level criterion needs childUnitKind (unit kind "${set.unitKind}" has no children in this set)`,
        ),
      );
    }
  });

  applicableCount.forEach((n, li) => {
    if (n === 0 && mode === "levels") {
      out.push(
        issue(
          "level_without_criteria",
          ["levels", li],
          `Mức ${li + 1} (${set.levels[li]?.name ?? ""}) không có tiêu chí nào áp dụng`,
          `Level ${li + 1} (${set.levels[li]?.nameEn ?? set.levels[li]?.name ?? ""}) has no applicable criterion`,
        ),
      );
    }
  });

  out.push(...unitKindIssues(set, ctx));
  if (ctx.unitKinds) {
    const kind = ctx.unitKinds.find((k) => k.code === set.unitKind);
    if (!kind) {
      out.push(
        issue(
          "unknown_unit_kind",
          ["unitKind"],
          `Loại đơn vị "${set.unitKind}" không có trên nền tảng`,
          `Unit kind "${set.unitKind}" is not known to the platform`,
        ),
      );
    } else if (set.childUnitKind && !kind.childKinds.includes(set.childUnitKind)) {
      out.push(
        issue(
          "not_a_child_kind",
          ["childUnitKind"],
          `"${set.childUnitKind}" không phải loại đơn vị cấp dưới của "${set.unitKind}"`,
          `"${set.childUnitKind}" is not a child kind of "${set.unitKind}"`,
        ),
      );
    }
  }
  return out;
}

/** What `judgedBy` requires of the rest of the document. */
function judgingIssues(set: TCriteriaSet): SetIssue[] {
  const out: SetIssue[] = [];
  const mode = judgedBy(set);
  if (mode === "levels") {
    if (set.levels.length === 0) {
      out.push(
        issue(
          "levels_missing",
          ["levels"],
          "Bộ đánh giá theo mức độ cần ít nhất một mức độ",
          "A set judged by levels needs at least one level",
        ),
      );
    }
    if (set.criteria.length === 0) {
      out.push(
        issue(
          "criteria_missing",
          ["criteria"],
          "Bộ đánh giá theo mức độ cần ít nhất một tiêu chí",
          "A set judged by levels needs at least one criterion",
        ),
      );
    }
    if (set.scoring) {
      out.push(
        issue(
          "scoring_unused",
          ["scoring"],
          'Bộ đánh giá theo mức độ không chấm điểm: bỏ "scoring" hoặc đặt judgedBy là points / both',
          'A set judged by levels has no score: remove "scoring" or set judgedBy to points / both',
        ),
      );
    }
    set.levels.forEach((l, i) => {
      if (l.minScore !== undefined) {
        out.push(
          issue(
            "min_score_unused",
            ["levels", i, "minScore"],
            `Mức ${l.rank}: minScore chỉ dùng khi judgedBy là both`,
            `Level ${l.rank}: minScore is only used when judgedBy is both`,
          ),
        );
      }
    });
    return out;
  }
  if (!set.scoring) {
    out.push(
      issue(
        "scoring_missing",
        ["scoring"],
        `Bộ chấm điểm (judgedBy = ${mode}) cần khai báo "scoring"`,
        `A scored set (judgedBy = ${mode}) needs "scoring"`,
      ),
    );
  }
  for (const key of ["criteria", "groups"] as const) {
    if (set[key].length > 0) {
      out.push(
        issue(
          "criteria_in_points_set",
          [key],
          `Bộ chấm điểm không dùng "${key}" của khung mức độ: các chỉ số thành phần nằm trong scoring.groups`,
          `A scored set does not use the level framework's "${key}": components live in scoring.groups`,
        ),
      );
    }
  }
  if (mode === "points") {
    if (set.levels.length > 0) {
      out.push(
        issue(
          "levels_in_points_set",
          ["levels"],
          "Bộ chỉ chấm điểm (judgedBy = points) không có mức độ; để xếp mức theo khung điểm, dùng judgedBy = both",
          "A points-only set has no levels; to derive levels from score bands use judgedBy = both",
        ),
      );
    }
    return out;
  }
  // both: levels derived from score bands
  if (set.levels.length === 0) {
    out.push(
      issue(
        "levels_missing",
        ["levels"],
        "Bộ chấm điểm có xếp loại (both) cần các mức độ với minScore",
        "A set judged by both needs levels with minScore",
      ),
    );
  }
  let prev: { rank: number; min: Rational } | null = null;
  const total = set.scoring ? fromDecimal(set.scoring.total.max) : null;
  set.levels.forEach((l, i) => {
    if (l.minScore === undefined) {
      out.push(
        issue(
          "min_score_missing",
          ["levels", i, "minScore"],
          `Mức ${l.rank} (${l.name}) cần minScore: điểm tối thiểu để được xếp mức này`,
          `Level ${l.rank} (${l.nameEn ?? l.name}) needs minScore, the least score that earns it`,
        ),
      );
      return;
    }
    const m = fromDecimal(l.minScore);
    if (prev && compare(m, prev.min) <= 0) {
      out.push(
        issue(
          "level_bands_fall",
          ["levels", i, "minScore"],
          `Mức ${l.rank}: minScore phải lớn hơn của mức ${prev.rank} (các mức tăng dần theo điểm)`,
          `Level ${l.rank}: minScore must be greater than level ${prev.rank}'s (levels rise with the score)`,
        ),
      );
    }
    if (total && compare(m, total) > 0) {
      out.push(
        issue(
          "level_band_above_total",
          ["levels", i, "minScore"],
          `Mức ${l.rank}: minScore ${l.minScore} lớn hơn tổng điểm tối đa ${set.scoring!.total.max}`,
          `Level ${l.rank}: minScore ${l.minScore} is above the maximum score ${set.scoring!.total.max}`,
        ),
      );
    }
    prev = { rank: l.rank, min: m };
  });
  return out;
}

const showExact = (r: Rational) => (r.d === 1n ? r.n.toString() : toFixedHalfUp(r, 6).replace(/\.?0+$/, ""));

/** The scoring tree: maxima add up, weights, bands, floors and steps make sense, codes are unique. */
function scoringIssues(set: TCriteriaSet): SetIssue[] {
  const out: SetIssue[] = [];
  const scoring = set.scoring!;
  const weighted = scoring.total.method === "weighted";
  const groupCodes = new Map<string, string>();
  const componentCodes = new Map<string, string>();

  const maxima = (g: TScoreGroup) => [...g.groups.map((x) => x.max), ...g.components.map((c) => c.max)];

  const walk = (groups: readonly TScoreGroup[], path: IssuePath, top: boolean) => {
    groups.forEach((g, gi) => {
      const at = (...rest: IssuePath): IssuePath => [...path, gi, ...rest];
      const seen = groupCodes.get(g.code);
      if (seen) {
        out.push(
          issue(
            "duplicate_score_group_code",
            at("code"),
            `Mã nhóm "${g.code}" bị trùng (đã dùng ở ${seen})`,
            `Group code "${g.code}" is already used at ${seen}`,
          ),
        );
      } else groupCodes.set(g.code, toPointer(at()));

      if (g.weight !== undefined) {
        if (!weighted || !top) {
          out.push(
            issue(
              "weight_unused",
              at("weight"),
              `${g.code}: trọng số chỉ dùng ở nhóm cấp cao nhất khi scoring.total.method = weighted`,
              `${g.code}: a weight is only used on a top-level group when scoring.total.method is weighted`,
            ),
          );
        } else if (g.weight < 0) {
          out.push(
            issue(
              "negative_weight",
              at("weight"),
              `${g.code}: trọng số không được âm (${g.weight})`,
              `${g.code}: a weight cannot be negative (${g.weight})`,
            ),
          );
        }
      } else if (weighted && top) {
        out.push(
          issue(
            "weight_missing",
            at("weight"),
            `${g.code}: cần trọng số (tổng điểm tính theo trọng số)`,
            `${g.code}: needs a weight (the total is weighted)`,
          ),
        );
      }

      if (g.groups.length === 0 && g.components.length === 0) {
        out.push(
          issue(
            "empty_score_group",
            at(),
            `${g.code}: nhóm không có chỉ số thành phần nào`,
            `${g.code}: the group has no components`,
          ),
        );
      } else {
        const sum = sumExact(maxima(g));
        if (compare(sum, fromDecimal(g.max)) !== 0) {
          out.push(
            issue(
              "max_sum_mismatch",
              at("max"),
              `${g.code}: điểm tối đa ${g.max} nhưng các thành phần cộng lại ${showExact(sum)}`,
              `${g.code}: the maximum is ${g.max} but its parts add up to ${showExact(sum)}`,
            ),
          );
        }
      }

      walk(g.groups, at("groups"), false);
      g.components.forEach((c, ci) => {
        const cat = (...rest: IssuePath): IssuePath => at("components", ci, ...rest);
        const seenC = componentCodes.get(c.code);
        if (seenC) {
          out.push(
            issue(
              "duplicate_component_code",
              cat("code"),
              `Mã chỉ số thành phần "${c.code}" bị trùng (đã dùng ở ${seenC})`,
              `Component code "${c.code}" is already used at ${seenC}`,
            ),
          );
        } else componentCodes.set(c.code, toPointer(cat()));
        out.push(...ruleIssues(c.code, c.max, c.rule, cat));
      });
    });
  };
  walk(scoring.groups, ["scoring", "groups"], true);

  if (weighted) {
    const weights = scoring.groups.map((g) => g.weight ?? 0);
    if (weights.every((w) => w <= 0)) {
      out.push(
        issue(
          "weights_sum_zero",
          ["scoring", "groups"],
          "Tổng trọng số các nhóm phải lớn hơn 0",
          "The groups' weights must add up to more than 0",
        ),
      );
    }
  } else {
    const sum = sumExact(scoring.groups.map((g) => g.max));
    if (compare(sum, fromDecimal(scoring.total.max)) !== 0) {
      out.push(
        issue(
          "max_sum_mismatch",
          ["scoring", "total", "max"],
          `Tổng điểm tối đa ${scoring.total.max} nhưng điểm tối đa các nhóm cộng lại ${showExact(sum)}`,
          `The maximum score is ${scoring.total.max} but the groups' maxima add up to ${showExact(sum)}`,
        ),
      );
    }
  }

  const applied = set.appliesTo ?? [set.unitKind];
  const rankingCodes = new Set<string>();
  scoring.rankingGroups.forEach((rg, i) => {
    if (rankingCodes.has(rg.code)) {
      out.push(
        issue(
          "duplicate_ranking_group_code",
          ["scoring", "rankingGroups", i, "code"],
          `Mã nhóm xếp hạng "${rg.code}" bị trùng`,
          `Duplicate ranking group code "${rg.code}"`,
        ),
      );
    }
    rankingCodes.add(rg.code);
    rg.unitKinds.forEach((k, j) => {
      if (!applied.includes(k)) {
        out.push(
          issue(
            "ranking_kind_not_applied",
            ["scoring", "rankingGroups", i, "unitKinds", j],
            `Nhóm xếp hạng "${rg.code}": loại đơn vị "${k}" không thuộc các loại áp dụng bộ này (${applied.join(", ")})`,
            `Ranking group "${rg.code}": unit kind "${k}" is not among the kinds this set applies to (${applied.join(", ")})`,
          ),
        );
      }
    });
  });
  return out;
}

function ruleIssues(
  code: string,
  max: number,
  rule: TScoreGroup["components"][number]["rule"],
  at: (...rest: IssuePath) => IssuePath,
): SetIssue[] {
  const out: SetIssue[] = [];
  const maxR = fromDecimal(max);
  switch (rule.kind) {
    case "bands": {
      const pct = rule.on === "percentage";
      rule.bands.forEach((b, i) => {
        const badThreshold = pct
          ? b.atLeast > 100 || Math.abs(b.atLeast * 100 - Math.round(b.atLeast * 100)) > 1e-6
          : !Number.isInteger(b.atLeast);
        if (badThreshold) {
          out.push(
            issue(
              "band_threshold_invalid",
              at("rule", "bands", i, "atLeast"),
              pct
                ? `${code}: ngưỡng ${b.atLeast}% phải từ 0 đến 100, tối đa 2 chữ số thập phân`
                : `${code}: ngưỡng số lượng ${b.atLeast} phải là số nguyên`,
              pct
                ? `${code}: threshold ${b.atLeast}% must be 0–100 with at most 2 decimals`
                : `${code}: count threshold ${b.atLeast} must be a whole number`,
            ),
          );
        }
        if (compare(fromDecimal(b.points), maxR) > 0) {
          out.push(
            issue(
              "band_above_max",
              at("rule", "bands", i, "points"),
              `${code}: khung ≥ ${b.atLeast} cho ${b.points} điểm, vượt điểm tối đa ${max}`,
              `${code}: the band ≥ ${b.atLeast} gives ${b.points} points, above the maximum ${max}`,
            ),
          );
        }
        const prev = rule.bands[i - 1];
        if (!prev) return;
        if (b.atLeast >= prev.atLeast) {
          out.push(
            issue(
              "bands_overlap",
              at("rule", "bands", i, "atLeast"),
              `${code}: khung ≥ ${b.atLeast} chồng lên khung ≥ ${prev.atLeast} (ngưỡng phải giảm dần, cao nhất trước, không trùng)`,
              `${code}: the band ≥ ${b.atLeast} overlaps the band ≥ ${prev.atLeast} (thresholds must fall, highest first, none repeated)`,
            ),
          );
        } else if (compare(fromDecimal(b.points), fromDecimal(prev.points)) > 0) {
          out.push(
            issue(
              "bands_not_decreasing",
              at("rule", "bands", i, "points"),
              `${code}: ngưỡng thấp hơn (≥ ${b.atLeast}) lại được nhiều điểm hơn (${b.points} > ${prev.points})`,
              `${code}: a lower threshold (≥ ${b.atLeast}) earns more points (${b.points} > ${prev.points})`,
            ),
          );
        }
      });
      break;
    }
    case "ratio":
      if (rule.floor !== undefined && compare(percentShare(rule.floor), percentShare(rule.cap ?? 100)) > 0) {
        out.push(
          issue(
            "floor_above_cap",
            at("rule", "floor"),
            `${code}: ngưỡng sàn ${rule.floor}% cao hơn trần ${rule.cap ?? 100}%`,
            `${code}: the floor ${rule.floor}% is above the cap ${rule.cap ?? 100}%`,
          ),
        );
      }
      break;
    case "appraised":
      if (rule.step !== undefined) {
        const q = maxR;
        const s = fromDecimal(rule.step);
        // max ÷ step must be whole: max.n × step.d divisible by max.d × step.n
        if ((q.n * s.d) % (q.d * s.n) !== 0n) {
          out.push(
            issue(
              "step_does_not_divide_max",
              at("rule", "step"),
              `${code}: điểm tối đa ${max} không chia hết cho bước ${rule.step}`,
              `${code}: the maximum ${max} is not a whole number of steps of ${rule.step}`,
            ),
          );
        }
      }
      break;
    default:
      break;
  }
  return out;
}

/** `appliesTo` includes `unitKind`; every kind named exists when the platform's registry is given. */
function unitKindIssues(set: TCriteriaSet, ctx: ValidationContext): SetIssue[] {
  const out: SetIssue[] = [];
  if (set.appliesTo && !set.appliesTo.includes(set.unitKind)) {
    out.push(
      issue(
        "applies_to_without_unit_kind",
        ["appliesTo"],
        `appliesTo phải gồm unitKind "${set.unitKind}"`,
        `appliesTo must include unitKind "${set.unitKind}"`,
      ),
    );
  }
  if (!ctx.unitKinds) return out;
  const known = new Set(ctx.unitKinds.map((k) => k.code));
  const check = (k: string, path: IssuePath) => {
    if (!known.has(k)) {
      out.push(
        issue(
          "unknown_unit_kind",
          path,
          `Loại đơn vị "${k}" không có trên nền tảng`,
          `Unit kind "${k}" is not known to the platform`,
        ),
      );
    }
  };
  set.appliesTo?.forEach((k, i) => {
    if (k !== set.unitKind) check(k, ["appliesTo", i]);
  });
  set.scoring?.rankingGroups.forEach((rg, i) =>
    rg.unitKinds.forEach((k, j) => check(k, ["scoring", "rankingGroups", i, "unitKinds", j])),
  );
  return out;
}

/** Validates a document: shape first, then semantics. Never throws on any input. */
export function validateCriteriaSet(input: unknown, ctx: ValidationContext = {}): ValidationResult {
  const parsed = ZCriteriaSet.safeParse(input);
  if (!parsed.success) return { ok: false, issues: shapeIssues(input) };
  const issues = semanticIssues(parsed.data, ctx);
  return issues.length === 0 ? { ok: true, set: parsed.data, issues: [] } : { ok: false, issues };
}

/** Thrown by `parseCriteriaSet` when a document is not a valid criteria set. */
export class InvalidCriteriaSetError extends Error {
  override readonly name = "InvalidCriteriaSetError";
  constructor(readonly issues: SetIssue[]) {
    super(
      `Bộ tiêu chí không hợp lệ (${issues.length} lỗi): ` +
        issues
          .slice(0, 5)
          .map((i) => `${i.pointer || "/"}: ${i.message}`)
          .join("; "),
    );
  }
}

/** Validates and returns the set, or throws `InvalidCriteriaSetError` listing every issue. */
export function parseCriteriaSet(input: unknown, ctx: ValidationContext = {}): TCriteriaSet {
  const r = validateCriteriaSet(input, ctx);
  if (!r.ok) throw new InvalidCriteriaSetError(r.issues);
  return r.set;
}
