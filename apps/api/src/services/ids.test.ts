import { expect, it } from "vitest";
import { newId } from "./ids.ts";

it("makes cuid-shaped ids that are unique and sort in the order they were made", () => {
  const ids = Array.from({ length: 20_000 }, () => newId());
  for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(ids);
});
