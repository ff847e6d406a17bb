import { lazy, Suspense, useEffect, type ReactNode } from "react";
import {
  AccountPage,
  ACCOUNT_PATH,
  INBOX_PATH,
  InboxPage,
  AppShell,
  landingPath,
  LoginForm,
  match,
  navigate,
  Spinner,
  useI18n,
  useLocation,
  useMe,
  type Capabilities,
  type NavItem,
} from "@cds/ui";
import { SetsPage } from "./features/sets/SetsPage.tsx";
import { RoundsPage } from "./features/round/RoundsPage.tsx";
import { ReviewPage } from "./features/round/ReviewPage.tsx";
import { ReportPage } from "./features/round/ReportPage.tsx";
import { NationalPage } from "./features/ministry/NationalPage.tsx";
import { ComparePage } from "./features/ministry/ComparePage.tsx";
import { ACCOUNTS_PATH, AccountsPage } from "./features/accounts/AccountsPage.tsx";
import { PORTAL_HANDOFF_PATH, PortalHandoffPage } from "./features/accounts/PortalHandoffPage.tsx";
import { DTI_PATH, withDtiNav } from "./features/rankings/nav.ts";

// The editor pulls in Monaco: loaded only when a set is opened.
const SetEditorPage = lazy(() => import("./features/sets/SetEditorPage.tsx"));
// Rankings of scored rounds (Bộ chỉ số) and the ministry's provincial DTI: loaded when opened.
const RoundRankingPage = lazy(() => import("./features/rankings/RoundRankingPage.tsx"));
const DtiPage = lazy(() => import("./features/rankings/DtiPage.tsx"));

/** Where each section of the admin menu leads; which sections a user has, and their order, is the API's. */
const SECTION_PATH: Record<Capabilities["adminSections"][number], { to: string; label: string }> = {
  NATIONAL: { to: "/national", label: "nav.national" },
  COMPARE: { to: "/compare", label: "nav.compare" },
  ROUNDS: { to: "/rounds", label: "nav.rounds" },
  SETS: { to: "/sets", label: "nav.sets" },
  REPORT: { to: "/report", label: "nav.report" },
  ACCOUNTS: { to: ACCOUNTS_PATH, label: "nav.accounts" },
};

export function App() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { path } = useLocation();
  if (me.isPending) return <Spinner />;
  if (!me.data) {
    return (
      <AppShell title={t("app.title")} nav={[]} me={null}>
        <LoginForm demoHint app="admin" />
      </AppShell>
    );
  }
  const nav: NavItem[] = me.data.capabilities.adminSections.flatMap((section) => {
    // A section this build does not know (a newer API) is left out of the menu rather than breaking the app.
    const known = SECTION_PATH[section] as (typeof SECTION_PATH)[typeof section] | undefined;
    if (!known) return [];
    const { to, label } = known;
    const item = { to, label: t(label), active: path === to || path.startsWith(`${to}/`) };
    return section === "NATIONAL" ? withDtiNav(item, path, locale) : [item];
  });

  let page: ReactNode;
  let m: Record<string, string> | null;
  if (path === "/") page = <Redirect to={landingPath(me.data, "admin")} />;
  else if (path === "/sets") page = <SetsPage me={me.data} />;
  else if ((m = match("/sets/:versionId", path))) page = <SetEditorPage me={me.data} versionId={m.versionId!} />;
  else if (path === "/rounds") page = <RoundsPage me={me.data} />;
  else if ((m = match("/rounds/:roundId/ranking", path))) page = <RoundRankingPage me={me.data} roundId={m.roundId!} />;
  else if ((m = match("/assessments/:id", path))) page = <ReviewPage me={me.data} assessmentId={m.id!} />;
  else if (path === "/report") page = <ReportPage me={me.data} />;
  else if (path === "/national") page = <NationalPage me={me.data} />;
  else if (path === "/compare") page = <ComparePage me={me.data} />;
  else if (path === DTI_PATH) page = <DtiPage me={me.data} />;
  else if (path === ACCOUNTS_PATH) page = <AccountsPage me={me.data} />;
  else if (path === PORTAL_HANDOFF_PATH) page = <PortalHandoffPage me={me.data} />;
  else if (path === ACCOUNT_PATH) page = <AccountPage />;
  else if (path === INBOX_PATH) page = <InboxPage />;
  else page = <p>{t("app.notFound")}</p>;

  return (
    <AppShell title={t("app.title")} nav={nav} me={me.data}>
      <Suspense fallback={<Spinner />}>{page}</Suspense>
    </AppShell>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Spinner />;
}
