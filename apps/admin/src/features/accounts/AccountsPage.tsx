/**
 * The accounts of the admin's tenant (the province's, the ministry's "vn"): who holds which role on which unit,
 * whether the account is active, waits for its first password change, or is disabled; and the dialogs to create
 * an account, grant and revoke roles, reset a password, disable or enable. The API decides who may (ACCOUNTS).
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable, ErrorBox, Notice, Spinner, type Column, type Me } from "@cds/ui";
import { AccountActionDialog, CreateAccountDialog, RolesDialog } from "./AccountDialogs.tsx";
import { useAccountsI18n } from "./messages.ts";
import { tenantAccountsOptions, type Account } from "./queries.ts";
import "./accounts.css";

/** The admin route of the accounts page (the ACCOUNTS section of the menu). */
export const ACCOUNTS_PATH = "/accounts";

type Open = { kind: "create" } | { kind: "roles" | "reset" | "disable" | "enable"; accountId: string } | null;

/** The tenant's name as the admin's own roles give it: its province unit, or the ministry. */
function tenantName(me: Me, tenantId: string, ministry: string): string {
  if (tenantId === "vn") return ministry;
  const unit = me.roles.find((r) => r.tenantId === tenantId && r.unit && !r.unit.path.includes("/"))?.unit;
  return unit?.name ?? tenantId;
}

export function AccountsPage({ me }: { me: Me }) {
  const { t, dateTime } = useAccountsI18n();
  const tenantId = me.capabilities.adminSections.includes("ACCOUNTS") ? me.capabilities.ownTenant : null;
  const accounts = useQuery({ ...tenantAccountsOptions(tenantId ?? ""), enabled: tenantId !== null });
  const [open, setOpen] = useState<Open>(null);

  if (tenantId === null) return <Notice kind="warn">{t("accounts.notAdmin")}</Notice>;
  if (accounts.isPending) return <Spinner label={t("accounts.loading")} />;
  if (accounts.error) return <ErrorBox error={accounts.error} />;
  const data = accounts.data;
  const roleText = (a: Account) =>
    a.roles
      .map((r) => `${t(`role.${r.role}`)} — ${r.unit ? `${r.unit.name} (${r.unit.code})` : t("accounts.wholeTenant")}`)
      .join("; ");
  const own = (a: Account) => a.id === me.id;

  const columns: Column<Account>[] = [
    {
      key: "name",
      header: t("accounts.col.name"),
      value: (a) => a.name,
      render: (a) => (
        <>
          {a.name} {own(a) && <span className="muted">{t("accounts.you")}</span>}
          {a.sharedElsewhere && (
            <>
              <br />
              <span className="hint">{t("accounts.shared")}</span>
            </>
          )}
        </>
      ),
    },
    { key: "email", header: t("accounts.col.email"), value: (a) => a.email },
    {
      key: "roles",
      header: t("accounts.col.roles"),
      value: roleText,
      render: (a) => (
        <ul className="accounts-cell-roles">
          {a.roles.map((r) => (
            <li key={r.id}>
              {t(`role.${r.role}`)} — {r.unit ? `${r.unit.name} (${r.unit.code})` : t("accounts.wholeTenant")}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: "status",
      header: t("accounts.col.status"),
      value: (a) => t(`accounts.status.${a.status}`),
      render: (a) => (
        <span className={`badge account-${a.status.toLowerCase().replaceAll("_", "-")}`}>
          {t(`accounts.status.${a.status}`)}
        </span>
      ),
    },
    {
      key: "lastSeen",
      header: t("accounts.col.lastSeen"),
      value: (a) => a.lastSeenAt,
      type: "date",
      render: (a) => (a.lastSeenAt ? dateTime(a.lastSeenAt) : "—"),
    },
    {
      key: "actions",
      header: t("accounts.col.actions"),
      value: () => null,
      render: (a) => {
        // Reset and disable touch the whole account: not one's own, not one shared with another tenant.
        const whole = !own(a) && !a.sharedElsewhere;
        const act = (kind: "roles" | "reset" | "disable" | "enable") => () => setOpen({ kind, accountId: a.id });
        const disabled = a.status === "DISABLED";
        return (
          <div className="accounts-actions">
            <button
              type="button"
              className="link"
              onClick={act("roles")}
              aria-label={`${t("accounts.action.roles")}: ${a.email}`}
            >
              {t("accounts.action.roles")}
            </button>
            {whole && (
              <button
                type="button"
                className="link"
                onClick={act("reset")}
                aria-label={`${t("accounts.action.reset")}: ${a.email}`}
              >
                {t("accounts.action.reset")}
              </button>
            )}
            {whole && (
              <button
                type="button"
                className="link"
                onClick={act(disabled ? "enable" : "disable")}
                aria-label={`${t(disabled ? "accounts.action.enable" : "accounts.action.disable")}: ${a.email}`}
              >
                {t(disabled ? "accounts.action.enable" : "accounts.action.disable")}
              </button>
            )}
          </div>
        );
      },
    },
  ];

  const account = open && open.kind !== "create" ? data.accounts.find((a) => a.id === open.accountId) : undefined;
  const close = () => setOpen(null);
  return (
    <div className="accounts">
      <div className="row accounts-head">
        <div className="grow">
          <h1>{t("accounts.title")}</h1>
          <p className="hint">
            {t("accounts.subtitle", { tenant: tenantName(me, tenantId, t("role.MINISTRY_ADMIN")) })}
          </p>
        </div>
        <button type="button" onClick={() => setOpen({ kind: "create" })}>
          {t("accounts.create")}
        </button>
      </div>
      <DataTable
        columns={columns}
        rows={data.accounts}
        rowKey={(a) => a.id}
        csvName={t("accounts.csv")}
        title={t("accounts.tableTitle")}
      />
      {open?.kind === "create" && (
        <CreateAccountDialog tenantId={tenantId} roles={data.grantableRoles} onClose={close} />
      )}
      {open?.kind === "roles" && account && (
        <RolesDialog tenantId={tenantId} account={account} roles={data.grantableRoles} onClose={close} />
      )}
      {open && open.kind !== "create" && open.kind !== "roles" && account && (
        <AccountActionDialog tenantId={tenantId} account={account} action={open.kind} onClose={close} />
      )}
    </div>
  );
}
