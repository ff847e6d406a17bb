/**
 * Validation of a criteria-set document: first its shape (zod), then the
 * rules a shape cannot express. Every issue carries the JSON path of the
 * place it is about, so the editor can put a marker there, and a message in
 * Vietnamese (with an English one beside it).
 */
import { z } from "zod";
import { ZCriteriaSet, type TCriteriaSet } from "./schema.ts";
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
  | "not_a_child_kind";

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
        issue("duplicate_group_code", ["groups", i, "code"], `Mã nhóm "${g.code}" bị trùng`, `Duplicate group code "${g.code}"`),
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
    if (n === 0) {
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
