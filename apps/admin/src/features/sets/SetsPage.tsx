/**
 * The criteria sets a user may see — the national frameworks and their own
 * province's sets — each with its version history, and the two ways a draft
 * starts: "Nhân bản cho tỉnh" (from a national framework; when the province
 * already has its own set, it chooses between a new version of it and starting
 * over) and "Tạo phiên bản mới" (from the province's own published version).
 */
import { useQuery } from "@tanstack/react-query";
import { ApiError, ErrorBox, Link, Notice, Spinner, useI18n, type Me } from "@cds/ui";
import { compareVietnamese } from "@cds/criteria-schema";
import {
  blockingDraft,
  canManageSets,
  cloneTarget,
  ownCurrentVersion,
  setsQuery,
  versionHref,
  type SetRow,
  type SetsData,
} from "./api.ts";
import { CloneForProvinceButton } from "./CloneForProvinceButton.tsx";
import { CloneStatus } from "./CloneStatus.tsx";
import { useCloneVersion } from "./useCloneVersion.ts";
import { VersionStatusBadge } from "./VersionStatusBadge.tsx";
import "./sets.css";

export function SetsPage({ me }: { me: Me; [k: string]: unknown }) {
  const { t } = useI18n();
  const sets = useQuery(setsQuery());
  if (sets.isPending) return <Spinner />;
  if (sets.isError) return <ErrorBox error={sets.error} />;

  const ownTenants = new Set(me.roles.map((r) => r.tenantId));
  const ministry = me.capabilities.readNational;
  const national = sets.data.criteriaSets.filter((s) => s.tenant.kind === "MINISTRY");
  // Provinces' sets by province name in Vietnamese order (the API lists them by code).
  const provincial = sets.data.criteriaSets
    .filter((s) => s.tenant.kind !== "MINISTRY")
    .sort((a, b) => compareVietnamese(a.tenant.name, b.tenant.name) || compareVietnamese(a.title, b.title));
  const own = provincial.filter((s) => ownTenants.has(s.tenant.code));
  const others = ministry ? provincial.filter((s) => !ownTenants.has(s.tenant.code)) : [];
  // A province admin's own tenant (the ministry's own sets are the national ones).
  const province = me.capabilities.adminSections.includes("REPORT") ? me.capabilities.ownTenant : null;
  const provinceName =
    own[0]?.tenant.name ?? me.roles.find((r) => r.tenantId === province)?.unit?.name ?? province ?? "";

  return (
    <div className="sets-page">
      <h1>{t("sets.title")}</h1>
      <p className="muted">{t("sets.intro")}</p>

      <h2>{t("sets.national")}</h2>
      {national.length === 0 && <p className="muted">{t("sets.none")}</p>}
      {national.map((s) => (
        <SetCard key={s.id} set={s} me={me} data={sets.data} />
      ))}

      {province && (
        <>
          <h2>{t("sets.own", { tenant: provinceName })}</h2>
          {own.length === 0 && <Notice>{t("sets.noneOwn")}</Notice>}
        </>
      )}
      {!province && own.length > 0 && <h2>{t("sets.own", { tenant: provinceName })}</h2>}
      {own.map((s) => (
        <SetCard key={s.id} set={s} me={me} data={sets.data} />
      ))}

      {others.length > 0 && <h2>{t("sets.other")}</h2>}
      {others.map((s) => (
        <SetCard key={s.id} set={s} me={me} data={sets.data} />
      ))}
    </div>
  );
}

function unitKindName(data: SetsData, code: string, locale: string): string {
  const k = data.unitKinds.find((u) => u.code === code);
  return k ? (locale === "en" ? k.nameEn : k.name) : code;
}

