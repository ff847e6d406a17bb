/**
 * "Mở đợt đánh giá": the year, a published version of the tenant's own sets or of the national ones (the unit
 * kind and the way of judging come from it), the administrative map, the name, the three deadlines and the late
 * policy. The API decides everything else (one round per year, unit kind and way of judging; the map's unit
 * kinds; the deadlines' order) and names the field at fault, shown under that field.
 */
import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PLATFORM_YEARS, vietnamToday, vietnamYear } from "@cds/calendar";
import { ErrorBox, request, Spinner, unwrap, useI18n } from "@cds/ui";
import { NATIONAL_TENANT } from "./access.ts";
import { ActionError, Dialog } from "./dialog.tsx";
import { JudgedByBadge } from "./JudgedByBadge.tsx";
import {
  OpenRoundMutation,
  openRoundChoicesOptions,
  type LatePolicy,
  type MapChoice,
  type SetChoice,
} from "./round-admin-queries.ts";
import {
  DeadlineFields,
  describedBy,
  Field,
  LatePolicyField,
  readDeadlines,
  splitIssues,
  type DeadlineField,
  type DeadlineTexts,
  type FieldErrors,
} from "./round-form.tsx";

type OpenField = "year" | "setVersionId" | "mapId" | "name" | "latePolicy" | DeadlineField;
const OPEN_FIELDS: readonly OpenField[] = [
  "year",
  "setVersionId",
  "mapId",
  "name",
  "latePolicy",
  "registerDueAt",
  "submitDueAt",
  "reviewDueAt",
];

type Version = SetChoice["versions"][number];
interface VersionChoice {
  set: SetChoice;
  version: Version;
}

/** The maps a round of `year` may run on: those in force on some day of that year (the three-tier map until 2025). */
export function mapsForYear(maps: readonly MapChoice[], year: number): MapChoice[] {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  return maps.filter(
    (m) => (m.validFrom === null || m.validFrom <= last) && (m.validTo === null || m.validTo >= first),
  );
}

/** The map in force on a day (yyyy-mm-dd), or null. */
function mapOn(maps: readonly MapChoice[], day: string): MapChoice | null {
  return (
    maps.find((m) => (m.validFrom === null || m.validFrom <= day) && (m.validTo === null || m.validTo >= day)) ?? null
  );
}

/** The published versions of the sets, newest set version first within each set. */
function published(sets: readonly SetChoice[]): VersionChoice[] {
  return sets.flatMap((set) =>
    set.versions.filter((v) => v.status === "PUBLISHED").map((version) => ({ set, version })),
  );
}

