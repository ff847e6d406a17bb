// Writes criteria-set.schema.json from the zod source. The drift test fails when
// the committed file differs from what this prints.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { criteriaSetJsonSchema } from "../src/json-schema.ts";

const target = fileURLToPath(new URL("../criteria-set.schema.json", import.meta.url));
writeFileSync(target, JSON.stringify(criteriaSetJsonSchema(), null, 2) + "\n");
console.log(`wrote ${target}`);
