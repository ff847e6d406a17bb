import type { ReactNode } from "react";
import { useI18n } from "../i18n.tsx";
import { Link } from "../router.tsx";
import { useLogout, useSessionSync, type Me } from "../session.tsx";
import { InboxBell } from "./inbox.tsx";
import { FirstPasswordChange } from "../account.tsx";

/** Where both apps show the account page (password, sessions). */
export const ACCOUNT_PATH = "/account";

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

/**
 * Header with the app's name, navigation, language toggle and the signed-in user (a link to
 * the account page, and sign-out, which leads to `signedOutPath`). A user on a temporary password
 * sees the password change instead of any page (and no menu) until it is done.
 */
export function AppShell({
  title,
  nav,
  me,
  signedOutPath = "/",
  children,
}: {
  title: string;
  nav: NavItem[];
  me: Me | null | undefined;
  signedOutPath?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const logout = useLogout(signedOutPath);
  useSessionSync(signedOutPath);
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
          {(me?.mustChangePassword ? [] : nav).map((n) => (
            <Link
              key={n.to}
              to={n.to}
              className={n.active ? "active" : undefined}
              aria-current={n.active ? "page" : undefined}
            >
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="header-right">
          <LocaleToggle />
          {me && (
            <>
              {!me.mustChangePassword && <InboxBell />}
              <Link to={ACCOUNT_PATH} className="user" title={`${me.email} — ${t("account.title")}`}>
                {me.name}
              </Link>
              <button type="button" className="link" onClick={() => logout.mutate()}>
                {t("login.logout")}
              </button>
            </>
          )}
        </div>
      </header>
      <main className="app-main">{me?.mustChangePassword ? <FirstPasswordChange /> : children}</main>
    </div>
  );
}
