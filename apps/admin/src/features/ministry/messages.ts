import type { Catalog } from "@cds/ui";

export const ministryVi: Catalog = {};
export const ministryEn: Catalog = {};
