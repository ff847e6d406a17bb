import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { compareVietnamese, formatTarget, matchesSearch, type TCriteriaSet } from "@cds/criteria-schema";
import { ErrorBox, Notice, request, ScrollTable, SearchInput, Spinner, useI18n } from "@cds/ui";
import { SetsQuery, setVersionQuery, type PublicSet } from "./api.ts";

/** The published criteria sets: the national framework first, then each province's own. */
export function PublicSetsPage() {
  const { t } = useI18n();
  const sets = useQuery({
    queryKey: ["public", "sets"],
    queryFn: () => request(SetsQuery, {}).then((r) => r.criteriaSets),
  });
  const [filter, setFilter] = useState("");
  if (sets.isPending) return <Spinner />;
  if (sets.error) return <ErrorBox error={sets.error} />;
  const published = sets.data.filter((s) => s.versions.some((v) => v.status === "PUBLISHED"));
  const shown = published.filter(
    (s) =>
      matchesSearch(`${s.tenant.name} ${s.title}`, filter) ||
      matchesSearch(s.tenant.name, filter) ||
      matchesSearch(s.title, filter),
  );
  const national = shown.filter((s) => s.tenant.kind === "MINISTRY");
  const byProvince = new Map<string, PublicSet[]>();
  for (const s of shown
    .filter((x) => x.tenant.kind !== "MINISTRY")
    .sort((a, b) => compareVietnamese(a.tenant.name, b.tenant.name))) {
    byProvince.set(s.tenant.name, [...(byProvince.get(s.tenant.name) ?? []), s]);
  }
  return (
    <div className="pp-sets">
      <h1>{t("sets.title")}</h1>
      <p className="muted">{t("sets.intro")}</p>
      <label className="pp-search">
        {t("sets.filter")}
        <SearchInput
          value={filter}
          onChange={setFilter}
          label={t("sets.filter")}
          placeholder={t("sets.filterPlaceholder")}
        />
      </label>
      {shown.length === 0 && <Notice>{t("sets.none")}</Notice>}
      {national.length > 0 && (
        <section>
          <h2>{t("sets.national")}</h2>
          {national.map((s) => (
            <SetCard key={s.id} set={s} />
          ))}
        </section>
      )}
      {[...byProvince].map(([name, list]) => (
        <section key={name}>
          <h2>{name}</h2>
          {list.map((s) => (
            <SetCard key={s.id} set={s} />
          ))}
        </section>
      ))}
    </div>
  );
}

function SetCard({ set }: { set: PublicSet }) {
  const { t, date } = useI18n();
  const [open, setOpen] = useState(false);
  const current = set.versions.find((v) => v.status === "PUBLISHED")!;
  const older = set.versions.filter((v) => v.status === "ARCHIVED");
  return (
    <article className="card pp-set">
      <h3>{set.title}</h3>
      <p className="muted">
        {t(`sets.kind.${set.unitKind}`) !== `sets.kind.${set.unitKind}` ? t(`sets.kind.${set.unitKind}`) : set.unitKind}{" "}
        · {t("sets.version", { v: current.version })}
        {current.decisionNumber
          ? ` · ${t("sets.decision", { n: current.decisionNumber, d: date(current.decisionDate) })}`
          : ""}
        {older.length > 0 ? ` · ${t("sets.older", { list: older.map((v) => v.version).join(", ") })}` : ""}
      </p>
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t("sets.show")}</summary>
        {open && <SetCriteria versionId={current.id} />}
      </details>
    </article>
  );
}

function SetCriteria({ versionId }: { versionId: string }) {
  const { t, locale } = useI18n();
  const q = useQuery(setVersionQuery(versionId));
  if (q.isPending) return <Spinner />;
  if (q.error) return <ErrorBox error={q.error} />;
  const doc = q.data.document as TCriteriaSet;
  return (
    <div className="pp-set-body">
      {doc.groups.map((g) => {
        const list = doc.criteria.filter((c) => c.group === g.code);
        if (list.length === 0) return null;
        return (
          <div key={g.code}>
            <h4>
              {g.code} — {locale === "en" ? (g.nameEn ?? g.name) : g.name} ({t("sets.count", { n: list.length })})
            </h4>
            <ScrollTable className="pp-targets">
              <thead>
                <tr>
                  <th>{t("sets.criterion")}</th>
                  {doc.levels.map((l) => (
                    <th key={l.rank}>
                      {l.rank}. {locale === "en" ? (l.nameEn ?? l.name) : l.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.code}>
                    <td className="pp-target-name">
                      <strong>{c.code}</strong> {c.name}
                      {c.local && <span className="badge pa-local">{t("sets.local")}</span>}
                      {c.exemptWhenNoSubjects && <span className="muted"> ({t("sets.ifAny")})</span>}
                    </td>
                    {doc.levels.map((l, i) => {
                      const target = c.targets[i] ?? null;
                      return (
                        <td
                          key={l.rank}
                          data-label={`${l.rank}. ${l.name}`}
                          className={target === null ? "pp-na" : undefined}
                        >
                          {formatTarget(c, target, locale)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          </div>
        );
      })}
    </div>
  );
}
