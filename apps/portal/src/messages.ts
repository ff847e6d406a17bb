import { sharedEn, sharedVi, type Catalog, type Locale } from "@cds/ui";
import { carryEn, carryVi } from "./features/assessment/carry-forward-messages.ts";
import { assessmentEn, assessmentVi } from "./features/assessment/messages.ts";
import { publicEn, publicVi } from "./features/public/messages.ts";

const appVi: Catalog = {
  "app.title": "Cổng đánh giá chuyển đổi số",
  "app.notFound": "Không có trang này.",
  "nav.results": "Kết quả công nhận",
  "nav.sets": "Bộ tiêu chí",
  "nav.my": "Hồ sơ của đơn vị",
  "nav.login": "Đăng nhập",
};

const appEn: Catalog = {
  "app.title": "Digital transformation portal",
  "app.notFound": "No such page.",
  "nav.results": "Recognised results",
  "nav.sets": "Criteria sets",
  "nav.my": "My unit",
  "nav.login": "Sign in",
};

export const catalogs: Record<Locale, Catalog> = {
  vi: { ...sharedVi, ...appVi, ...assessmentVi, ...carryVi, ...publicVi },
  en: { ...sharedEn, ...appEn, ...assessmentEn, ...carryEn, ...publicEn },
};
