/** Ids in arguments: a relay global id ("Type:id" in base64) or the raw id. */

/** The raw id of `type` from a global id of that type, else the id as given. */
export function decodeId(id: string, type: string): string {
  // Accept a relay global id or a raw id.
  try {
    const raw = Buffer.from(id, "base64").toString("utf8");
    const [t, rest] = [raw.slice(0, raw.indexOf(":")), raw.slice(raw.indexOf(":") + 1)];
    if (t === type && rest) return rest;
  } catch {
    /* not base64 */
  }
  return id;
}
