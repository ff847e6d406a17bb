/**
 * Helpers for the scored-index (Bộ chỉ số) browser tests: choosing what a commune types into its scored form
 * (criteria-core decides whether a value changes the score, nothing is assumed), reading the tables the admin's
 * impact preview and the public ranking show, and dates as a civil servant types them.
 */
import type { Locator, Page } from "playwright-core";
import { score, type ComponentValues } from "@cds/criteria-core";
import { scoreComponents, type TCriteriaSet, type TScoreComponent } from "@cds/criteria-schema";

/** The rule kinds the commune test enters a value for: yes/no, a ratio, a count band, appraised points. */
export type EntryKind = "yesNo" | "ratio" | "countBand" | "appraised";

export interface Entry {
  kind: EntryKind;
  code: string;
  /** Whether the component had no value before (the test prefers empty ones). */
  wasEmpty: boolean;
  /** The value as criteria-core reads it (and as the portal saves it). */
  value: unknown;
  /** Types the value into the component's card. */
  fill(page: Page): Promise<void>;
}

function kindOf(c: TScoreComponent): EntryKind | null {
  const r = c.rule;
  if (r.kind === "yesNo") return "yesNo";
  if (r.kind === "ratio") return "ratio";
  if (r.kind === "bands" && r.on === "count") return "countBand";
  if (r.kind === "appraised") return "appraised";
  return null;
}

/** Values a civil servant might type for a component, in the order they are tried. */
function candidates(c: TScoreComponent): unknown[] {
  const r = c.rule;
  switch (r.kind) {
    case "yesNo":
      return [true, false];
    case "ratio":
      // 90 % (above any floor), 50 %, 70 %.
      return [
        { numerator: 45, denominator: 50 },
        { numerator: 30, denominator: 60 },
        { numerator: 7, denominator: 10 },
      ];
    case "bands":
      return [...r.bands.map((b) => ({ count: Math.ceil(b.atLeast) })), { count: 0 }];
    case "appraised": {
      const step = r.step ?? 1;
      return [{ points: c.max - step }, { points: c.max }, { points: step }, { points: 0 }];
    }
    default:
      return [];
  }
}

function filler(c: TScoreComponent, v: unknown): (page: Page) => Promise<void> {
  const code = c.code;
  const card = (page: Page) => page.getByTestId(`component-${code}`);
  const typed = (n: number) => String(n).replace(".", ",");
  return async (page) => {
    if (typeof v === "boolean") {
      await card(page)
        .getByLabel(`${code} ${v ? "có" : "không"}`, { exact: true })
        .check();
      return;
    }
    const o = v as Record<string, number>;
    if ("numerator" in o) {
      await card(page).getByLabel(`${code} tử số`, { exact: true }).fill(typed(o.numerator!));
      await card(page).getByLabel(`${code} mẫu số`, { exact: true }).fill(typed(o.denominator!));
    } else if ("count" in o) {
      await card(page).getByLabel(`${code} số lượng`, { exact: true }).fill(typed(o.count!));
    } else if ("points" in o) {
      await card(page).getByLabel(`${code} điểm đề xuất`, { exact: true }).fill(typed(o.points!));
    }
  };
}

/**
 * One component of each kind to enter, an empty one where there is one (else a filled one, whose value then
 * changes), with a value that criteria-core scores differently from the values before it: so the live total
 * must move after each entry. Values are chosen in turn, each on top of the ones before.
 */
export function chooseEntries(set: TCriteriaSet, before: Record<string, unknown>): Entry[] {
  const values: Record<string, unknown> = { ...before };
  const all = scoreComponents(set.scoring?.groups ?? []).map((p) => p.component);
  const out: Entry[] = [];
  for (const kind of ["yesNo", "ratio", "countBand", "appraised"] as const) {
    const ofKind = all.filter((c) => kindOf(c) === kind);
    // Empty ones first; a component that may not apply last (its group's maximum moves with it).
    const order = [...ofKind].sort(
      (a, b) => Number(a.code in values) - Number(b.code in values) || Number(a.mayNotApply) - Number(b.mayNotApply),
    );
    let chosen: Entry | null = null;
    for (const c of order) {
      const now = score(set, values as ComponentValues).exact;
      for (const v of candidates(c)) {
        const next = score(set, { ...values, [c.code]: v } as ComponentValues).exact;
        if (next.numerator !== now.numerator || next.denominator !== now.denominator) {
          chosen = { kind, code: c.code, wasEmpty: !(c.code in values), value: v, fill: filler(c, v) };
          break;
        }
      }
      if (chosen) break;
    }
    if (!chosen) throw new Error(`no ${kind} component of ${set.id} whose value would change the score`);
    values[chosen.code] = chosen.value;
    out.push(chosen);
  }
  return out;
}

/** Reads a table's body as text cells (the DataTable of the apps: one <td> per column). */
export async function tableCells(table: Locator): Promise<string[][]> {
  return table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll("td")].map((td) => (td.textContent ?? "").replace(/\s+/g, " ").trim())),
    );
}

/** The leading whole number of a cell ("12 ↑3 tăng 3 hạng" → 12), null for "—". */
export function leadingInt(text: string): number | null {
  const m = /^(\d+)/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** Today in Việt Nam: ISO (yyyy-mm-dd) and as typed in the apps (dd/mm/yyyy). */
export function todayVn(): { iso: string; typed: string; year: number } {
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
  const [y, m, d] = iso.split("-");
  return { iso, typed: `${d}/${m}/${y}`, year: Number(y) };
}

/** Whether the page scrolls sideways (a phone must not). */
export async function scrollsSideways(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}
