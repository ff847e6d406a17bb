/**
 * What Phụ lục I (communes) and Phụ lục II (districts) of Decision 2361/QĐ-BTTTT word the same,
 * transcribed once: the three groups, and the criteria that share their group, name, unit, measure
 * and (where the same) legal basis. Each set adds its own code, targets and method (and legal basis
 * where the appendices differ).
 */
import type { TCriteriaSetInput } from "../schema.ts";

/** The three groups of both appendices (the district's adds its own "Chỉ tiêu chung" before them). */
export const DIGITAL_GROUPS = [
  { code: "CQS", name: "Chính quyền số", nameEn: "Digital government" },
  { code: "KTS", name: "Kinh tế số", nameEn: "Digital economy" },
  { code: "XHS", name: "Xã hội số", nameEn: "Digital society" },
] satisfies TCriteriaSetInput["groups"];

/** What both appendices say of a criterion, without its code. */
type Head = Partial<NonNullable<TCriteriaSetInput["criteria"]>[number]>;

/** Thủ tục hành chính cung cấp trực tuyến toàn trình. */
export const FULLY_ONLINE_PROCEDURES = {
  group: "CQS",
  name: "Tỷ lệ thủ tục hành chính đủ điều kiện theo quy định của pháp luật được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình",
  unit: "%",
  measure: "percentage",
  subject: "thủ tục hành chính",
  legalBasis: ["Quyết định số 942/QĐ- TTg ngày 15/6/2021 của Thủ tướng Chính phủ."],
} satisfies Head;

/** Hồ sơ thủ tục hành chính thực hiện trực tuyến toàn trình. */
export const FULLY_ONLINE_APPLICATIONS = {
  group: "CQS",
  name: "Tỷ lệ hồ sơ thủ tục hành chính được thực hiện trực tuyến toàn trình",
  unit: "%",
  measure: "percentage",
  subject: "hồ sơ",
  method: "Hệ thống giám sát, đo lường mức độ cung cấp và sử dụng dịch vụ Chính phủ số.",
  legalBasis: ["Quyết định số 942/QĐ- TTg ngày 15/6/2021 của Thủ tướng Chính phủ."],
} satisfies Head;

/** Văn bản, hồ sơ công việc xử lý trên môi trường mạng. */
export const ONLINE_DOCUMENT_HANDLING = {
  group: "CQS",
  name: "Tỷ lệ xử lý văn bản, hồ sơ công việc (trừ hồ sơ mật) trên môi trường mạng",
  unit: "%",
  measure: "percentage",
  subject: "văn bản",
} satisfies Head;

/** Chế độ báo cáo trên Hệ thống thông tin báo cáo Chính phủ. */
export const GOVERNMENT_REPORTING = {
  group: "CQS",
  name: "Chế độ báo cáo, chỉ tiêu tổng hợp báo cáo định kỳ và báo cáo thống kê về kinh tế - xã hội phục vụ sự chỉ đạo, điều hành của chính quyền được thực hiện trên hệ thống và kết nối, tích hợp, chia sẻ dữ liệu số trên Hệ thống thông tin báo cáo Chính phủ",
  unit: "Chế độ báo cáo",
  measure: "boolean",
  yesLabel: "Có sử dụng hệ thống",
} satisfies Head;

/** Hệ thống thông tin được phê duyệt cấp độ an toàn thông tin (Nghị định 85/2016/NĐ-CP). */
export const SECURITY_LEVEL_APPROVED = {
  group: "CQS",
  name: "Tỷ lệ hệ thống thông tin của chính quyền được phê duyệt cấp độ an toàn thông tin mạng theo Nghị định số 85/2016/NĐ-CP của Chính phủ",
  unit: "%",
  measure: "percentage",
  subject: "hệ thống thông tin",
  legalBasis: ["Nghị định số 85/2016/NĐ-CP ngày 01/7/2016 của Chính phủ."],
} satisfies Head;

/** Hệ thống thông tin được kiểm tra, đánh giá an toàn thông tin theo cấp độ. */
export const SECURITY_CHECKED = {
  group: "CQS",
  name: "Tỷ lệ hệ thống thông tin được kiểm tra, đánh giá an toàn thông tin theo cấp độ (01 lần kiểm tra, đánh giá được tính cho 02 năm)",
  unit: "%",
  measure: "percentage",
  subject: "hệ thống thông tin",
  legalBasis: ["Chỉ thị số 09/CT-TTg ngày 23/02/2024 của Thủ tướng Chính phủ."],
} satisfies Head;

/** Doanh nghiệp nhỏ và vừa sử dụng nền tảng số. */
export const SME_DIGITAL_PLATFORMS = {
  group: "KTS",
  name: "Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số phục vụ sản xuất, kinh doanh",
  unit: "%",
  measure: "percentage",
  subject: "doanh nghiệp",
} satisfies Head;

/** Tổ chức, doanh nghiệp chấp nhận thanh toán không dùng tiền mặt cho dịch vụ thiết yếu. */
export const CASHLESS_ESSENTIAL_SERVICES = {
  group: "KTS",
  name: "Tỷ lệ tổ chức, doanh nghiệp chấp nhận hình thức thanh toán không dùng tiền mặt cho các dịch vụ thiết yếu như là tiền điện, tiền nước, các loại phí",
  unit: "%",
  measure: "percentage",
  subject: "tổ chức, doanh nghiệp",
  legalBasis: ["Quyết định số 241/QĐ- TTg ngày 23/2/2018 của Thủ tướng Chính phủ."],
} satisfies Head;