function SetCard({ set, me, data }: { set: SetRow; me: Me; data: SetsData }) {
  const { t, date, locale } = useI18n();
  const clone = useCloneVersion();
  const mayManage = canManageSets(me, set.tenant.code);
  // A province admin clones a national framework into their province; the owner of a set adds versions to it.
  const into = cloneTarget(me, set.tenant);
  const cloneInto = into?.tenantId ?? null;
  const draftHere = set.versions.find((v) => v.status === "DRAFT");
  const provinceDraft = cloneInto ? blockingDraft(data, cloneInto, set.unitKind) : null;
  const provinceCurrent = cloneInto ? ownCurrentVersion(data, cloneInto, set.unitKind) : null;

  const draftAfterError =
    clone.error instanceof ApiError && clone.error.code === "WORKFLOW"
      ? cloneInto
        ? provinceDraft
        : draftHere
          ? { set, version: draftHere }
          : null
      : null;

  return (
    <section className="card set-card" aria-labelledby={`set-${set.code}`}>
      <div className="set-card-head">
        <div className="grow">
          <h3 id={`set-${set.code}`}>{set.title}</h3>
          <div className="set-meta muted">
            <span>
              {t("sets.code")}: <code>{set.code}</code>
            </span>
            <span>
              {t("sets.unitKind")}: {unitKindName(data, set.unitKind, locale)}
            </span>
            {draftHere && mayManage && (
              <Link to={versionHref(draftHere.id)} className="draft-link">
                {t("sets.hasDraft", { version: draftHere.version })}
              </Link>
            )}
          </div>
        </div>
      </div>

      <CloneStatus pending={clone.isPending} error={clone.error} blocking={draftAfterError} />

      <div className="table-scroll">
        <table className="versions-table">
          <caption className="visually-hidden">{t("sets.versions")}</caption>
          <thead>
            <tr>
              <th>{t("sets.col.version")}</th>
              <th>{t("sets.col.status")}</th>
              <th>{t("sets.col.decision")}</th>
              <th>{t("sets.col.decisionDate")}</th>
              <th>{t("sets.col.published")}</th>
              <th>{t("sets.col.basedOn")}</th>
              <th>{t("sets.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {set.versions.map((v) => (
              <tr key={v.id}>
                <td>
                  <Link to={versionHref(v.id)}>{v.version}</Link>
                </td>
                <td>
                  <VersionStatusBadge status={v.status} />
                </td>
                <td>{v.decisionNumber ?? "—"}</td>
                <td>{date(v.decisionDate)}</td>
                <td>{v.status === "DRAFT" ? `${t("sets.col.updated")} ${date(v.updatedAt)}` : date(v.publishedAt)}</td>
                <td>{v.basedOn ? `${v.basedOn.set.code} ${v.basedOn.version}` : "—"}</td>
                <td>
                  <div className="actions">
                    <Link to={versionHref(v.id)}>{v.status === "DRAFT" ? t("sets.openDraft") : t("sets.open")}</Link>
                    {v.status === "PUBLISHED" && into && (
                      <>
                        <CloneForProvinceButton
                          national={{ id: v.id, version: v.version, setCode: set.code }}
                          current={provinceCurrent}
                          tenantId={into.tenantId}
                          tenantName={into.tenantName}
                          disabled={clone.isPending}
                          onCloneDirectly={() => clone.mutate({ sourceVersionId: v.id, tenantId: into.tenantId })}
                        />
                        {provinceDraft && (
                          <Link to={versionHref(provinceDraft.version.id)} className="muted">
                            {t("sets.hasDraft", {
                              version: `${provinceDraft.set.code} ${provinceDraft.version.version}`,
                            })}
                          </Link>
                        )}
                      </>
                    )}
                    {v.status === "PUBLISHED" && mayManage && !cloneInto && !draftHere && (
                      <button
                        type="button"
                        className="secondary"
                        title={t("sets.newVersionHint")}
                        disabled={clone.isPending}
                        onClick={() => clone.mutate({ sourceVersionId: v.id, tenantId: set.tenant.code })}
                      >
                        {t("sets.newVersion")}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
