/** The portal's form as a commune's staff member fills it, shared by the browser tests. */
import type { Page } from "playwright-core";

export interface Criterion {
  code: string;
  measure: string;
  targets: unknown[];
}

/** Fills one criterion so it meets its level-3 target (or the nearest applicable one below). */
export async function meetLevel3(p: Page, c: Criterion): Promise<void> {
  const t = [c.targets[2], c.targets[1], c.targets[0]].find((x) => x !== null && x !== undefined);
  if (t === undefined) return;
  switch (c.measure) {
    case "percentage":
      await p.getByLabel(`${c.code} tử số`, { exact: true }).fill(String(Math.ceil(t as number)));
      await p.getByLabel(`${c.code} mẫu số`, { exact: true }).fill("100");
      break;
    case "boolean":
      await p.getByLabel(`${c.code} có`, { exact: true }).check();
      break;
    case "minCount":
      await p.getByLabel(`${c.code} số lượng`, { exact: true }).fill(String(t));
      break;
    case "countOrAll":
      await p.getByLabel(`${c.code} số đạt`, { exact: true }).fill(String((t as { min: number }).min));
      await p.getByLabel(`${c.code} tổng số`, { exact: true }).fill(String((t as { min: number }).min + 2));
      break;
  }
}
