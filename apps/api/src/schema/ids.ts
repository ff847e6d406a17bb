/**
 * Ids in arguments. Pothos parses every id argument (`t.arg.globalID()`) with `decodeGlobalId` below: a relay
 * global id ("Type:id" in base64) gives its type and row id; anything else is taken as a row id as given
 * (typename `RAW_ID`), which keeps raw ids working for API clients. `node(id)` refuses a raw id.
 */

/** The typename given to an id that is not a global id. */
export const RAW_ID = "RawId";

const TYPENAME = /^[A-Z][A-Za-z0-9]*$/;

export function decodeGlobalId(globalID: string): { typename: string; id: string } {
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(globalID)) {
    const raw = Buffer.from(globalID, "base64").toString("utf8");
    const colon = raw.indexOf(":");
    const typename = raw.slice(0, colon);
    const id = raw.slice(colon + 1);
    if (colon > 0 && id && TYPENAME.test(typename)) return { typename, id };
  }
  return { typename: RAW_ID, id: globalID };
}

/** The row id of `type` from an id outside GraphQL (a URL path): a global id of that type, else the id as given. */
export function decodeId(id: string, type: string): string {
  const d = decodeGlobalId(id);
  return d.typename === type ? d.id : id;
}
