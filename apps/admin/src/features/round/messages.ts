import type { Catalog } from "@cds/ui";

export const roundVi: Catalog = {};
export const roundEn: Catalog = {};
