import { sharedEn, sharedVi, type Catalog, type Locale } from "@cds/ui";
import { setsEn, setsVi } from "./features/sets/messages.ts";
import { roundEn, roundVi } from "./features/round/messages.ts";
import { ministryEn, ministryVi } from "./features/ministry/messages.ts";

const appVi: Catalog = {
  "app.title": "Quản trị Bộ tiêu chí CĐS",
  "app.notFound": "Không có trang này.",
  "nav.national": "Toàn quốc",
  "nav.compare": "So sánh tỉnh",
  "nav.rounds": "Đợt đánh giá",
  "nav.sets": "Bộ tiêu chí",
  "nav.report": "Báo cáo Bộ",
};

const appEn: Catalog = {
  "app.title": "Criteria administration",
  "app.notFound": "No such page.",
  "nav.national": "Nation",
  "nav.compare": "Compare provinces",
  "nav.rounds": "Rounds",
  "nav.sets": "Criteria sets",
  "nav.report": "Report",
};

export const catalogs: Record<Locale, Catalog> = {
  vi: { ...sharedVi, ...appVi, ...setsVi, ...roundVi, ...ministryVi },
  en: { ...sharedEn, ...appEn, ...setsEn, ...roundEn, ...ministryEn },
};
