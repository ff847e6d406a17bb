import { lazy, Suspense, useEffect, type ReactNode } from "react";
import {
  AccountPage,
  ACCOUNT_PATH,
  AppShell,
  landingPath,
  LoginForm,
  match,
  navigate,
  Spinner,
  useI18n,
  useLocation,
  useMe,
  type Me,
  type NavItem,
} from "@cds/ui";
import { SetsPage } from "./features/sets/SetsPage.tsx";
import { RoundsPage } from "./features/round/RoundsPage.tsx";
import { ReviewPage } from "./features/round/ReviewPage.tsx";
import { ReportPage } from "./features/round/ReportPage.tsx";
import { NationalPage } from "./features/ministry/NationalPage.tsx";
import { ComparePage } from "./features/ministry/ComparePage.tsx";

// The editor pulls in Monaco: loaded only when a set is opened.
const SetEditorPage = lazy(() => import("./features/sets/SetEditorPage.tsx"));

export function roleSet(me: Me | null | undefined): Set<string> {
  return new Set((me?.roles ?? []).map((r) => r.role));
}

export function App() {
  const { t } = useI18n();
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
  const roles = roleSet(me.data);
  const nav: NavItem[] = [
    ...(roles.has("MINISTRY_ADMIN")
      ? [
          { to: "/national", label: t("nav.national") },
          { to: "/compare", label: t("nav.compare") },
        ]
      : []),
    ...(roles.size > 0 && !(roles.size === 1 && roles.has("MINISTRY_ADMIN"))
      ? [{ to: "/rounds", label: t("nav.rounds") }]
      : []),
    { to: "/sets", label: t("nav.sets") },
    ...(roles.has("PROVINCE_ADMIN") ? [{ to: "/report", label: t("nav.report") }] : []),
  ].map((n) => ({ ...n, active: path === n.to || path.startsWith(`${n.to}/`) }));

  let page: ReactNode;
  let m: Record<string, string> | null;
  if (path === "/") page = <Redirect to={landingPath(me.data, "admin")} />;
  else if (path === "/sets") page = <SetsPage me={me.data} />;
  else if ((m = match("/sets/:versionId", path))) page = <SetEditorPage me={me.data} versionId={m.versionId!} />;
  else if (path === "/rounds") page = <RoundsPage me={me.data} />;
  else if ((m = match("/assessments/:id", path))) page = <ReviewPage me={me.data} assessmentId={m.id!} />;
  else if (path === "/report") page = <ReportPage me={me.data} />;
  else if (path === "/national") page = <NationalPage me={me.data} />;
  else if (path === "/compare") page = <ComparePage me={me.data} />;
  else if (path === ACCOUNT_PATH) page = <AccountPage />;
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
