/**
 * What the two national sets of Decision 2361/QĐ-BTTTT share: the five
 * maturity levels (section II.1.b of the decision) and the issuer.
 */
import type { TCriteriaSetInput } from "../schema.ts";

export const NATIONAL_LEVELS = [
  {
    rank: 1,
    code: "khoi-dong",
    name: "Khởi động",
    nameEn: "Starting",
    description:
      "Chuyển đổi số mới bắt đầu được triển khai, các ứng dụng công nghệ thông tin cơ bản còn đơn lẻ, manh mún, chưa phát huy được hiệu quả.",
  },
  {
    rank: 2,
    code: "ket-noi",
    name: "Kết nối",
    nameEn: "Connected",
    description:
      "Đã bắt đầu thực hiện chuyển đổi số, có sự kết nối trên quy mô lớn hơn trên môi trường mạng và bắt đầu phát huy hiệu quả.",
  },
  {
    rank: 3,
    code: "co-ban",
    name: "Cơ bản",
    nameEn: "Basic",
    description: "Chuyển đổi số bắt đầu có hiệu quả, các chỉ tiêu cơ bản về chuyển đổi số đã đạt được.",
  },
  {
    rank: 4,
    code: "nang-cao",
    name: "Nâng cao",
    nameEn: "Advanced",
    description:
      "Chuyển đổi số đã triển khai đạt mức cao; các mục tiêu chính về chuyển đổi số có liên quan trong các chương trình, chiến lược, kế hoạch của quốc gia, của địa phương đến năm 2025 đã đạt được.",
  },
  {
    rank: 5,
    code: "toan-dien",
    name: "Toàn diện",
    nameEn: "Comprehensive",
    description:
      "Chuyển đổi số đã được triển khai mạnh mẽ, hiệu quả cao, góp phần quan trọng trong phát triển kinh tế - xã hội của địa phương.",
  },
] satisfies TCriteriaSetInput["levels"];

export const NATIONAL_ISSUER = {
  tenant: "vn",
  name: "Bộ Thông tin và Truyền thông",
  decisionNumber: "2361/QĐ-BTTTT",
  decisionDate: "2024-12-31",
} satisfies TCriteriaSetInput["issuer"];

export const NATIONAL_VERSION = "1.0";
