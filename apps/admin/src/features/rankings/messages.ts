import { useMemo } from "react";
import { useI18n, type Catalog, type Locale } from "@cds/ui";

export const rankingsVi: Catalog = {
  "nav.dti": "DTI cấp tỉnh",

  "ranking.title": "Xếp hạng: {name}",
  "ranking.subtitle": "{tenant} · năm {year}",
  "ranking.back": "← Đợt đánh giá",
  "ranking.loading": "Đang tải bảng xếp hạng…",
  "ranking.notRound": "Không có đợt đánh giá này.",
  "ranking.notScored": "Đợt này đánh giá theo mức độ, không chấm điểm nên không có bảng xếp hạng.",
  "ranking.view": "Bảng xếp hạng theo",
  "ranking.view.final": "Kết quả đã công nhận",
  "ranking.view.working": "Điểm đang chấm",
  "ranking.view.finalOnly": "Kết quả đã công nhận (công khai).",
  "ranking.view.finalHint": "Các đơn vị đã được công nhận, theo điểm cuối cùng.",
  "ranking.view.workingHint":
    "Điểm hiện tại của mọi đơn vị trong đợt, kể cả hồ sơ chưa công nhận; thứ hạng có thể còn thay đổi.",
  "ranking.refused": "Bạn chỉ xem được kết quả đã công nhận; đang hiện kết quả đã công nhận.",
  "ranking.empty.final": "Chưa có đơn vị nào được công nhận trong đợt này.",
  "ranking.empty.working": "Chưa đơn vị nào có điểm trong đợt này.",
  "ranking.groupCount": "{n} đơn vị",
  "ranking.maxScore": "Điểm tối đa {max}.",
  "ranking.previousYear": "So với kết quả đã công nhận năm {year}.",
  "ranking.noPreviousYear": "Chưa có kết quả năm trước để so sánh.",
  "ranking.ties": "Đơn vị bằng điểm cùng hạng; hạng sau bị bỏ qua (vd. 15, 15, 17).",
  "ranking.clickHint": "Chọn một đơn vị để xem biểu đồ các chỉ số chính và điểm qua các năm.",
  "ranking.averages": "Trung bình các chỉ số chính",
  "ranking.col.rank": "Hạng",
  "ranking.col.unit": "Đơn vị",
  "ranking.col.score": "Điểm",
  "ranking.col.previous": "Hạng năm trước",
  "ranking.col.previousYear": "Hạng năm {year}",
  "ranking.col.change": "Thay đổi",
  "ranking.col.status": "Trạng thái",
  "ranking.tie": "đồng hạng",
  "ranking.change.up": "tăng {n} hạng",
  "ranking.change.down": "giảm {n} hạng",
  "ranking.change.same": "giữ nguyên hạng",
  "ranking.change.none": "chưa có hạng năm trước",
  "ranking.fileName": "xep-hang",

  "panel.title": "{name}",
  "panel.close": "Đóng",
  "panel.rank": "Hạng {rank} / {n} trong nhóm {group} · {score} điểm",
  "panel.radar": "Các chỉ số chính của {name} so với trung bình",
  "panel.average": "Trung bình",
  "panel.indices": "Các chỉ số chính (0 đến 1)",
  "panel.col.index": "Chỉ số chính",
  "panel.col.unit": "Đơn vị",
  "panel.col.average": "Trung bình",
  "panel.fewAxes": "Bộ chỉ số có ít hơn 3 chỉ số chính: xem các số trong bảng.",
  "panel.history": "Điểm qua các năm",
  "panel.history.loading": "Đang tải điểm qua các năm…",
  "panel.history.none": "Chưa có điểm của các năm.",
  "panel.col.year": "Năm",
  "panel.col.round": "Đợt đánh giá",
  "panel.col.score": "Điểm",
  "panel.col.change": "So với năm trước",
  "panel.working": "đang chấm",
  "panel.otherScale": "khác thang điểm",

  "dti.title": "Chỉ số chuyển đổi số cấp tỉnh (DTI) năm {year}",
  "dti.subtitle": "Xếp hạng các tỉnh, thành phố theo chỉ số tổng hợp có trọng số của các chỉ số chính.",
  "dti.year": "Năm",
  "dti.loading": "Đang tải các đợt DTI…",
  "dti.none": "Chưa có đợt xếp hạng DTI cấp tỉnh nào.",
  "dti.pick": "Đợt xếp hạng",
  "dti.set": "Theo {title}, phiên bản {v}",
  "dti.setDecision": "Quyết định số {n} ngày {d}",
  "dti.setDecisionNumber": "Quyết định số {n}",
  "dti.weights": "Các chỉ số chính và trọng số",
  "dti.weightsHint":
    "Chỉ số tổng hợp = Σ (trọng số × chỉ số chính) ÷ Σ trọng số; trọng số 0: công bố, không tính điểm.",
  "dti.col.code": "Mã",
  "dti.col.index": "Chỉ số chính",
  "dti.col.weight": "Trọng số",
  "dti.average": "Trung bình cả nước",
};

