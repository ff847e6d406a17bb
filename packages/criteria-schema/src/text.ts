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
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Whether `query` matches `text` from the start of a word, ignoring diacritics ("yen hoa" ~ "Phường Yên Hoà"). */
export function matchesSearch(text: string, query: string): boolean {
  const q = searchName(query);
  if (q === "") return true;
  const t = searchName(text);
  return t.startsWith(q) || t.includes(` ${q}`);
}

/**
 * The one Vietnamese collator of the platform: alphabet order A Ă Â B C D Đ E Ê
 * G H … (so "Đà Nẵng" sorts after "Dak…" and before "Gia Lai", "Hà Nội" before
 * "Huế"), then tones; digits by value ("Phường 2" before "Phường 10"). The API
 * sorts what it lists by name with it too: the database's collation ("C" on
 * PGlite, whatever the server has on PostgreSQL) puts "Đ…" last.
 */
export const vietnameseCollator = new Intl.Collator("vi", { numeric: true });

/** Compares two names in Vietnamese order; for `Array.prototype.sort`. */
export function compareVietnamese(a: string, b: string): number {
  return vietnameseCollator.compare(a, b);
}

/** A copy of `items` sorted by `name(item)` in Vietnamese order. */
export function sortByVietnamese<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => vietnameseCollator.compare(name(a), name(b)));
}

/** A URL-safe slug: the search name with every run of other characters turned into one "-". */
export function slugify(s: string): string {
  return searchName(s)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
