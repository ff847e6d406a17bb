/**
 * Vietnamese first, English second. Messages live in catalogs (one per app,
 * plus the shared one here), never in components; the choice is remembered.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { formatNumber } from "@cds/criteria-schema";
import { formatVietnameseDate, formatVietnameseDateTime, vietnamDay as calendarVietnamDay } from "@cds/calendar";

export type Locale = "vi" | "en";
export type Catalog = Record<string, string>;

const LOCALE_KEY = "cds.locale";

export interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  /** A message by key, with {name} placeholders filled. */
  t(key: string, params?: Record<string, string | number>): string;
  /** dd/mm/yyyy, whatever the locale: the format Vietnamese documents use. */
  date(d: string | Date | null | undefined): string;
  dateTime(d: string | Date | null | undefined): string;
  number(n: number): string;
  percent(numerator: number, denominator: number): string;
  /** The message of an API error in the current language. */
  error(e: unknown): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === "vi" || saved === "en") return saved;
  } catch {
    /* storage unavailable */
  }
  return "vi";
}

// The dates are @cds/calendar's (the one calendar); these names stay for the apps that call them.
/** yyyy-mm-dd, or an instant's day in Vietnam, as dd/mm/yyyy; "—" for nothing or nonsense. */
export const formatDate: (d: string | Date | null | undefined) => string = formatVietnameseDate;

/** The calendar day of an instant in Vietnam (UTC+7, no daylight saving), as yyyy-mm-dd. */
export const vietnamDay: (instant: Date) => string = calendarVietnamDay;

/** An instant as dd/mm/yyyy HH:mm in Vietnam. */
export const formatDateTime: (d: string | Date | null | undefined) => string = formatVietnameseDateTime;

/** A message with its {name} placeholders filled. */
function fill(s: string, params?: Record<string, string | number>): string {
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** A message of a feature's own catalogs in `locale` (Vietnamese when the English one is missing), or the key. */
function featureMessage(
  catalogs: Record<Locale, Catalog>,
  locale: Locale,
  key: string,
  params?: Record<string, string | number>,
): string {
  return fill(catalogs[locale][key] ?? catalogs.vi[key] ?? key, params);
}

export function I18nProvider({ catalogs, children }: { catalogs: Record<Locale, Catalog>; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(LOCALE_KEY, l);
    } catch {
      /* storage unavailable */
    }
    document.documentElement.lang = l;
  }, []);
  const value = useMemo<I18n>(() => {
    const cat = catalogs[locale];
    const fallback = catalogs.vi;
    return {
      locale,
      setLocale,
      t: (key, params) => fill(cat[key] ?? fallback[key] ?? key, params),
      date: formatDate,
      dateTime: formatDateTime,
      number: (n) => formatNumber(n, locale),
      percent: (num, den) => (den === 0 ? "—" : `${formatNumber((100 * num) / den, locale)}%`),
      error: (e) => {
        if (e && typeof e === "object" && "messageEn" in e && locale === "en")
          return String((e as { messageEn: string }).messageEn);
        return e instanceof Error ? e.message : String(e);
      },
    };
  }, [catalogs, locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}

/**
 * The app's i18n with a feature's own catalogs first: a page loaded lazily brings its messages with it, and works
 * whether or not the app's catalog merges them; every key the feature does not have is the app's.
 */
export function useFeatureI18n(catalogs: Record<Locale, Catalog>): I18n {
  const i18n = useI18n();
  return useMemo(
    () => ({
      ...i18n,
      t: (key, params) =>
        key in catalogs.vi ? featureMessage(catalogs, i18n.locale, key, params) : i18n.t(key, params),
    }),
    [i18n, catalogs],
  );
}
