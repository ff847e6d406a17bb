// The committed SDL is what clients are typed from: it must equal the code's schema.
import { readFileSync } from "node:fs";
import { lexicographicSortSchema, printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "./index.ts";

describe("schema.graphql", () => {
  it("equals the printed, sorted schema (run `pnpm --filter @cds/api schema` to refresh)", () => {
    const committed = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
    expect(committed).toBe(printSchema(lexicographicSortSchema(schema)) + "\n");
  });

  it("is a Relay schema with typed results for expected errors", () => {
    const sdl = printSchema(schema);
    expect(sdl).toContain("interface Node");
    expect(sdl).toContain("interface Error");
    expect(sdl).toMatch(/union MutationSaveIndicatorValuesResult =/);
    expect(sdl).toContain("type ConflictError implements Error");
  });
});
