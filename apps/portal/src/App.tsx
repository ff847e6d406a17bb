import type { ReactNode } from "react";
import {
  AccountPage,
  ACCOUNT_PATH,
  INBOX_PATH,
  InboxPage,
  AppShell,
  LoginForm,
  match,
  Spinner,
  useI18n,
  useLocation,
  useMe,
  type NavItem,
} from "@cds/ui";
import { MyAssessmentsPage } from "./features/assessment/MyAssessmentsPage.tsx";
import { AssessmentPage } from "./features/assessment/AssessmentPage.tsx";
import { ResultsPage } from "./features/public/ResultsPage.tsx";
import { UnitResultPage } from "./features/public/UnitResultPage.tsx";
import { PublicSetsPage } from "./features/public/PublicSetsPage.tsx";
import { RankingsPage } from "./features/public/RankingsPage.tsx";
import { RankingPage } from "./features/public/RankingPage.tsx";

export function App() {
  const { t } = useI18n();
  const me = useMe();
  const { path, params } = useLocation();
  const nav: NavItem[] = [
    { to: "/", label: t("nav.results") },
    { to: "/rankings", label: t("nav.rankings") },
    { to: "/sets", label: t("nav.sets") },
    { to: "/my", label: me.data ? t("nav.my") : t("nav.login") },
  ].map((n) => ({ ...n, active: n.to === "/" ? path === "/" || path.startsWith("/units/") : path.startsWith(n.to) }));

  let page: ReactNode;
  let m: Record<string, string> | null;
  if (path === "/") page = <ResultsPage />;
  // A code repeats across maps: ?map=2025-03 reads the unit on the three-tier map (default: today's map).
  else if ((m = match("/units/:code", path))) page = <UnitResultPage code={m.code!} mapId={params.get("map")} />;
  else if (path === "/sets") page = <PublicSetsPage />;
  else if (path === "/rankings") page = <RankingsPage />;
  else if ((m = match("/rankings/:roundId", path))) page = <RankingPage roundId={m.roundId!} />;
  else if (path === "/my" || path === ACCOUNT_PATH || path === INBOX_PATH || path.startsWith("/assessments/")) {
    if (me.isPending) page = <Spinner />;
    else if (!me.data) page = <LoginForm demoHint app="portal" />;
    else if (path === ACCOUNT_PATH) page = <AccountPage />;
    else if (path === INBOX_PATH) page = <InboxPage />;
    else if ((m = match("/assessments/:id", path))) page = <AssessmentPage me={me.data} assessmentId={m.id!} />;
    else page = <MyAssessmentsPage me={me.data} />;
  } else page = <p>{t("app.notFound")}</p>;

  return (
    <AppShell title={t("app.title")} nav={nav} me={me.data}>
      {page}
    </AppShell>
  );
}
