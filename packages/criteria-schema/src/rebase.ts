/**
 * Rebase of a provincial set (cập nhật theo khung quốc gia mới): a three-way
 * merge of criteria-set documents. `base` is the national version the
 * province's set descends from, `theirs` the new national version, `ours` the
 * province's current document. Items are matched by code — criteria, groups,
 * levels — and the remaining top-level fields by name; the province's identity
 * (id, version, issuer, basedOn) always stays its own.
 *
 * For each item: changed by nobody, by the province only, or identically by
 * both → kept as the province has it; changed by the nation only → taken
 * (listed in `applied`); changed differently by both, including a deletion
 * against a change → a conflict (base, ours, theirs), resolved to the
 * province's side until someone decides (`resolveRebase`). Nothing is dropped
 * without being listed. Pure: no I/O, inputs are never mutated.
 */
import type { TCriteriaSet, TCriterion, TGroup, TLevel } from "./schema.ts";
import { formatTarget } from "./targets.ts";

/** Where a change or conflict is: a list of the document keyed by code, or a top-level field. */
export type RebaseSection = "criteria" | "groups" | "levels" | "document";
export type RebaseChangeKind = "added" | "modified" | "deleted";
/**
 * - `bothModified`: both changed the item, differently;
 * - `bothAdded`: both added an item with this code, different;
 * - `oursModifiedTheirsDeleted`: the province changed it, the new national version drops it;
 * - `oursDeletedTheirsModified`: the province dropped it, the new national version changes it.
 */
export type RebaseConflictKind =
  "bothModified" | "bothAdded" | "oursModifiedTheirsDeleted" | "oursDeletedTheirsModified";
export type RebaseChoice = "ours" | "theirs";

/** A change one side made against the base: `before` is the base value, `after` that side's (null = absent). */
export interface RebaseChange {
  /** "criteria/CQS-02", "groups/KTS", "levels/co-ban", or a top-level field ("title"). */
  key: string;
  section: RebaseSection;
  /** The item's code, or the field's name. */
  code: string;
  kind: RebaseChangeKind;
  before: unknown;
  after: unknown;
  message: string;
  messageEn: string;
}

/** An item both sides changed differently: nothing is chosen until a decision names `key`. Null = absent. */
export interface RebaseConflict {
  key: string;
  section: RebaseSection;
  code: string;
  kind: RebaseConflictKind;
  base: unknown;
  ours: unknown;
  theirs: unknown;
  message: string;
  messageEn: string;
}

export interface RebaseInputs {
  /** The national version the province's set descends from (national old). */
  base: TCriteriaSet;
  /** The new national version (national new). */
  theirs: TCriteriaSet;
  /** The province's current document. */
  ours: TCriteriaSet;
}

export interface RebaseResult {
  /** The merged document, every conflict provisionally resolved to the province's side. */
  document: TCriteriaSet;
  /** The national changes applied automatically (the province had not touched those items). */
  applied: RebaseChange[];
  /** The province's own changes, kept (the new national version did not touch those items). */
  kept: RebaseChange[];
  /** What needs a decision, in document order (fields, levels, groups, criteria). */
  conflicts: RebaseConflict[];
  /** The three documents, so `resolveRebase` can merge again with decisions. */
  inputs: RebaseInputs;
}

export type RebaseDecisions = Readonly<Record<string, RebaseChoice>>;

export interface RebaseProblem {
  key: string;
  reason: "undecided" | "unknown";
  message: string;
  messageEn: string;
}

export type ResolvedRebase = { ok: true; document: TCriteriaSet } | { ok: false; problems: RebaseProblem[] };

/** The fields that say which set a document is: always the province's own. */
export const REBASE_IDENTITY_FIELDS = ["id", "version", "issuer", "basedOn"] as const;
const KEYED_SECTIONS = ["levels", "groups", "criteria"] as const;

/** Structural equality of JSON-like values: key order does not matter, an undefined property counts as absent. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && sameJson(ra[k], rb[k]));
}

/** Merges the new national version into the province's document; conflicts stay the province's until decided. */
export function rebaseCriteriaSet(inputs: RebaseInputs): RebaseResult {
  return merge(inputs, {});
}

