/**
 * The dialogs of the accounts page: create an account (a first role on a unit found by search), the roles of an
 * account (revoke one, grant another), reset a password, disable or enable. A temporary password is shown once,
 * with a copy button. What the API refuses about a field goes under that field, without its key.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ErrorBox, fieldIssues, Notice, request, unwrap } from "@cds/ui";
import { useAccountsI18n } from "./messages.ts";
import {
  CreateAccountMutation,
  GrantRoleMutation,
  ResetAccountPasswordMutation,
  RevokeRoleMutation,
  SetAccountDisabledMutation,
  tenantAccountsKey,
  unitSearchOptions,
  type Account,
  type FoundUnit,
  type Role,
} from "./queries.ts";

/** A modal dialog: labelled by its title, Esc closes, focus goes to the first field. */
function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>("input, select, button")?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="accounts-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="accounts-dialog" role="dialog" aria-modal="true" aria-labelledby={id} ref={ref}>
        <h2 id={id}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** A field's refusal under it; `props` marks the field invalid and described by it. */
function useFieldErrors(error: unknown, fields: readonly string[], prefix: string) {
  const { locale } = useAccountsI18n();
  const issues = fieldIssues(error, fields, locale);
  return {
    other: issues.other,
    props: (f: string) =>
      issues.of(f) ? { "aria-invalid": true as const, "aria-describedby": `${prefix}-${f}-error` } : {},
    message: (f: string) =>
      issues.of(f) ? (
        <span id={`${prefix}-${f}-error`} className="field-error" role="alert">
          {issues.of(f)}
        </span>
      ) : null,
  };
}

const unitLabel = (u: { name: string; code: string }) => `${u.name} (${u.code})`;

/** The unit of a grant: the whole tenant (null), or a unit of the tenant found by name or code. */
function UnitPicker({
  tenantId,
  value,
  onChange,
  invalid,
}: {
  tenantId: string;
  value: FoundUnit | null;
  onChange: (u: FoundUnit | null) => void;
  invalid: object;
}) {
  const { t } = useAccountsI18n();
  const [search, setSearch] = useState("");
  const found = useQuery(unitSearchOptions(tenantId, search));
  return (
    <fieldset className="accounts-unit">
      <legend>{t("accounts.field.unitId")}</legend>
      <p className="accounts-unit-chosen" aria-live="polite">
        {t("accounts.unit.chosen", { unit: value ? unitLabel(value) : t("accounts.unit.whole") })}
        {value && (
          <>
            {" "}
            <button type="button" className="link" onClick={() => onChange(null)}>
              {t("accounts.unit.whole")}
            </button>
          </>
        )}
      </p>
      <label>
        {t("accounts.unit.search")}
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} {...invalid} />
      </label>
      {search.trim().length >= 2 &&
        (found.isFetching && !found.data ? (
          <p className="muted">{t("accounts.unit.searching")}</p>
        ) : found.data?.length === 0 ? (
          <p className="muted">{t("accounts.unit.none")}</p>
        ) : (
          <ul className="accounts-units">
            {(found.data ?? []).map((u) => (
              <li key={u.id}>
                <button
                  type="button"
                  className="link"
                  aria-pressed={value?.id === u.id}
                  onClick={() => {
                    onChange(u);
                    setSearch("");
                  }}
                >
                  {unitLabel(u)}
                </button>{" "}
                <span className="muted">
                  {u.kind.name}
                  {u.parent ? ` · ${u.parent.name}` : ""}
                </span>
              </li>
            ))}
          </ul>
        ))}
      <ErrorBox error={found.error} />
    </fieldset>
  );
}

