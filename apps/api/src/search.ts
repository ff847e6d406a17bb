/**
 * Name search in the database: every searchable row keeps `searchName` (criteria-schema's searchName:
 * lower case, diacritics folded, spaces collapsed), and a query is folded the same way.
 */
import { searchName } from "@cds/criteria-schema";

/** LIKE's wildcards and its escape character, as literal text (Prisma passes startsWith/contains to LIKE as they are). */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A Prisma filter: the query matches from the start of a word ("yen hoa" finds "Phường Yên Hoà", not "Huyện Hoàng").
 * Every character the caller types is literal: "%" finds only names that contain "%".
 */
export function searchFilter(query: string): { OR: { searchName: { startsWith: string } | { contains: string } }[] } {
  const q = likeLiteral(searchName(query));
  return { OR: [{ searchName: { startsWith: q } }, { searchName: { contains: ` ${q}` } }] };
}
