import { z } from "zod";
import { ZCriteriaSet } from "./schema.ts";

/** File name editors match a model's path against (see `fileMatch` in Monaco's JSON defaults). */
export const CRITERIA_SET_SCHEMA_URI = "https://cds.gov.vn/schemas/criteria-set.v1.json";

/**
 * The JSON Schema of a criteria-set document, generated from the zod source.
 * `io: "input"` so fields with defaults (local, exemptWhenNoSubjects…) stay optional in the editor.
 */
export function criteriaSetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ZCriteriaSet, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  return { ...schema, $id: CRITERIA_SET_SCHEMA_URI, title: "Bộ tiêu chí chuyển đổi số (criteria set)" };
}
