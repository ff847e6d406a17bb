// Writes schema.graphql (sorted SDL). The drift test fails when it differs from the code.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printSchema, lexicographicSortSchema } from "graphql";
import { schema } from "../src/schema/index.ts";

const target = fileURLToPath(new URL("../schema.graphql", import.meta.url));
writeFileSync(target, printSchema(lexicographicSortSchema(schema)) + "\n");
console.log(`wrote ${target}`);
