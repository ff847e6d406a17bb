import type { ReactNode } from "react";
import { useI18n } from "../i18n.tsx";
import { Link } from "../router.tsx";
import { useLogout, type Me } from "../session.tsx";

export interface NavItem {
  to: string;
  label: string;
  active?: boolean;
}

export function LocaleToggle() {
  const { locale, setLocale } = useI18n();
  return (
    <button
      type="button"
      className="locale-toggle"
      onClick={() => setLocale(locale === "vi" ? "en" : "vi")}
      aria-label={locale === "vi" ? "Switch to English" : "Chuyển sang tiếng Việt"}
    >
      {locale === "vi" ? "EN" : "VI"}
    </button>
  );
}

/** Header with the app's name, navigation, language toggle and the signed-in user. */
export function AppShell({ title, nav, me, children }: { title: string; nav: NavItem[]; me: Me | null | undefined; children: ReactNode }) {
  const { t } = useI18n();
  const logout = useLogout();
  return (
    <div className="app">
      <header className="app-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden>
            ◆
          </span>
          {title}
        </Link>
        <nav aria-label={t("common.navigation")}>
          {nav.map((n) => (
            <Link key={n.to} to={n.to} className={n.active ? "active" : undefined} aria-current={n.active ? "page" : undefined}>
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="header-right">
          <LocaleToggle />
          {me && (
            <>
              <span className="user" title={me.email}>
                {me.name}
              </span>
              <button type="button" className="link" onClick={() => logout.mutate()}>
                {t("login.logout")}
              </button>
            </>
          )}
        </div>
      </header>
      <main className="app-main">{children}</main>
    </div>
  );
}
