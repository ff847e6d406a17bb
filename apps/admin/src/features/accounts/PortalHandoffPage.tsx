/**
 * Where the admin app lands a unit's own staff (the API's adminLanding "/portal"): their work is in the unit
 * portal, so this page says so and links to the portal's landing (portalLanding, "/my"), never the set list.
 */
import { Notice, type Me } from "@cds/ui";
import { useAccountsI18n } from "./messages.ts";

/** The API's adminLanding for a unit's own staff (apps/api access.ts ADMIN_TO_PORTAL). */
export const PORTAL_HANDOFF_PATH = "/portal";

export function PortalHandoffPage({ me }: { me: Me }) {
  const { t } = useAccountsI18n();
  return (
    <div className="card accounts-portal">
      <h1>{t("portal.title")}</h1>
      <Notice>{t("portal.body")}</Notice>
      {/* The portal is served at the site's root (the admin app under /admin): a plain link leaves this app. */}
      <p>
        <a href={me.capabilities.portalLanding}>{t("portal.go")}</a>
      </p>
    </div>
  );
}
