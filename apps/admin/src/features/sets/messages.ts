import type { Catalog } from "@cds/ui";

export const setsVi: Catalog = {};
export const setsEn: Catalog = {};