export function OpenRoundDialog({
  tenantId,
  kindName,
  onClose,
  onOpened,
}: {
  tenantId: string;
  kindName: (code: string) => string;
  onClose: () => void;
  onOpened: (round: { id: string; year: number; name: string }) => void;
}) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const choices = useQuery(openRoundChoicesOptions(tenantId));
  const thisYear = vietnamYear();
  const [year, setYear] = useState(thisYear);
  const [versionId, setVersionId] = useState("");
  const [mapPick, setMapPick] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [texts, setTexts] = useState<DeadlineTexts>({ registerDueAt: "", submitDueAt: "", reviewDueAt: "" });
  const [latePolicy, setLatePolicy] = useState<LatePolicy>("FLAG");
  const [local, setLocal] = useState<FieldErrors<OpenField>>({});

  const groups = useMemo(() => {
    if (!choices.data) return [];
    const own = published(choices.data.own);
    const national = tenantId === NATIONAL_TENANT ? [] : published(choices.data.national);
    return [
      {
        key: "own",
        label: t(tenantId === NATIONAL_TENANT ? "roundAdmin.setsNational" : "roundAdmin.setsOwn"),
        items: own,
      },
      { key: "national", label: t("roundAdmin.setsNational"), items: national },
    ].filter((g) => g.items.length > 0);
  }, [choices.data, tenantId, t]);
  const picked = groups.flatMap((g) => g.items).find((c) => c.version.id === versionId) ?? null;

  // Today's map by default; a map not in force during the year is not offered (the three-tier map after 2025).
  const maps = useMemo(() => mapsForYear(choices.data?.adminMaps ?? [], year), [choices.data, year]);
  const today = mapOn(maps, vietnamToday());
  const mapId = maps.find((m) => m.id === mapPick)?.id ?? today?.id ?? maps[maps.length - 1]?.id ?? "";

  const open = useMutation({
    mutationFn: async (vars: {
      year: number;
      setVersionId: string;
      mapId: string | null;
      name: string | null;
      registerDueAt: string | null;
      submitDueAt: string;
      reviewDueAt: string;
      latePolicy: LatePolicy;
    }) => unwrap((await request(OpenRoundMutation, { tenantId, ...vars })).openRound),
    onSuccess: async (round) => {
      await qc.invalidateQueries({ queryKey: ["rounds"] });
      onOpened(round);
    },
  });

  const api = splitIssues(open.error, OPEN_FIELDS, locale);
  const errors: FieldErrors<OpenField> = { ...api.fields, ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { days, errors: dateErrors } = readDeadlines(texts, t);
    const next: FieldErrors<OpenField> = { ...dateErrors };
    if (!picked) next.setVersionId = t("roundAdmin.err.set");
    setLocal(next);
    open.reset();
    if (Object.keys(next).length > 0 || !picked || !days.submitDueAt || !days.reviewDueAt) return;
    open.mutate({
      year,
      setVersionId: picked.version.id,
      mapId: mapId || null,
      name: name.trim() || null,
      registerDueAt: days.registerDueAt,
      submitDueAt: days.submitDueAt,
      reviewDueAt: days.reviewDueAt,
      latePolicy,
    });
  };

  const years = Array.from(
    { length: Math.min(thisYear + 1, PLATFORM_YEARS.last) - PLATFORM_YEARS.first + 1 },
    (_, i) => Math.min(thisYear + 1, PLATFORM_YEARS.last) - i,
  );
  // The API's default name, shown as a placeholder: how the round will be called if the name is left empty.
  const kinds = picked ? kindName(picked.version.unitKind).toLocaleLowerCase("vi") : "";
  const placeholder = picked
    ? picked.version.judgedBy === "levels"
      ? t("roundAdmin.defaultNameLevels", { kinds, year })
      : t("roundAdmin.defaultNameScored", { title: picked.version.title, kinds, year })
    : "";

  return (
    <Dialog title={t("roundAdmin.openTitle")} onClose={onClose}>
      <form onSubmit={submit} className="round-form" noValidate aria-label={t("roundAdmin.openTitle")}>
        <p className="hint">{t("roundAdmin.openHint")}</p>
        <Field id="open-year" label={t("roundAdmin.year")} error={errors.year}>
          <select
            id="open-year"
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
            {...describedBy("open-year", errors.year)}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </Field>

        {choices.isPending ? (
          <Spinner label={t("roundAdmin.loadingChoices")} />
        ) : choices.error ? (
          <ErrorBox error={choices.error} />
        ) : (
          <>
            <fieldset
              className="round-versions"
              aria-invalid={errors.setVersionId ? true : undefined}
              aria-describedby={errors.setVersionId ? "open-setVersionId-err" : undefined}
            >
              <legend>{t("roundAdmin.set")}</legend>
              {groups.length === 0 && <p className="muted">{t("roundAdmin.noSets")}</p>}
              {groups.map((g) => (
                <div key={g.key} role="group" aria-label={g.label} className="round-version-group">
                  <div className="round-version-group-title">{g.label}</div>
                  {g.items.map(({ set, version }) => (
                    <label key={version.id} className="radio round-version">
                      <input
                        type="radio"
                        name="open-version"
                        value={version.id}
                        checked={versionId === version.id}
                        onChange={() => setVersionId(version.id)}
                      />
                      <span>
                        {t("roundAdmin.versionLine", { title: version.title || set.title, version: version.version })}{" "}
                        <JudgedByBadge judgedBy={version.judgedBy} />{" "}
                        <span className="badge badge-kind">{kindName(version.unitKind)}</span>
                        {version.decisionNumber && (
                          <span className="muted">
                            {" "}
                            — {t("roundAdmin.decision", { number: version.decisionNumber })}
                          </span>
                        )}
                      </span>
                    </label>
                  ))}
                </div>
              ))}
              {errors.setVersionId && (
                <span className="field-error" id="open-setVersionId-err">
                  {errors.setVersionId}
                </span>
              )}
            </fieldset>

            <Field
              id="open-map"
              label={t("roundAdmin.map")}
              error={errors.mapId}
              hint={t("roundAdmin.mapHint", { year })}
            >
              <select
                id="open-map"
                value={mapId}
                onChange={(e) => setMapPick(e.target.value)}
                {...describedBy("open-map", errors.mapId, true)}
              >
                {maps.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}

        <Field id="open-name" label={t("roundAdmin.nameOptional")} error={errors.name} hint={t("roundAdmin.nameHint")}>
          <input
            id="open-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={placeholder}
            maxLength={300}
            {...describedBy("open-name", errors.name, true)}
          />
        </Field>

        <DeadlineFields
          idPrefix="open"
          texts={texts}
          onChange={(f, v) => setTexts((x) => ({ ...x, [f]: v }))}
          errors={errors}
        />
        <LatePolicyField name="open-latePolicy" value={latePolicy} onChange={setLatePolicy} error={errors.latePolicy} />

        <ActionError error={api.rest} />
        <div className="buttons">
          <button type="button" className="secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={open.isPending || choices.isPending}>
            {open.isPending ? t("common.working") : t("roundAdmin.submitOpen")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
