/**
 * The national provincial DTI of Decision 922/QĐ-BTTTT (2022) as a scored set:
 * the ministry publishes each main index (chỉ số chính) on 0..1, and the DTI
 * is Σ weight × index / 1000 (weights of 1,000), published to 4 decimals.
 * Here each main index is a group of weight w holding one component whose
 * value is the published index ("indexValue", max 1), so the group's index is
 * that value and the total is Σ w × index × 1 / Σ w. The 98 components behind
 * the main indices are the ministry's to compute; they are not modelled.
 * Đô thị thông minh has weight 0: published but not scored in 2022.
 */
import type { TCriteriaSetInput } from "../schema.ts";

const SOURCE = "Bộ Thông tin và Truyền thông công bố (dti.gov.vn, xếp hạng DTI cấp tỉnh).";
const METHOD =
  "Giá trị chỉ số chính trên thang 0..1 do Bộ tính từ các chỉ số thành phần theo Quyết định 922/QĐ-BTTTT; nhập đúng giá trị đã công bố.";

const MAIN_INDICES = [
  ["NTS", "Nhận thức số", "Digital awareness", 100],
  ["TCS", "Thể chế số", "Digital institutions", 100],
  ["HTS", "Hạ tầng số", "Digital infrastructure", 100],
  ["NLS", "Nhân lực số", "Digital human resources", 100],
  ["ATTT", "An toàn thông tin mạng", "Cybersecurity", 100],
  ["DTTM", "Đô thị thông minh", "Smart city", 0],
  ["CQS", "Hoạt động chính quyền số", "Digital government activity", 200],
  ["KTS", "Hoạt động kinh tế số", "Digital economy activity", 150],
  ["XHS", "Hoạt động xã hội số", "Digital society activity", 150],
] as const;

export const vnDtiProvince2022 = {
  schemaVersion: 1,
  id: "vn-dti-province-2022",
  version: "2022",
  title:
    "Chỉ số đánh giá chuyển đổi số cấp tỉnh (DTI) năm 2022 — chỉ số chính và trọng số theo Quyết định 922/QĐ-BTTTT",
  description:
    "DTI cấp tỉnh = Σ trọng số × chỉ số chính / 1000, làm tròn 4 chữ số thập phân. Mỗi chỉ số chính được nhập bằng giá trị Bộ công bố (0..1); các chỉ số thành phần bên dưới do Bộ tính, không mô hình hóa ở đây. Đô thị thông minh có trọng số 0 (không tính điểm năm 2022). Quyết định 922/QĐ-BTTTT đã được thay bằng Quyết định 405/QĐ-BKHCN (2025), trọng số mới chưa tìm thấy.",
  issuer: { tenant: "vn", name: "Bộ Thông tin và Truyền thông", decisionNumber: "922/QĐ-BTTTT" },
  basedOn: null,
  judgedBy: "points",
  unitKind: "province",
  scoring: {
    total: { max: 1, method: "weighted" },
    index: "pointsOverMax",
    notApplicable: "scoreZero",
    decimals: 4,
    indexDecimals: 4,
    groups: MAIN_INDICES.map(([code, name, nameEn, weight]) => ({
      code,
      name,
      nameEn,
      max: 1,
      weight,
      components: [
        {
          code,
          name: `Chỉ số ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
          nameEn: `${nameEn} index`,
          unit: "0..1",
          max: 1,
          rule: { kind: "indexValue" as const },
          method: METHOD,
          dataSource: SOURCE,
          legalBasis: ["Quyết định số 922/QĐ-BTTTT năm 2022 của Bộ trưởng Bộ Thông tin và Truyền thông."],
        },
      ],
    })),
  },
} satisfies TCriteriaSetInput;
