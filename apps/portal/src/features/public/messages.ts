import type { Catalog } from "@cds/ui";

export const publicVi: Catalog = {};
export const publicEn: Catalog = {};
