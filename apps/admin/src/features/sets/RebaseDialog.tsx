/**
 * "Cập nhật theo khung quốc gia mới": the three-way merge the API previews — the national changes applied
 * automatically, the province's own changes kept, and each conflict side by side (Bản gốc quốc gia cũ | Của tỉnh
 * | Quốc gia mới) with a choice — then rebaseVersion, and the editor opens on the resulting draft.
 */
import { useId, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, ErrorBox, navigate, Spinner, useI18n } from "@cds/ui";
import { setsKeys, versionHref, type VersionData } from "./api.ts";
import { DialogActions, ErrorList, ModalFrame, useModal } from "./form-parts.tsx";
import { compareRows, type CompareRow } from "./rebase-compare.ts";
import {
  rebasePreviewQuery,
  rebaseVersion,
  type RebaseChangeData,
  type RebaseChoice,
  type RebaseConflictData,
} from "./rebase-api.ts";
import "./rebase.css";

export interface RebaseTarget {
  id: string;
  version: string;
  set: { code: string };
}

export function RebaseDialog({
  version,
  onto,
  from,
  onClose,
  onRebased,
}: {
  version: VersionData;
  onto: RebaseTarget;
  from: { version: string };
  onClose(): void;
  /** After the rebase, once the versions are read again (a draft rebased in place has a new document). */
  onRebased?: () => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const first = useModal<HTMLHeadingElement>(onClose);
  const preview = useQuery(rebasePreviewQuery(version.id, onto.id));
  const [choices, setChoices] = useState<Record<string, RebaseChoice>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const isDraft = version.status === "DRAFT";

  const rebase = useMutation({
    mutationFn: () =>
      rebaseVersion({
        versionId: version.id,
        ontoVersionId: onto.id,
        decisions: Object.entries(choices).map(([key, choice]) => ({ key, choice })),
        ...(isDraft ? { revision: version.revision } : {}),
      }),
    onSuccess: async (draft) => {
      await qc.invalidateQueries({ queryKey: setsKeys.all });
      onClose();
      onRebased?.();
      navigate(versionHref(draft.id));
    },
    onError: (e) => {
      // The API names each undecided or unknown conflict as decisions.<key>: show it at that conflict.
      if (e instanceof ApiError && e.code === "BAD_INPUT") {
        const next: Record<string, string> = {};
        for (const i of e.issues)
          if (i.field?.startsWith("decisions.")) next[i.field.slice(10)] = locale === "en" ? i.messageEn : i.message;
        setErrors(next);
      }
    },
  });

  const p = preview.data;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!p) return;
    const missing = p.conflicts.filter((c) => !choices[c.key]);
    setErrors(Object.fromEntries(missing.map((c) => [c.key, t("rebase.err.undecided", { code: c.code })])));
    if (missing.length === 0) rebase.mutate();
  };
  const serverError =
    rebase.error instanceof ApiError &&
    rebase.error.code === "BAD_INPUT" &&
    rebase.error.issues.every((i) => i.field?.startsWith("decisions."))
      ? null
      : rebase.error;
  const levelNames = levelNamesOf(p?.onto.document);
  const msg = (c: { message: string; messageEn: string }) => (locale === "en" ? c.messageEn : c.message);

  return (
    <ModalFrame titleId={`${id}-title`} testId="rebase-dialog" wide onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`} ref={first} tabIndex={-1}>
          {t("rebase.title", { set: onto.set.code, version: onto.version })}
        </h2>
        <p>{t("rebase.intro", { from: from.version, to: onto.version })}</p>
        {preview.isPending && <Spinner label={t("rebase.loading")} />}
        <ErrorBox error={preview.error} />
        {p && (
          <>
            <ChangeList title={t("rebase.applied", { count: p.applied.length })} changes={p.applied} msg={msg} />
            {p.applied.length === 0 && <p className="muted">{t("rebase.appliedNone")}</p>}
            {p.kept.length > 0 && (
              <ChangeList title={t("rebase.kept", { count: p.kept.length })} changes={p.kept} msg={msg} />
            )}
            <section aria-labelledby={`${id}-conflicts`}>
              <h3 id={`${id}-conflicts`}>{t("rebase.conflicts", { count: p.conflicts.length })}</h3>
              {p.conflicts.length === 0 && <p className="muted">{t("rebase.conflictsNone")}</p>}
              <ErrorList errors={errors} />
              {p.conflicts.map((c) => (
                <ConflictCard
                  key={c.key}
                  idPrefix={`${id}-${c.key}`}
                  conflict={c}
                  rows={compareRows(c, levelNames, locale, [t("rebase.yes"), t("rebase.no")])}
                  message={msg(c)}
                  choice={choices[c.key] ?? null}
                  error={errors[c.key] ?? null}
                  onChoose={(choice) => setChoices((prev) => ({ ...prev, [c.key]: choice }))}
                />
              ))}
            </section>
            {p.issues.length > 0 && (
              <div className="notice notice-warn" data-testid="rebase-issues">
                <p>{t("rebase.issues", { count: p.issues.length })}</p>
                <ul>
                  {p.issues.map((i) => (
                    <li key={`${i.pointer}:${i.message}`}>
                      <code>{i.pointer}</code> {msg(i)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <p className="muted">
              {isDraft
                ? t("rebase.inPlace", { version: version.version })
                : t("rebase.newDraft", { set: version.set.code })}
            </p>
          </>
        )}
        <ErrorBox error={serverError} />
        <DialogActions
          pending={rebase.isPending}
          disabled={!p}
          label={t("rebase.submit", { version: onto.version })}
          pendingLabel={t("common.working")}
          onCancel={onClose}
        />
      </form>
    </ModalFrame>
  );
}

function levelNamesOf(document: unknown): string[] {
  const levels = (document as { levels?: { name?: unknown }[] } | null | undefined)?.levels;
  return Array.isArray(levels) ? levels.map((l) => (typeof l.name === "string" ? l.name : "")) : [];
}

function ChangeList({
  title,
  changes,
  msg,
}: {
  title: string;
  changes: readonly RebaseChangeData[];
  msg: (c: RebaseChangeData) => string;
}) {
  if (changes.length === 0) return <h3>{title}</h3>;
  return (
    <section>
      <h3>{title}</h3>
      <ul className="rebase-changes">
        {changes.map((c) => (
          <li key={c.key} data-kind={c.kind}>
            {msg(c)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ConflictCard({
  idPrefix,
  conflict,
  rows,
  message,
  choice,
  error,
  onChoose,
}: {
  idPrefix: string;
  conflict: RebaseConflictData;
  rows: CompareRow[];
  message: string;
  choice: RebaseChoice | null;
  error: string | null;
  onChoose(choice: RebaseChoice): void;
}) {
  const { t } = useI18n();
  const label = (r: CompareRow) => ("raw" in r.label ? r.label.raw : t(r.label.key, r.label.params));
  const cell = (value: string | null, changed: boolean) => (
    <td className={changed ? "changed" : undefined}>
      {value === null ? <em className="muted">{t("rebase.absent")}</em> : value}
    </td>
  );
  return (
    <fieldset
      className={error ? "rebase-conflict has-error" : "rebase-conflict"}
      data-testid={`rebase-conflict-${conflict.key}`}
      aria-describedby={error ? `${idPrefix}-err` : undefined}
    >
      <legend>{message}</legend>
      <table className="rebase-compare">
        <thead>
          <tr>
            <th scope="col">{t("rebase.col.item")}</th>
            <th scope="col">{t("rebase.col.base")}</th>
            <th scope="col">{t("rebase.col.ours")}</th>
            <th scope="col">{t("rebase.col.theirs")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={label(r)}>
              <th scope="row">{label(r)}</th>
              {cell(r.base, false)}
              {cell(r.ours, r.ours !== r.base)}
              {cell(r.theirs, r.theirs !== r.base)}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row" role="radiogroup" aria-label={t("rebase.choice", { code: conflict.code })}>
        {(
          [
            ["OURS", t("rebase.keepOurs")],
            ["THEIRS", t("rebase.takeTheirs")],
          ] as const
        ).map(([value, text]) => (
          <label key={value} className="rebase-choice">
            <input
              type="radio"
              name={`${idPrefix}-choice`}
              value={value}
              checked={choice === value}
              onChange={() => onChoose(value)}
            />
            {text}
          </label>
        ))}
      </div>
      {error && (
        <span className="field-error" id={`${idPrefix}-err`}>
          {error}
        </span>
      )}
    </fieldset>
  );
}
