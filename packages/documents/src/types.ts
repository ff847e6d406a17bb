export type { SignatureBlock } from "./layout.ts";
export type { Level } from "./format.ts";

/** How a set judges units: the 2361 ladder, a points index, or levels from score bands. */
export type JudgedBy = "levels" | "points" | "both";

/** Ô số 2 of the header: who issues the document. */
export interface Issuer {
  /** Cơ quan chủ quản trực tiếp, e.g. "UBND TỈNH NINH BÌNH"; left out for UBND tỉnh itself. */
  parentAgency?: string;
  /** Cơ quan ban hành, e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ" or "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH". */
  name: string;
}

/** What every document carries in its header. */
export interface DocumentMeta {
  issuer: Issuer;
  /** Số; left out (a draft), a blank is printed before "/symbol". */
  number?: string;
  /** Ký hiệu; each document has a default ("QĐ-UBND", "BB-HĐTĐ", "KQ-SKHCN", "BC-UBND"). */
  symbol?: string;
  /** Địa danh in front of the date, e.g. "Ninh Bình". */
  place: string;
  /** Ngày ban hành, yyyy-mm-dd; left out, "ngày … tháng …" stay blank. */
  date?: string;
  /** Năm ban hành (printed even when the date is blank). */
  year: number;
  /** A document not yet signed is a draft and says "DỰ THẢO"; default true. */
  draft?: boolean;
}

export function headerOf(meta: DocumentMeta, defaultSymbol: string) {
  return {
    ...(meta.issuer.parentAgency ? { parentAgency: meta.issuer.parentAgency } : {}),
    issuer: meta.issuer.name,
    ...(meta.number ? { number: meta.number } : {}),
    symbol: meta.symbol ?? defaultSymbol,
    place: meta.place,
    ...(meta.date ? { date: meta.date } : {}),
    year: meta.year,
  };
}

export function isDraft(meta: DocumentMeta): boolean {
  return meta.draft ?? true;
}