export const rankingsEn: Catalog = {
  "nav.dti": "Provincial DTI",

  "ranking.title": "Ranking: {name}",
  "ranking.subtitle": "{tenant} · {year}",
  "ranking.back": "← Rounds",
  "ranking.loading": "Loading the ranking…",
  "ranking.notRound": "No such round.",
  "ranking.notScored": "This round is judged by levels, without scores, so it has no ranking.",
  "ranking.view": "Ranking by",
  "ranking.view.final": "Recognised results",
  "ranking.view.working": "Working scores",
  "ranking.view.finalOnly": "Recognised results (public).",
  "ranking.view.finalHint": "Recognised units, by their final score.",
  "ranking.view.workingHint": "Every unit's current score in the round, recognised or not; ranks may still change.",
  "ranking.refused": "You can read the recognised results only; showing them.",
  "ranking.empty.final": "No unit has been recognised in this round yet.",
  "ranking.empty.working": "No unit has a score in this round yet.",
  "ranking.groupCount": "{n} units",
  "ranking.maxScore": "Maximum score {max}.",
  "ranking.previousYear": "Compared with the recognised results of {year}.",
  "ranking.noPreviousYear": "No previous year to compare with.",
  "ranking.ties": "Units with equal scores share a rank; the next rank is skipped (e.g. 15, 15, 17).",
  "ranking.clickHint": "Pick a unit to see its main indices and its scores across the years.",
  "ranking.averages": "Average of the main indices",
  "ranking.col.rank": "Rank",
  "ranking.col.unit": "Unit",
  "ranking.col.score": "Score",
  "ranking.col.previous": "Previous rank",
  "ranking.col.previousYear": "Rank {year}",
  "ranking.col.change": "Change",
  "ranking.col.status": "Status",
  "ranking.tie": "tied",
  "ranking.change.up": "up {n}",
  "ranking.change.down": "down {n}",
  "ranking.change.same": "same rank",
  "ranking.change.none": "no previous rank",
  "ranking.fileName": "ranking",

  "panel.title": "{name}",
  "panel.close": "Close",
  "panel.rank": "Rank {rank} of {n} in {group} · score {score}",
  "panel.radar": "Main indices of {name} against the average",
  "panel.average": "Average",
  "panel.indices": "Main indices (0 to 1)",
  "panel.col.index": "Main index",
  "panel.col.unit": "Unit",
  "panel.col.average": "Average",
  "panel.fewAxes": "The set has fewer than 3 main indices: read the numbers in the table.",
  "panel.history": "Scores across the years",
  "panel.history.loading": "Loading the scores across the years…",
  "panel.history.none": "No scores yet.",
  "panel.col.year": "Year",
  "panel.col.round": "Round",
  "panel.col.score": "Score",
  "panel.col.change": "Year on year",
  "panel.working": "working",
  "panel.otherScale": "other scale",

  "dti.title": "Provincial digital transformation index (DTI) {year}",
  "dti.subtitle": "Provinces ranked on the weighted index of their main indices.",
  "dti.year": "Year",
  "dti.loading": "Loading the DTI rounds…",
  "dti.none": "No provincial DTI round yet.",
  "dti.pick": "Round",
  "dti.set": "Against {title}, version {v}",
  "dti.setDecision": "Decision {n} of {d}",
  "dti.setDecisionNumber": "Decision {n}",
  "dti.weights": "Main indices and their weights",
  "dti.weightsHint": "Index = Σ (weight × main index) ÷ Σ weights; weight 0: published, not scored.",
  "dti.col.code": "Code",
  "dti.col.index": "Main index",
  "dti.col.weight": "Weight",
  "dti.average": "National average",
};

export const rankingsCatalogs: Record<Locale, Catalog> = { vi: rankingsVi, en: rankingsEn };

const fill = (s: string, params?: Record<string, string | number>) => {
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
};

/** A message of this catalog in `locale` (Vietnamese when the English one is missing). */
export function rankingsMessage(locale: Locale, key: string, params?: Record<string, string | number>): string {
  return fill(rankingsCatalogs[locale][key] ?? rankingsVi[key] ?? key, params);
}

/**
 * The app's i18n with this feature's messages first: the pages work whether or not the app's catalog
 * (apps/admin/src/messages.ts) merges `rankingsVi`/`rankingsEn`; every other key is the app's.
 */
export function useRankingsI18n() {
  const i18n = useI18n();
  return useMemo(
    () => ({
      ...i18n,
      t: (key: string, params?: Record<string, string | number>) =>
        key in rankingsVi ? rankingsMessage(i18n.locale, key, params) : i18n.t(key, params),
    }),
    [i18n],
  );
}
