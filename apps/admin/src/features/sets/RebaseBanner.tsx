/**
 * In the set editor of a province's version: when the national framework it descends from has a newer published
 * version, "Bộ khung quốc gia có phiên bản mới x.y — Cập nhật theo (rebase)", which opens the rebase dialog.
 * Shown only to whoever may rebase (the API's `canRebase`); nothing while loading or when the API cannot answer.
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@cds/ui";
import type { VersionData } from "./api.ts";
import { nationalUpdateQuery } from "./rebase-api.ts";
import { RebaseDialog } from "./RebaseDialog.tsx";

export function RebaseBanner({ version, onRebased }: { version: VersionData; onRebased?: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const update = useQuery({ ...nationalUpdateQuery(version.id), enabled: version.set.tenant.kind !== "MINISTRY" });
  const u = update.data;
  if (!u?.available || !u.canRebase) return null;
  return (
    <div className="notice notice-warn rebase-banner" data-testid="rebase-banner">
      <p>
        <strong>{t("rebase.banner", { version: u.latest.version })}</strong>
        {" — "}
        <button type="button" onClick={() => setOpen(true)}>
          {t("rebase.open")}
        </button>
      </p>
      <p className="muted small">{t("rebase.bannerHint", { set: u.latest.set.code, from: u.descendsFrom.version })}</p>
      {open && (
        <RebaseDialog
          version={version}
          onto={u.latest}
          from={u.descendsFrom}
          onClose={() => setOpen(false)}
          onRebased={onRebased}
        />
      )}
    </div>
  );
}
