/** The ministry's DTI entry of the admin menu, beside the national pages (App.tsx adds it after NATIONAL). */
import type { Locale, NavItem } from "@cds/ui";

export const DTI_PATH = "/national/dti";

/** The menu's label, here rather than in messages.ts: the menu is always loaded, the rankings catalog with its pages. */
const DTI_LABEL: Record<Locale, string> = { vi: "DTI cấp tỉnh", en: "Provincial DTI" };

/** The national entry and the DTI one after it; on the DTI page only the latter is the active one. */
export function withDtiNav(national: NavItem, path: string, locale: Locale): NavItem[] {
  const onDti = path === DTI_PATH || path.startsWith(`${DTI_PATH}/`);
  return [
    { ...national, active: !!national.active && !onDti },
    { to: DTI_PATH, label: DTI_LABEL[locale], active: onDti },
  ];
}