function RoleSelect({
  roles,
  value,
  onChange,
  invalid,
}: {
  roles: readonly Role[];
  value: Role;
  onChange: (r: Role) => void;
  invalid: object;
}) {
  const { t } = useAccountsI18n();
  return (
    <label>
      {t("accounts.field.role")}
      <select value={value} onChange={(e) => onChange(e.target.value as Role)} {...invalid}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A temporary password, shown once, with a copy button. */
export function PasswordOnce({ name, password, onClose }: { name: string; password: string; onClose: () => void }) {
  const { t } = useAccountsI18n();
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  const copy = () =>
    navigator.clipboard.writeText(password).then(
      () => setCopied("yes"),
      () => setCopied("failed"),
    );
  return (
    <div className="accounts-once">
      <h3>{t("accounts.once.title")}</h3>
      <p className="hint">{t("accounts.once.hint", { name })}</p>
      <p>
        <code data-testid="temporary-password">{password}</code>{" "}
        <button type="button" onClick={() => void copy()}>
          {t("accounts.once.copy")}
        </button>{" "}
        {copied !== "no" && (
          <span role="status" className={copied === "failed" ? "error" : "muted"}>
            {t(copied === "yes" ? "accounts.once.copied" : "accounts.once.copyFailed")}
          </span>
        )}
      </p>
      <button type="button" className="secondary" onClick={onClose}>
        {t("accounts.close")}
      </button>
    </div>
  );
}

const CREATE_FIELDS = ["email", "name", "role", "unitId", "password"] as const;

export function CreateAccountDialog({
  tenantId,
  roles,
  onClose,
}: {
  tenantId: string;
  roles: readonly Role[];
  onClose: () => void;
}) {
  const { t } = useAccountsI18n();
  const qc = useQueryClient();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("UNIT_EDITOR") ? "UNIT_EDITOR" : roles[0]!);
  const [unit, setUnit] = useState<FoundUnit | null>(null);
  const [choose, setChoose] = useState(false);
  const [password, setPassword] = useState("");
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        (
          await request(CreateAccountMutation, {
            input: { tenantId, email, name, role, unitId: unit?.id ?? null, password: choose ? password : null },
          })
        ).createAccount,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: tenantAccountsKey(tenantId) }),
  });
  const f = useFieldErrors(create.error, CREATE_FIELDS, "create");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const done = create.data;
  return (
    <Dialog title={t("accounts.create")} onClose={onClose}>
      {done ? (
        done.temporaryPassword ? (
          <PasswordOnce name={done.account.name} password={done.temporaryPassword} onClose={onClose} />
        ) : (
          <>
            <Notice kind="ok">{t("accounts.created", { email: done.account.email })}</Notice>
            <button type="button" className="secondary" onClick={onClose}>
              {t("accounts.close")}
            </button>
          </>
        )
      ) : (
        <form onSubmit={submit} className="accounts-form" noValidate>
          <label>
            {t("accounts.field.email")}
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} {...f.props("email")} />
          </label>
          {f.message("email")}
          <label>
            {t("accounts.field.name")}
            <input value={name} onChange={(e) => setName(e.target.value)} {...f.props("name")} />
          </label>
          {f.message("name")}
          <RoleSelect roles={roles} value={role} onChange={setRole} invalid={f.props("role")} />
          {f.message("role")}
          <UnitPicker tenantId={tenantId} value={unit} onChange={setUnit} invalid={f.props("unitId")} />
          {f.message("unitId")}
          <fieldset>
            <legend>{t("accounts.field.password")}</legend>
            <label className="inline">
              <input type="radio" name="password-mode" checked={!choose} onChange={() => setChoose(false)} />{" "}
              {t("accounts.password.generate")}
            </label>
            <label className="inline">
              <input type="radio" name="password-mode" checked={choose} onChange={() => setChoose(true)} />{" "}
              {t("accounts.password.choose")}
            </label>
            {choose && (
              <label>
                {t("accounts.field.password")}
                <input
                  type="text"
                  autoComplete="off"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  {...f.props("password")}
                />
              </label>
            )}
            {f.message("password")}
            <p className="hint">{t("accounts.password.hint")}</p>
          </fieldset>
          {f.other && <ErrorBox error={create.error} />}
          <div className="row">
            <button type="submit" disabled={create.isPending}>
              {create.isPending ? t("common.working") : t("accounts.submit.create")}
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

const GRANT_FIELDS = ["role", "unitId"] as const;

/** The account's roles in the tenant: revoke one, grant another. */
export function RolesDialog({
  tenantId,
  account,
  roles,
  onClose,
}: {
  tenantId: string;
  account: Account;
  roles: readonly Role[];
  onClose: () => void;
}) {
  const { t } = useAccountsI18n();
  const qc = useQueryClient();
  const [role, setRole] = useState<Role>(roles.includes("VIEWER") ? "VIEWER" : roles[0]!);
  const [unit, setUnit] = useState<FoundUnit | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: tenantAccountsKey(tenantId) });
  const grant = useMutation({
    mutationFn: async () =>
      unwrap(
        (await request(GrantRoleMutation, { input: { tenantId, userId: account.id, role, unitId: unit?.id ?? null } }))
          .grantRole,
      ),
    onSuccess: () => {
      setUnit(null);
      setDone(t("accounts.roles.granted"));
      return refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: async (roleId: string) => unwrap((await request(RevokeRoleMutation, { roleId })).revokeRole),
    onSuccess: () => {
      setDone(t("accounts.roles.revoked"));
      return refresh();
    },
  });
  const f = useFieldErrors(grant.error, GRANT_FIELDS, "grant");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    revoke.reset();
    grant.mutate();
  };
  return (
    <Dialog title={t("accounts.roles.title", { name: account.name })} onClose={onClose}>
      <ul className="accounts-roles">
        {account.roles.map((r) => (
          <li key={r.id}>
            {t(`role.${r.role}`)} — {r.unit ? unitLabel(r.unit) : t("accounts.wholeTenant")}{" "}
            <button
              type="button"
              className="link"
              disabled={revoke.isPending}
              onClick={() => {
                setDone(null);
                grant.reset();
                revoke.mutate(r.id);
              }}
              aria-label={`${t("accounts.roles.revoke")}: ${t(`role.${r.role}`)} ${r.unit ? unitLabel(r.unit) : ""}`}
            >
              {t("accounts.roles.revoke")}
            </button>
          </li>
        ))}
      </ul>
      <ErrorBox error={revoke.error} />
      <form onSubmit={submit} className="accounts-form" noValidate>
        <h3>{t("accounts.roles.grant")}</h3>
        <RoleSelect roles={roles} value={role} onChange={setRole} invalid={f.props("role")} />
        {f.message("role")}
        <UnitPicker tenantId={tenantId} value={unit} onChange={setUnit} invalid={f.props("unitId")} />
        {f.message("unitId")}
        {f.other && <ErrorBox error={grant.error} />}
        {done && <Notice kind="ok">{done}</Notice>}
        <div className="row">
          <button type="submit" disabled={grant.isPending}>
            {grant.isPending ? t("common.working") : t("accounts.roles.grant")}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t("accounts.close")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Reset the password (a new temporary one, shown once), or disable / enable: each asked for first. */
export function AccountActionDialog({
  tenantId,
  account,
  action,
  onClose,
}: {
  tenantId: string;
  account: Account;
  action: "reset" | "disable" | "enable";
  onClose: () => void;
}) {
  const { t } = useAccountsI18n();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: async () => {
      if (action === "reset")
        return unwrap(
          (await request(ResetAccountPasswordMutation, { tenantId, userId: account.id })).resetAccountPassword,
        ).temporaryPassword;
      unwrap(
        (await request(SetAccountDisabledMutation, { tenantId, userId: account.id, disabled: action === "disable" }))
          .setAccountDisabled,
      );
      return null;
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: tenantAccountsKey(tenantId) });
      if (action !== "reset") onClose();
    },
  });
  const label = {
    reset: "accounts.reset.submit",
    disable: "accounts.action.disable",
    enable: "accounts.action.enable",
  }[action];
  return (
    <Dialog title={t(`accounts.${action}.title`, { name: account.name })} onClose={onClose}>
      {run.data ? (
        <PasswordOnce name={account.name} password={run.data} onClose={onClose} />
      ) : (
        <>
          <p>{t(`accounts.${action}.confirm`)}</p>
          <ErrorBox error={run.error} />
          <div className="row">
            <button
              type="button"
              className={action === "disable" ? "danger" : undefined}
              disabled={run.isPending}
              onClick={() => run.mutate()}
            >
              {run.isPending ? t("common.working") : t(label)}
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              {t("common.cancel")}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
