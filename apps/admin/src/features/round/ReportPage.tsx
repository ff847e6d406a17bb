/**
 * The province's yearly report to the ministry: what will be sent (recognised
 * units by level, per unit kind), the 25/12 deadline, sending, and once sent
 * what was sent and whether it was on time.
 */
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable, ErrorBox, Notice, request, Spinner, unwrap, useI18n, type Column, type Me } from "@cds/ui";
import { isProvinceAdmin } from "./access.ts";
import { ActionError } from "./dialog.tsx";
import { daysUntil } from "./format.ts";
import {
  provinceReportsOptions,
  reportDeadlineOptions,
  roundsOptions,
  roundSummaryOptions,
  SubmitReportMutation,
  type ProvinceReportRow,
} from "./queries.ts";
import "./round.css";

interface KindLine {
  unitKind: string;
  units: number;
  recognised: number;
  byLevel: number[];
  inProgress: number;
}

export function ReportPage({ me }: { me: Me }) {
  const { t, locale, date, dateTime, number } = useI18n();
  const tenantId = isProvinceAdmin(me);
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [confirming, setConfirming] = useState(false);
  const qc = useQueryClient();
  const rounds = useQuery({ ...roundsOptions(tenantId), enabled: !!tenantId });
  const ofYear = (rounds.data?.rounds ?? []).filter((r) => r.year === year);
  const summaries = useQueries({ queries: ofYear.map((r) => roundSummaryOptions(r.id)) });
  const reports = useQuery(provinceReportsOptions(year));
  const deadline = useQuery(reportDeadlineOptions(year));
  const send = useMutation({
    mutationFn: async () =>
      unwrap((await request(SubmitReportMutation, { tenantId: tenantId!, year })).submitProvinceReport),
    onSuccess: () => {
      setConfirming(false);
      return qc.invalidateQueries({ queryKey: ["provinceReports", year] });
    },
  });

  if (!tenantId) return <Notice kind="warn">{t("report.notProvince")}</Notice>;
  if (rounds.isPending || reports.isPending || deadline.isPending || summaries.some((s) => s.isPending))
    return <Spinner label={t("report.loading")} />;
  const failed = rounds.error ?? reports.error ?? deadline.error ?? summaries.find((s) => s.error)?.error;
  if (failed) return <ErrorBox error={failed} />;

  const kindName = (code: string) => {
    const k = rounds.data?.unitKinds.find((u) => u.code === code);
    return k ? (locale === "en" ? k.nameEn : k.name) : code;
  };
  const lines: KindLine[] = ofYear.map((r, i) => {
    const s = summaries[i]!.data!;
    const recognised = s.byStatus.find((x) => x.status === "RECOGNISED")?.count ?? 0;
    return {
      unitKind: r.unitKind,
      units: s.units,
      recognised,
      byLevel: s.byRecognisedLevel,
      inProgress: s.units - recognised,
    };
  });
  const sent: ProvinceReportRow | undefined = reports.data?.find((r) => r.tenant.code === tenantId);
  const years = [new Date().getFullYear(), new Date().getFullYear() - 1, new Date().getFullYear() - 2];
  const days = daysUntil(`${year}-12-25`);
  const onTimeNow = Date.now() < deadline.data!.getTime();
  const pending = lines.reduce((s, l) => s + l.inProgress, 0);

  return (
    <div>
      <div className="page-head">
        <div>
          <h1>{t("report.title", { year })}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {t("report.subtitle")}
          </p>
        </div>
        <label>
          {t("report.year")}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>

      {sent ? (
        <SentReport report={sent} kindName={kindName} />
      ) : (
        <section className="card" aria-label={t("report.deadlineTitle")}>
          <h2 style={{ marginTop: 0 }}>{t("report.deadlineTitle")}</h2>
          <p style={{ margin: "0 0 0.5rem" }}>
            {t("report.deadline", { date: date(`${year}-12-25`) })}{" "}
            {onTimeNow ? (
              <strong style={{ color: "var(--green)" }}>{t("report.onTimeNow", { n: days })}</strong>
            ) : (
              <strong style={{ color: "var(--red)" }}>{t("report.lateNow")}</strong>
            )}
          </p>
          {lines.length === 0 && <Notice kind="warn">{t("report.noRounds", { year })}</Notice>}
          {pending > 0 && <Notice kind="warn">{t("report.pending", { n: number(pending) })}</Notice>}
          {!confirming ? (
            <button type="button" disabled={lines.length === 0} onClick={() => setConfirming(true)}>
              {t("report.send")}
            </button>
          ) : (
            <div className="notice notice-info" role="group" aria-label={t("report.confirmTitle")}>
              <p style={{ marginTop: 0 }}>{t("report.confirm", { year })}</p>
              <div className="row">
                <button type="button" disabled={send.isPending} onClick={() => send.mutate()}>
                  {send.isPending ? t("common.working") : t("report.confirmSend")}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                  {t("common.cancel")}
                </button>
              </div>
            </div>
          )}
          <ActionError error={send.error} labels={{ year: t("report.year") }} />
        </section>
      )}

      <h2>{sent ? t("report.liveTitleSent") : t("report.liveTitle")}</h2>
      <KindTable lines={lines} kindName={kindName} csvName={`bao-cao-${tenantId}-${year}.csv`} />
      {sent && <p className="hint">{t("report.liveHint", { date: dateTime(sent.submittedAt) })}</p>}
    </div>
  );
}

