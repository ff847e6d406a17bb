import { searchName } from "@cds/criteria-schema";

export { searchName, slugify } from "@cds/criteria-schema";

/** A Prisma filter: the query matches from the start of a word ("yen hoa" finds "Phường Yên Hoà", not "Huyện Hoàng"). */
export function searchFilter(query: string): { OR: { searchName: { startsWith: string } | { contains: string } }[] } {
  const q = searchName(query);
  return { OR: [{ searchName: { startsWith: q } }, { searchName: { contains: ` ${q}` } }] };
}
