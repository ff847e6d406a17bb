/** What a read-only version says about itself, and the way forward: a new version, or a clone for the province. */
import { useQuery } from "@tanstack/react-query";
import { ApiError, navigate, useI18n, type Me } from "@cds/ui";
import { blockingDraft, cloneTarget, ownCurrentVersion, setsQuery, versionHref, type VersionData } from "./api.ts";
import { CloneForProvinceButton } from "./CloneForProvinceButton.tsx";
import { CloneStatus } from "./CloneStatus.tsx";
import { useCloneVersion } from "./useCloneVersion.ts";

export function ReadOnlyBanner({ me, version, canManage }: { me: Me; version: VersionData; canManage: boolean }) {
  const { t, date } = useI18n();
  const clone = useCloneVersion();
  const into = cloneTarget(me, version.set.tenant);
  const cloneInto = into?.tenantId ?? null;
  // To find the province's own set (a clone then asks what to start from), or the draft that blocks a clone.
  const sets = useQuery({
    ...setsQuery(),
    enabled: clone.isError || (cloneInto !== null && version.status === "PUBLISHED"),
  });
  if (version.status === "DRAFT" && canManage) return null;
  const draft = version.set.versions.find((v) => v.status === "DRAFT");
  const provinceCurrent = cloneInto && sets.data ? ownCurrentVersion(sets.data, cloneInto, version.set.unitKind) : null;
  const blocking =
    clone.error instanceof ApiError && clone.error.code === "WORKFLOW" && sets.data
      ? blockingDraft(sets.data, cloneInto ?? version.set.tenant.code, version.set.unitKind)
      : null;
  const message =
    version.status === "PUBLISHED"
      ? t("editor.readOnly.published", { number: version.decisionNumber ?? "—", date: date(version.decisionDate) })
      : version.status === "ARCHIVED"
        ? t("editor.readOnly.archived")
        : t("editor.readOnly.noRight");
  return (
    <div className="notice notice-info read-only-banner">
      <p>{message}</p>
      <div className="row">
        {canManage && version.status === "PUBLISHED" && !draft && (
          <button
            type="button"
            disabled={clone.isPending}
            onClick={() => clone.mutate({ sourceVersionId: version.id, tenantId: version.set.tenant.code })}
          >
            {t("sets.newVersion")}
          </button>
        )}
        {canManage && draft && (
          <button type="button" className="secondary" onClick={() => navigate(versionHref(draft.id))}>
            {t("sets.openDraft")} ({draft.version})
          </button>
        )}
        {into && version.status === "PUBLISHED" && (
          <CloneForProvinceButton
            national={{ id: version.id, version: version.version, setCode: version.set.code }}
            current={provinceCurrent}
            tenantId={into.tenantId}
            tenantName={into.tenantName}
            disabled={clone.isPending || sets.isPending}
            onCloneDirectly={() => clone.mutate({ sourceVersionId: version.id, tenantId: into.tenantId })}
          />
        )}
      </div>
      <CloneStatus pending={clone.isPending} error={clone.error} blocking={blocking} />
    </div>
  );
}