function KindTable({
  lines,
  kindName,
  csvName,
}: {
  lines: KindLine[];
  kindName: (c: string) => string;
  csvName: string;
}) {
  const { t, number, percent } = useI18n();
  const columns: Column<KindLine>[] = [
    { key: "kind", header: t("report.col.kind"), value: (l) => kindName(l.unitKind) },
    {
      key: "units",
      header: t("report.col.units"),
      value: (l) => l.units,
      render: (l) => number(l.units),
      align: "right",
    },
    {
      key: "recognised",
      header: t("report.col.recognised"),
      value: (l) => l.recognised,
      render: (l) => number(l.recognised),
      align: "right",
    },
    ...[0, 1, 2, 3, 4, 5].map<Column<KindLine>>((lv) => ({
      key: `l${lv}`,
      header: lv === 0 ? t("report.col.level0") : `${lv}. ${t(`level.${lv}`)}`,
      value: (l) => l.byLevel[lv] ?? 0,
      render: (l) => number(l.byLevel[lv] ?? 0),
      align: "right",
    })),
    {
      key: "basic",
      header: t("report.col.basicOrAbove"),
      value: (l) => basic(l),
      render: (l) => percent(basic(l), l.units),
      align: "right",
    },
    {
      key: "inProgress",
      header: t("report.col.inProgress"),
      value: (l) => l.inProgress,
      render: (l) => number(l.inProgress),
      align: "right",
    },
  ];
  return <DataTable columns={columns} rows={lines} rowKey={(l) => l.unitKind} csvName={csvName} filterable={false} />;
}

const basic = (l: KindLine) => (l.byLevel[3] ?? 0) + (l.byLevel[4] ?? 0) + (l.byLevel[5] ?? 0);

function SentReport({ report, kindName }: { report: ProvinceReportRow; kindName: (c: string) => string }) {
  const { t, dateTime } = useI18n();
  const summary = (report.summary ?? {}) as Record<
    string,
    { units?: number; recognised?: number; recognisedByLevel?: number[] }
  >;
  const lines: KindLine[] = Object.entries(summary).map(([unitKind, s]) => ({
    unitKind,
    units: s.units ?? 0,
    recognised: s.recognised ?? 0,
    byLevel: s.recognisedByLevel ?? [],
    inProgress: (s.units ?? 0) - (s.recognised ?? 0),
  }));
  return (
    <section className="card" aria-label={t("report.sentTitle")}>
      <h2 style={{ marginTop: 0 }}>{t("report.sentTitle")}</h2>
      <Notice kind={report.onTime ? "ok" : "warn"}>
        <span data-testid="report-sent">
          {t("report.sentAt", { date: dateTime(report.submittedAt) })} —{" "}
          <strong>{report.onTime ? t("report.onTime") : t("report.late")}</strong>
        </span>
      </Notice>
      <KindTable lines={lines} kindName={kindName} csvName={`bao-cao-da-gui-${report.year}.csv`} />
    </section>
  );
}
