/** How each province's set deviates from the national framework v1.0: a sortable table with the details of each change. */
import { useMemo } from "react";
import { DataTable, useI18n, type Column } from "@cds/ui";
import type { Deviation } from "./queries.ts";

export function DeviationTable({ deviations, csvName }: { deviations: Deviation[]; csvName: string }) {
  const { t, number } = useI18n();
  const columns = useMemo<Column<Deviation>[]>(
    () => [
      {
        key: "name",
        header: t("ministry.dev.province"),
        value: (d) => d.name,
        render: (d) => <strong>{d.name}</strong>,
      },
      {
        key: "set",
        header: t("ministry.dev.set"),
        value: (d) => (d.diff ? d.diff.to : t("ministry.dev.national")),
        render: (d) => (d.diff ? d.diff.to : <span className="muted">{t("ministry.dev.national")}</span>),
      },
      {
        key: "stricter",
        header: t("ministry.dev.stricter"),
        value: (d) => d.diff?.stricter ?? null,
        render: (d) => (d.diff ? number(d.diff.stricter) : "—"),
        align: "right",
      },
      {
        key: "looser",
        header: t("ministry.dev.looser"),
        value: (d) => d.diff?.looser ?? null,
        render: (d) => (d.diff ? number(d.diff.looser) : "—"),
        align: "right",
      },
      {
        key: "added",
        header: t("ministry.dev.added"),
        value: (d) => d.diff?.added.length ?? null,
        render: (d) => (d.diff ? number(d.diff.added.length) : "—"),
        align: "right",
      },
      {
        key: "removed",
        header: t("ministry.dev.removed"),
        value: (d) => d.diff?.removed.length ?? null,
        render: (d) => (d.diff ? number(d.diff.removed.length) : "—"),
        align: "right",
      },
      {
        key: "changed",
        header: t("ministry.dev.changed"),
        value: (d) =>
          d.diff
            ? [
                ...d.diff.changed.map((c) => c.code),
                ...d.diff.added.map((c) => `+${c.code}`),
                ...d.diff.removed.map((c) => `-${c.code}`),
              ].join(" ")
            : null,
        render: (d) => <DeviationDetails d={d} />,
      },
    ],
    [t, number],
  );
  return (
    <DataTable
      columns={columns}
      rows={deviations}
      rowKey={(d) => d.tenantId}
      csvName={csvName}
      caption={t("ministry.dev.caption")}
    />
  );
}

function DeviationDetails({ d }: { d: Deviation }) {
  const { t } = useI18n();
  if (!d.diff) return <span className="muted">—</span>;
  const n = d.diff.changed.length + d.diff.added.length + d.diff.removed.length;
  if (n === 0) return <span className="muted">{t("ministry.dev.same")}</span>;
  return (
    <details className="dev-details">
      <summary>{t("ministry.dev.show", { n })}</summary>
      <ul>
        {d.diff.changed.map((c) => (
          <li key={`c-${c.code}`}>
            <code>{c.code}</code> {c.name} —{" "}
            <span className={`dir dir-${c.direction}`}>{t(`ministry.dir.${c.direction}`)}</span>
            {c.targets.length > 0 && (
              <span className="muted"> ({c.targets.map((x) => `M${x.level}: ${x.from} → ${x.to}`).join("; ")})</span>
            )}
            {c.renamed && <span className="muted"> ({t("ministry.dev.renamed", { from: c.renamed.from })})</span>}
          </li>
        ))}
        {d.diff.added.map((c) => (
          <li key={`a-${c.code}`}>
            <code>{c.code}</code> {c.name} — <span className="dir dir-added">{t("ministry.dev.addedOne")}</span>
          </li>
        ))}
        {d.diff.removed.map((c) => (
          <li key={`r-${c.code}`}>
            <code>{c.code}</code> {c.name} — <span className="dir dir-removed">{t("ministry.dev.removedOne")}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
