import type { Catalog } from "@cds/ui";

export const assessmentVi: Catalog = {};
export const assessmentEn: Catalog = {};
