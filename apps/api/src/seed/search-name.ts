/**
 * The search form of a Vietnamese name: lower case, no diacritics, single
 * spaces. "Yên Hoà" and "Yên Hòa" (old and new tone placement) both become
 * "yen hoa", so either spelling finds the other.
 */
export function searchName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** A URL-safe slug: the search name with every run of other characters turned into one "-". */
export function slugify(s: string): string {
  return searchName(s)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** A Prisma filter: the query matches from the start of a word ("yen hoa" finds "Phường Yên Hoà", not "Huyện Hoàng"). */
export function searchFilter(query: string): { OR: { searchName: { startsWith: string } | { contains: string } }[] } {
  const q = searchName(query);
  return { OR: [{ searchName: { startsWith: q } }, { searchName: { contains: ` ${q}` } }] };
}
