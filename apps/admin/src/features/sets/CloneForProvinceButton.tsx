/**
 * The "Nhân bản cho tỉnh" button of a national framework version. A province
 * without its own set for that unit kind gets the draft at once; one that has
 * a version in force chooses first (CloneChoiceDialog), so its local criteria
 * and own targets are never dropped without saying so.
 */
import { lazy, Suspense, useState } from "react";
import { Spinner, useI18n } from "@cds/ui";
import type { VersionRef } from "./CloneChoiceDialog.tsx";

const CloneChoiceDialog = lazy(() => import("./CloneChoiceDialog.tsx"));

export function CloneForProvinceButton({
  national,
  current,
  tenantId,
  tenantName,
  disabled,
  onCloneDirectly,
}: {
  national: VersionRef;
  /** The province's own set for the unit kind, its version in force; null when it has none. */
  current: VersionRef | null;
  tenantId: string;
  tenantName: string;
  disabled: boolean;
  onCloneDirectly(): void;
}) {
  const { t } = useI18n();
  const [choosing, setChoosing] = useState(false);
  return (
    <>
      <button
        type="button"
        title={t("sets.cloneHint", { tenant: tenantName })}
        disabled={disabled}
        onClick={() => (current ? setChoosing(true) : onCloneDirectly())}
      >
        {t("sets.cloneForProvince")}
      </button>
      {choosing && current && (
        <Suspense fallback={<Spinner />}>
          <CloneChoiceDialog
            national={national}
            current={current}
            tenantId={tenantId}
            tenantName={tenantName}
            onClose={() => setChoosing(false)}
          />
        </Suspense>
      )}
    </>
  );
}
