/**
 * The province's yearly report to the ministry: what will be sent (recognised
 * units by level, per unit kind), the deadline (the API's), sending, and once sent
 * what was sent and whether it was on time.
 */
import { vietnamYear } from "@cds/calendar";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  countColumn,
  DataTable,
  ErrorBox,
  Notice,
  recentYears,
  request,
  Spinner,
  unwrap,
  useI18n,
  YearSelect,
  type Column,
  type Me,
  formatDaysLeft,
} from "@cds/ui";
import { reportingProvince } from "./access.ts";
import { ActionError } from "./dialog.tsx";
import { roundsOptions, roundSummaryOptions } from "./rounds-queries.ts";
import {
  provinceReportsOptions,
  reportDueOptions,
  SubmitReportMutation,
  type ProvinceReportRow,
} from "./report-queries.ts";
import "./round.css";

interface KindLine {
  unitKind: string;
  units: number;
  recognised: number;
  byLevel: number[];
  /** Recognised at "Cơ bản" or above, as the API counts it (null for a report sent before it was recorded). */
  basicOrAbove: number | null;
  inProgress: number;
}

export function ReportPage({ me }: { me: Me }) {
  const { t, locale, date, dateTime, number } = useI18n();
  const tenantId = reportingProvince(me);
  const [year, setYear] = useState(() => vietnamYear());
  const [confirming, setConfirming] = useState(false);
  const qc = useQueryClient();
  const rounds = useQuery({ ...roundsOptions(tenantId), enabled: !!tenantId });
  const ofYear = (rounds.data?.rounds ?? []).filter((r) => r.year === year);
  const summaries = useQueries({ queries: ofYear.map((r) => roundSummaryOptions(r.id)) });
  const reports = useQuery(provinceReportsOptions(year));
  const deadline = useQuery(reportDueOptions(year));
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
      basicOrAbove: s.recognisedBasicOrAbove,
      inProgress: s.units - recognised,
    };
  });
  const sent: ProvinceReportRow | undefined = reports.data?.find((r) => r.tenant.code === tenantId);
  const due = deadline.data!;
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
        <YearSelect label={t("report.year")} years={recentYears(3)} value={year} onChange={setYear} />
      </div>

      {sent ? (
        <SentReport report={sent} kindName={kindName} />
      ) : (
        <section className="card" aria-label={t("report.deadlineTitle")}>
          <h2 style={{ marginTop: 0 }}>{t("report.deadlineTitle")}</h2>
          <p style={{ margin: "0 0 0.5rem" }}>
            {t("report.deadline", { date: date(due.date) })}{" "}
            {due.state === "DUE_TODAY" ? (
              <strong style={{ color: "var(--green)" }}>{t("report.dueTodayNow")}</strong>
            ) : due.state === "OPEN" ? (
              <strong style={{ color: "var(--green)" }}>
                {t("report.onTimeNow", { left: formatDaysLeft(due, t) })}
              </strong>
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
      {lines.length > 0 && (
        <p className="document-links">
          {/* The API lays the report out as Nghị định 30/2020 prescribes, with its two annexes, as a draft. */}
          <a href={`/documents/province-report/${encodeURIComponent(tenantId)}-${year}.pdf`} download>
            {t("report.pdf", { year })}
          </a>
        </p>
      )}
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
    countColumn<KindLine>("units", t("report.col.units"), (l) => l.units, number),
    countColumn<KindLine>("recognised", t("report.col.recognised"), (l) => l.recognised, number),
    ...levelsOf(lines).map((lv) =>
      countColumn<KindLine>(
        `l${lv}`,
        lv === 0 ? t("report.col.level0") : `${lv}. ${t(`level.${lv}`)}`,
        (l) => l.byLevel[lv] ?? 0,
        number,
      ),
    ),
    {
      key: "basic",
      header: t("report.col.basicOrAbove"),
      value: (l) => l.basicOrAbove,
      render: (l) => (l.basicOrAbove === null ? "—" : percent(l.basicOrAbove, l.units)),
      align: "right",
    },
    countColumn<KindLine>("inProgress", t("report.col.inProgress"), (l) => l.inProgress, number),
  ];
  return <DataTable columns={columns} rows={lines} rowKey={(l) => l.unitKind} csvName={csvName} filterable={false} />;
}

/** The levels counted (0 = none reached), as many as the summaries give. */
const levelsOf = (lines: KindLine[]) =>
  Array.from({ length: Math.max(0, ...lines.map((l) => l.byLevel.length)) }, (_, lv) => lv);

function SentReport({ report, kindName }: { report: ProvinceReportRow; kindName: (c: string) => string }) {
  const { t, dateTime } = useI18n();
  const summary = (report.summary ?? {}) as Record<
    string,
    { units?: number; recognised?: number; recognisedByLevel?: number[]; recognisedBasicOrAbove?: number }
  >;
  const lines: KindLine[] = Object.entries(summary).map(([unitKind, s]) => ({
    unitKind,
    units: s.units ?? 0,
    recognised: s.recognised ?? 0,
    byLevel: s.recognisedByLevel ?? [],
    basicOrAbove: s.recognisedBasicOrAbove ?? null,
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