/**
 * The final document: every conflict of `result` decided ("ours" keeps the province's side, "theirs" takes the
 * new national one). Refused, with one problem per key, while a conflict is undecided or a decision names no
 * conflict.
 */
export function resolveRebase(result: RebaseResult, decisions: RebaseDecisions): ResolvedRebase {
  const keys = new Set(result.conflicts.map((c) => c.key));
  const problems: RebaseProblem[] = [];
  for (const c of result.conflicts) {
    const choice = Object.hasOwn(decisions, c.key) ? decisions[c.key] : undefined;
    if (choice !== "ours" && choice !== "theirs") {
      problems.push({
        key: c.key,
        reason: "undecided",
        message: `Chưa chọn cách xử lý xung đột ở ${describeKey(c.section, c.code, "vi")}`,
        messageEn: `No decision for the conflict at ${describeKey(c.section, c.code, "en")}`,
      });
    }
  }
  for (const key of Object.keys(decisions)) {
    if (!keys.has(key)) {
      problems.push({
        key,
        reason: "unknown",
        message: `"${key}" không phải là một xung đột của lần cập nhật này`,
        messageEn: `"${key}" is not a conflict of this rebase`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, document: merge(result.inputs, decisions).document };
}

// ---------------------------------------------------------------------------

interface Coded {
  code: string;
}

interface Collector {
  applied: RebaseChange[];
  kept: RebaseChange[];
  conflicts: RebaseConflict[];
}

function merge(inputs: RebaseInputs, decisions: RebaseDecisions): RebaseResult {
  const { base, theirs, ours } = inputs;
  const out: Collector = { applied: [], kept: [], conflicts: [] };
  const levels = theirs.levels.length > 0 ? theirs.levels : ours.levels;
  const ctx: DescribeContext = { levels };

  const document = { ...ours } as Record<string, unknown>;
  const skip = new Set<string>([...REBASE_IDENTITY_FIELDS, ...KEYED_SECTIONS]);
  const fieldNames = [...new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base)])].filter(
    (k) => !skip.has(k),
  );
  for (const name of fieldNames) {
    const b = (base as Record<string, unknown>)[name];
    const t = (theirs as Record<string, unknown>)[name];
    const o = (ours as Record<string, unknown>)[name];
    const merged = mergeValue("document", name, b, t, o, decisions, out, ctx);
    if (merged === undefined) delete document[name];
    else document[name] = merged;
  }
  document.levels = mergeList<TLevel>("levels", base.levels, theirs.levels, ours.levels, decisions, out, ctx);
  document.groups = mergeList<TGroup>("groups", base.groups, theirs.groups, ours.groups, decisions, out, ctx);
  document.criteria = mergeList<TCriterion>(
    "criteria",
    base.criteria,
    theirs.criteria,
    ours.criteria,
    decisions,
    out,
    ctx,
  );
  return { document: document as unknown as TCriteriaSet, ...out, inputs };
}

const keyOf = (section: RebaseSection, code: string) => (section === "document" ? code : `${section}/${code}`);

/**
 * The three-way rule for one item or field (undefined = absent), recording what happened. Returns the merged
 * value: the province's for a conflict unless a decision says "theirs".
 */
function mergeValue(
  section: RebaseSection,
  code: string,
  b: unknown,
  t: unknown,
  o: unknown,
  decisions: RebaseDecisions,
  out: Collector,
  ctx: DescribeContext,
): unknown {
  const key = keyOf(section, code);
  const theirsChanged = !sameJson(b, t);
  const oursChanged = !sameJson(b, o);
  if (!theirsChanged) {
    if (oursChanged) out.kept.push(change(section, code, b, o, "kept", ctx));
    return o;
  }
  if (!oursChanged) {
    out.applied.push(change(section, code, b, t, "applied", ctx));
    return t;
  }
  if (sameJson(o, t)) return o;
  out.conflicts.push(conflict(section, code, b, t, o));
  return decisions[key] === "theirs" ? t : o;
}

