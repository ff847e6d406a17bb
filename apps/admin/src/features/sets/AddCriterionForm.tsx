/** Adds a criterion of the province's own (`local: true`) without writing JSON. */
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@cds/ui";
import type { TCriterion } from "@cds/criteria-schema";
import { defaultTarget, type Target } from "./document.ts";
import { TargetControl } from "./TargetControl.tsx";
import type { LevelInfo } from "./CriteriaTable.tsx";
import { ErrorList, fieldErrors } from "./form-parts.tsx";

const MEASURES = ["percentage", "boolean", "minCount", "countOrAll"] as const;
type Measure = (typeof MEASURES)[number];
const CODE_RE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/;

/** The next free code of a group: CQS-24 exists → CQS-25. */
export function nextCode(group: string, codes: string[]): string {
  let max = 0;
  for (const c of codes) {
    const m = new RegExp(`^${group}-(\\d+)$`).exec(c);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${group}-${String(max + 1).padStart(2, "0")}`;
}

type Field = "code" | "name" | "unit" | "method" | "targets";

export function AddCriterionForm({
  levels,
  groups,
  codes,
  onAdd,
  onCancel,
}: {
  levels: LevelInfo[];
  groups: { code: string; name: string }[];
  codes: string[];
  onAdd(c: TCriterion): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [group, setGroup] = useState(groups[0]?.code ?? "");
  const [code, setCode] = useState(() => (groups[0] ? nextCode(groups[0].code, codes) : ""));
  const [codeTouched, setCodeTouched] = useState(false);
  const [name, setName] = useState("");
  const [unit, setUnit] = useState("%");
  const [measure, setMeasure] = useState<Measure>("percentage");
  const [subject, setSubject] = useState("");
  const [method, setMethod] = useState("");
  const [legal, setLegal] = useState("");
  const [targets, setTargets] = useState<Target[]>(() => levels.map(() => null));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  // Levels whose input holds text that is not a number (explained under the input).
  const [typedBad, setTypedBad] = useState<ReadonlySet<number>>(() => new Set());

  const example = nextCode(group || "CQS", codes);

  const changeMeasure = (m: Measure) => {
    setMeasure(m);
    setTargets(levels.map(() => null));
    setTypedBad(new Set());
    if (m === "percentage") setUnit("%");
    else if (unit === "%") setUnit("");
  };

  const draft = (): TCriterion =>
    ({
      code: code.trim(),
      group,
      name: name.trim(),
      unit: unit.trim(),
      measure,
      ...(subject.trim() ? { subject: subject.trim() } : {}),
      targets,
      method: method.trim(),
      legalBasis: legal
        .split("\n")
        .map((s) => s.trim())
        .filter(Boolean),
      local: true,
      exemptWhenNoSubjects: false,
    }) as TCriterion;

  const validate = (): Partial<Record<Field, string>> => {
    const e: Partial<Record<Field, string>> = {};
    const c = code.trim();
    if (!CODE_RE.test(c)) e.code = t("add.err.code", { example });
    else if (codes.includes(c)) e.code = t("add.err.codeTaken", { code: c });
    if (!name.trim()) e.name = t("add.err.name");
    if (!unit.trim()) e.unit = t("add.err.unit");
    if (!method.trim()) e.method = t("add.err.method");
    const bad = targets.findIndex((tg) => {
      if (tg === null) return false;
      const n = typeof tg === "number" ? tg : typeof tg === "object" && "min" in tg ? tg.min : null;
      if (n === null) return false;
      if (measure === "percentage") return n < 0 || n > 100 || Math.abs(n * 100 - Math.round(n * 100)) > 1e-6;
      return !Number.isInteger(n) || n < 0;
    });
    const typed = levels.findIndex((l, i) => typedBad.has(l.rank) && targets[i] !== null);
    if (typed >= 0) e.targets = t("add.err.typed", { level: typed + 1 });
    else if (bad >= 0)
      e.targets = t("add.err.target", {
        level: bad + 1,
        problem: t(measure === "percentage" ? "add.err.percent" : "add.err.count"),
      });
    else if (targets.every((tg) => tg === null)) e.targets = t("add.err.noTarget");
    return e;
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length === 0) onAdd(draft());
  };

  const { props: fieldProps, message: err } = fieldErrors<Field>(id, errors);

  return (
    <form className="card add-criterion" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t("add.title")}</h3>
      <ErrorList errors={errors} />
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-group`}>{t("add.group")}</label>
          <select
            id={`${id}-group`}
            value={group}
            onChange={(e) => {
              setGroup(e.target.value);
              if (!codeTouched) setCode(nextCode(e.target.value, codes));
            }}
          >
            {groups.map((g) => (
              <option key={g.code} value={g.code}>
                {g.code} — {g.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-code`}>{t("add.code")}</label>
          <input
            id={`${id}-code`}
            value={code}
            onChange={(e) => {
              setCode(e.target.value.toUpperCase());
              setCodeTouched(true);
            }}
            placeholder={example}
            {...fieldProps("code")}
            aria-describedby={errors.code ? `${id}-code-err` : `${id}-code-hint`}
          />
          <span className="hint" id={`${id}-code-hint`}>
            {t("add.codeHint", { example })}
          </span>
          {err("code")}
        </div>
        <div className="field span-2">
          <label htmlFor={`${id}-name`}>{t("add.name")}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} {...fieldProps("name")} />
          {err("name")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-measure`}>{t("add.measure")}</label>
          <select id={`${id}-measure`} value={measure} onChange={(e) => changeMeasure(e.target.value as Measure)}>
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`measure.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t("add.unit")}</label>
          <input id={`${id}-unit`} value={unit} onChange={(e) => setUnit(e.target.value)} {...fieldProps("unit")} />
          {err("unit")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-subject`}>{t("add.subject")}</label>
          <input id={`${id}-subject`} value={subject} onChange={(e) => setSubject(e.target.value)} />
        </div>
        <div className="field span-2">
          <label htmlFor={`${id}-method`}>{t("add.method")}</label>
          <input
            id={`${id}-method`}
            value={method}
            onChange={(e) => setMethod(e.target.value)}
            {...fieldProps("method")}
          />
          {err("method")}
        </div>
        <div className="field span-2">
          <label htmlFor={`${id}-legal`}>{t("add.legalBasis")}</label>
          <textarea id={`${id}-legal`} rows={2} value={legal} onChange={(e) => setLegal(e.target.value)} />
        </div>
      </div>
      <fieldset className="add-targets" aria-describedby={errors.targets ? `${id}-targets-err` : undefined}>
        <legend>{t("add.targets")}</legend>
        <div className="add-targets-grid">
          {levels.map((l, i) => (
            <div key={l.rank} className="add-target">
              <div className="add-target-head">
                {t("table.level", { level: l.rank })} <span className="muted">{l.name}</span>
              </div>
              <TargetControl
                measure={measure}
                target={targets[i] ?? null}
                label={t("table.cellLabel", { code: code || example, level: l.rank, levelName: l.name })}
                disabled={false}
                fallback={() => defaultTarget({ ...draft(), targets } as TCriterion, l.rank)}
                onChange={(tg) => setTargets((ts) => ts.map((x, k) => (k === i ? tg : x)))}
                onProblem={(p) =>
                  setTypedBad((s) => {
                    if (s.has(l.rank) === (p !== null)) return s;
                    const next = new Set(s);
                    if (p) next.add(l.rank);
                    else next.delete(l.rank);
                    return next;
                  })
                }
              />
            </div>
          ))}
        </div>
        {err("targets")}
      </fieldset>
      <div className="row">
        <button type="submit">{t("add.submit")}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
