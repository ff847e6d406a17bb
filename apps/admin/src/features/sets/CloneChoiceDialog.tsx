/**
 * "Nhân bản cho tỉnh" when the province already has its own set for that unit
 * kind: the new draft starts either from the province's version in force (its
 * local criteria and own targets kept; the lineage to the national framework
 * stays) or, explicitly, over from the national framework. The comparison with
 * the version in force (criteria-core diff, as in the editor) shows what each
 * choice keeps or drops. A lazy chunk of its own: the list page stays light.
 */
import { useId, useMemo, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { ErrorBox, Spinner, useI18n } from "@cds/ui";
import type { TCriteriaSet } from "@cds/criteria-schema";
import { versionQuery } from "./api.ts";
import { DialogActions, DroppedCriteria, ModalFrame, useModal } from "./form-parts.tsx";
import { SemanticDiff } from "./SemanticDiff.tsx";
import { useCloneVersion } from "./useCloneVersion.ts";

export interface VersionRef {
  id: string;
  version: string;
  setCode: string;
}

type Choice = "own" | "national";

/** Published documents were validated when published: read as sets. */
const asSet = (doc: unknown) => doc as TCriteriaSet;

export default function CloneChoiceDialog({
  national,
  current,
  tenantId,
  tenantName,
  onClose,
}: {
  /** The national framework version the user asked to clone. */
  national: VersionRef;
  /** The province's own set, its version in force. */
  current: VersionRef;
  tenantId: string;
  tenantName: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [choice, setChoice] = useState<Choice>("own");
  const clone = useCloneVersion();
  const nationalDoc = useQuery(versionQuery(national.id));
  const currentDoc = useQuery(versionQuery(current.id));
  const first = useModal<HTMLInputElement>(onClose);

  const base = currentDoc.data ? asSet(currentDoc.data.document) : null;
  const startOver = nationalDoc.data ? asSet(nationalDoc.data.document) : null;
  const shown = choice === "own" ? base : startOver;
  const droppedLocal = useMemo(
    () =>
      base && startOver
        ? base.criteria.filter((c) => c.local && !startOver.criteria.some((n) => n.code === c.code))
        : [],
    [base, startOver],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice === "own") clone.mutate({ sourceVersionId: current.id, tenantId });
    else clone.mutate({ sourceVersionId: national.id, tenantId, startOver: true });
  };

  return (
    <ModalFrame titleId={`${id}-title`} testId="clone-choice-dialog" wide onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{t("clone.title", { tenant: tenantName })}</h2>
        <p>{t("clone.intro", { set: current.setCode, version: current.version })}</p>
        <fieldset className="clone-choices">
          <legend>{t("clone.legend")}</legend>
          <div className="clone-choice">
            <input
              ref={first}
              type="radio"
              id={`${id}-own`}
              name={`${id}-choice`}
              checked={choice === "own"}
              onChange={() => setChoice("own")}
              aria-describedby={`${id}-own-hint`}
            />
            <label htmlFor={`${id}-own`}>{t("clone.own")}</label>
            <p className="muted small" id={`${id}-own-hint`}>
              {t("clone.ownHint", { set: current.setCode, version: current.version })}
            </p>
          </div>
          <div className="clone-choice">
            <input
              type="radio"
              id={`${id}-national`}
              name={`${id}-choice`}
              checked={choice === "national"}
              onChange={() => setChoice("national")}
              aria-describedby={`${id}-national-hint`}
            />
            <label htmlFor={`${id}-national`}>{t("clone.national")}</label>
            <p className="muted small" id={`${id}-national-hint`}>
              {t("clone.nationalHint", { set: national.setCode, version: national.version })}
            </p>
          </div>
        </fieldset>

        {choice === "national" && droppedLocal.length > 0 && (
          <div className="notice notice-warn" data-testid="clone-drops-local">
            <p>{t("clone.dropsLocal", { count: droppedLocal.length })}</p>
            <DroppedCriteria criteria={droppedLocal} />
          </div>
        )}

        <h3>{t("clone.diffTitle", { set: current.setCode, version: current.version })}</h3>
        <ErrorBox error={nationalDoc.error ?? currentDoc.error} />
        {base && shown ? (
          <SemanticDiff base={base} current={shown} />
        ) : (
          !(nationalDoc.isError || currentDoc.isError) && <Spinner />
        )}

        <ErrorBox error={clone.error} />
        <DialogActions
          pending={clone.isPending}
          label={t("clone.submit")}
          pendingLabel={t("sets.cloning")}
          onCancel={onClose}
        />
      </form>
    </ModalFrame>
  );
}