function mergeList<T extends Coded>(
  section: Exclude<RebaseSection, "document">,
  base: readonly T[],
  theirs: readonly T[],
  ours: readonly T[],
  decisions: RebaseDecisions,
  out: Collector,
  ctx: DescribeContext,
): T[] {
  const byCode = (list: readonly T[]) => new Map(list.map((x) => [x.code, x]));
  const inBase = byCode(base);
  const inTheirs = byCode(theirs);
  const inOurs = byCode(ours);

  // The province's items, in its order: kept, replaced by the national side, or dropped.
  const result: T[] = [];
  for (const o of ours) {
    const merged = mergeValue(section, o.code, inBase.get(o.code), inTheirs.get(o.code), o, decisions, out, ctx);
    if (merged !== undefined) result.push(merged as T);
  }
  // What the new national version has and the province does not: added, or a deletion of the province's.
  for (const [i, t] of theirs.entries()) {
    if (inOurs.has(t.code)) continue;
    const merged = mergeValue(section, t.code, inBase.get(t.code), t, undefined, decisions, out, ctx);
    if (merged === undefined) continue;
    // After the nearest item that precedes it in the new national version and is in the result; first if none.
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const p = result.findIndex((x) => x.code === theirs[j]!.code);
      if (p >= 0) {
        at = p + 1;
        break;
      }
    }
    result.splice(at, 0, merged as T);
  }
  // An item of the base that neither side has any more is gone, as both wanted.
  return result;
}

// ---- messages ----

interface DescribeContext {
  levels: readonly TLevel[];
}

const SECTION_NOUN: Record<Exclude<RebaseSection, "document">, { vi: string; en: string }> = {
  criteria: { vi: "tiêu chí", en: "criterion" },
  groups: { vi: "nhóm", en: "group" },
  levels: { vi: "mức độ", en: "level" },
};

const FIELD_LABEL: Record<string, { vi: string; en: string }> = {
  title: { vi: "tên bộ tiêu chí", en: "title" },
  description: { vi: "mô tả", en: "description" },
  schemaVersion: { vi: "phiên bản ngôn ngữ", en: "schema version" },
  $schema: { vi: "đường dẫn JSON Schema", en: "JSON Schema path" },
  judgedBy: { vi: "cách đánh giá", en: "how the set judges" },
  unitKind: { vi: "loại đơn vị", en: "unit kind" },
  appliesTo: { vi: "các loại đơn vị áp dụng", en: "unit kinds it applies to" },
  childUnitKind: { vi: "loại đơn vị cấp dưới", en: "child unit kind" },
  scoring: { vi: "cách chấm điểm", en: "scoring" },
  name: { vi: "tên", en: "name" },
  nameEn: { vi: "tên tiếng Anh", en: "English name" },
  group: { vi: "nhóm", en: "group" },
  unit: { vi: "đơn vị tính", en: "unit" },
  subject: { vi: "đối tượng", en: "subject" },
  method: { vi: "phương pháp tính", en: "method" },
  legalBasis: { vi: "căn cứ pháp lý", en: "legal basis" },
  local: { vi: "tiêu chí địa phương", en: "local flag" },
  exemptWhenNoSubjects: { vi: '"nếu có"', en: "exempt when no subjects" },
  measure: { vi: "cách đo", en: "measure" },
  yesLabel: { vi: 'cách ghi "có"', en: "yes label" },
  targets: { vi: "chỉ tiêu", en: "targets" },
  rank: { vi: "thứ tự", en: "rank" },
  minScore: { vi: "điểm tối thiểu", en: "minimum score" },
  code: { vi: "mã", en: "code" },
};

const label = (name: string, locale: "vi" | "en") => FIELD_LABEL[name]?.[locale] ?? name;

function describeKey(section: RebaseSection, code: string, locale: "vi" | "en"): string {
  if (section === "document") return label(code, locale);
  return `${SECTION_NOUN[section][locale]} ${code}`;
}

function itemName(x: unknown): string {
  const name = (x as { name?: unknown } | undefined)?.name;
  return typeof name === "string" ? ` — ${name}` : "";
}

