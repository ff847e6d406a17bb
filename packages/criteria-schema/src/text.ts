/**
 * Vietnamese text as the platform searches it. One implementation for the
 * API's stored search names and the web apps' client-side filters.
 */

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

/** Whether `query` matches `text` from the start of a word, ignoring diacritics ("yen hoa" ~ "Phường Yên Hoà"). */
export function matchesSearch(text: string, query: string): boolean {
  const q = searchName(query);
  if (q === "") return true;
  const t = searchName(text);
  return t.startsWith(q) || t.includes(` ${q}`);
}

/** A URL-safe slug: the search name with every run of other characters turned into one "-". */
export function slugify(s: string): string {
  return searchName(s)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