function short(v: unknown): string {
  if (v === undefined || v === null) return "(trống)";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** What changed inside an item, e.g. "chỉ tiêu mức Cơ bản: ≥ 70% → ≥ 75%; phương pháp tính". */
function details(before: unknown, after: unknown, ctx: DescribeContext, locale: "vi" | "en"): string {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    if (sameJson(a[k], b[k])) continue;
    if (k === "targets" && Array.isArray(a[k]) && Array.isArray(b[k]) && a.measure === b.measure) {
      const ta = a[k] as TCriterion["targets"];
      const tb = b[k] as TCriterion["targets"];
      for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
        if (sameJson(ta[i], tb[i])) continue;
        const level = ctx.levels[i]?.name ?? String(i + 1);
        const from = ta[i] === undefined ? "—" : formatTarget(a as unknown as TCriterion, ta[i]!, locale);
        const to = tb[i] === undefined ? "—" : formatTarget(b as unknown as TCriterion, tb[i]!, locale);
        parts.push(locale === "vi" ? `chỉ tiêu mức ${level}: ${from} → ${to}` : `target at ${level}: ${from} → ${to}`);
      }
    } else if (typeof a[k] === "string" && typeof b[k] === "string" && k !== "method") {
      parts.push(`${label(k, locale)}: "${short(a[k])}" → "${short(b[k])}"`);
    } else {
      parts.push(label(k, locale));
    }
  }
  return parts.join("; ");
}

function change(
  section: RebaseSection,
  code: string,
  before: unknown,
  after: unknown,
  side: "applied" | "kept",
  ctx: DescribeContext,
): RebaseChange {
  const kind: RebaseChangeKind = before === undefined ? "added" : after === undefined ? "deleted" : "modified";
  const vi = side === "applied" ? "khung quốc gia mới" : "tỉnh";
  const en = side === "applied" ? "the new national version" : "the province";
  let message: string;
  let messageEn: string;
  if (section === "document") {
    message = `${label(code, "vi")}: "${short(before)}" → "${short(after)}" (${vi})`;
    messageEn = `${label(code, "en")}: "${short(before)}" → "${short(after)}" (${en})`;
  } else {
    const noun = SECTION_NOUN[section];
    const what = { added: "Thêm", modified: "Sửa", deleted: "Bỏ" }[kind];
    const whatEn = { added: "Added", modified: "Changed", deleted: "Removed" }[kind];
    const item = itemName(after ?? before);
    const more = kind === "modified" ? `: ${details(before, after, ctx, "vi")}` : "";
    const moreEn = kind === "modified" ? `: ${details(before, after, ctx, "en")}` : "";
    message = `${what} ${noun.vi} ${code}${item} (${vi})${more}`;
    messageEn = `${whatEn} ${noun.en} ${code}${item} (${en})${moreEn}`;
  }
  return {
    key: keyOf(section, code),
    section,
    code,
    kind,
    before: before ?? null,
    after: after ?? null,
    message,
    messageEn,
  };
}

function conflict(section: RebaseSection, code: string, b: unknown, t: unknown, o: unknown): RebaseConflict {
  const kind: RebaseConflictKind =
    b === undefined
      ? "bothAdded"
      : t === undefined
        ? "oursModifiedTheirsDeleted"
        : o === undefined
          ? "oursDeletedTheirsModified"
          : "bothModified";
  const where = describeKey(section, code, "vi");
  const whereEn = describeKey(section, code, "en");
  const [vi, en] = {
    bothModified: [
      "tỉnh và khung quốc gia mới cùng sửa, khác nhau",
      "the province and the new national version both changed it, differently",
    ],
    bothAdded: [
      "tỉnh và khung quốc gia mới cùng thêm mã này, nội dung khác nhau",
      "the province and the new national version both added this code, differently",
    ],
    oursModifiedTheirsDeleted: [
      "tỉnh đã sửa, khung quốc gia mới bỏ",
      "the province changed it, the new national version removes it",
    ],
    oursDeletedTheirsModified: [
      "tỉnh đã bỏ, khung quốc gia mới sửa",
      "the province removed it, the new national version changes it",
    ],
  }[kind];
  const first = where.charAt(0).toUpperCase() + where.slice(1);
  const firstEn = whereEn.charAt(0).toUpperCase() + whereEn.slice(1);
  return {
    key: keyOf(section, code),
    section,
    code,
    kind,
    base: b ?? null,
    ours: o ?? null,
    theirs: t ?? null,
    message: `${first}${itemName(o ?? t ?? b)}: ${vi} — chọn giữ của tỉnh hoặc theo khung quốc gia mới`,
    messageEn: `${firstEn}${itemName(o ?? t ?? b)}: ${en} — keep the province's or take the new national one`,
  };
}
