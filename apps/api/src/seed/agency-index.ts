/**
 * The demo province's index for its sở, ban, ngành (demo data, not any province's decision): the shape of
 * Tuyên Quang's agency index (742/QĐ-UBND: 450 points, six main indices), with components of every rule kind.
 * Every point is the demo's choice.
 */
import type { TCriteriaSetInput } from "@cds/criteria-schema";

const REPORT = "Báo cáo của cơ quan kèm tài liệu kiểm chứng; Sở Khoa học và Công nghệ xác minh.";
const SYSTEMS = "Số liệu trích từ hệ thống của tỉnh (Hệ thống quản lý văn bản, Cổng dịch vụ công).";
const LAW = ["Thực tế tại địa phương (bộ chỉ số minh hoạ của nền tảng)."];

export function agencyIndex(): TCriteriaSetInput {
  return {
    schemaVersion: 1,
    id: "ninh-binh-dti-so-nganh",
    version: "1.0",
    title: "Bộ chỉ số đánh giá chuyển đổi số sở, ban, ngành tỉnh Ninh Bình (dữ liệu minh hoạ)",
    description:
      "Dữ liệu minh hoạ của nền tảng, không phải văn bản chính thức: cấu trúc theo bộ chỉ số sở, ban, ngành của Tuyên Quang (Quyết định 742/QĐ-UBND, 450 điểm, 6 chỉ số chính); điểm từng chỉ số do bản minh hoạ đặt ra.",
    issuer: { tenant: "ninh-binh", name: "UBND tỉnh Ninh Bình" },
    basedOn: null,
    judgedBy: "points",
    unitKind: "agency",
    appliesTo: ["agency"],
    scoring: {
      total: { max: 450, method: "sum" },
      index: "pointsOverMax",
      notApplicable: "removeFromMax",
      decimals: 2,
      indexDecimals: 4,
      rankingGroups: [{ code: "so-nganh", name: "Sở, ban, ngành", unitKinds: ["agency"] }],
      groups: [
        {
          code: "NTS",
          name: "Nhận thức số",
          max: 50,
          components: [
            {
              code: "NTS-01",
              name: "Người đứng đầu ban hành kế hoạch chuyển đổi số của cơ quan trong năm",
              max: 20,
              rule: { kind: "yesNo", yesLabel: "Có kế hoạch" },
              method: "Kế hoạch chuyển đổi số năm của cơ quan do người đứng đầu ký ban hành.",
              dataSource: REPORT,
              legalBasis: LAW,
            },
            {
              code: "NTS-02",
              name: "Tỷ lệ công chức được phổ biến, tập huấn về chuyển đổi số",
              unit: "%",
              subject: "công chức",
              max: 30,
              rule: {
                kind: "bands",
                on: "percentage",
                bands: [
                  { atLeast: 90, points: 30 },
                  { atLeast: 70, points: 15 },
                ],
              },
              method: "Số công chức được tập huấn trong năm trên tổng số công chức của cơ quan.",
              dataSource: REPORT,
              legalBasis: LAW,
            },
          ],
        },
        {
          code: "TCS",
          name: "Thể chế số",
          max: 50,
          components: [
            {
              code: "TCS-01",
              name: "Quy chế quản lý, vận hành, khai thác hệ thống thông tin của cơ quan",
              max: 25,
              rule: { kind: "yesNo", yesLabel: "Có quy chế" },
              method: "Quy chế được ban hành và còn hiệu lực.",
              dataSource: REPORT,
              legalBasis: LAW,
            },
            {
              code: "TCS-02",
              name: "Chất lượng chính sách, văn bản thúc đẩy chuyển đổi số của ngành",
              max: 25,
              rule: { kind: "appraised", step: 5 },
              method: "Hội đồng thẩm định chấm từ 0 đến 25 điểm, bước 5 điểm, theo hồ sơ của cơ quan.",
              dataSource: REPORT,
              legalBasis: LAW,
            },
          ],
        },
        {
          code: "HTS",
          name: "Hạ tầng số",
          max: 60,
          components: [
            {
              code: "HTS-01",
              name: "Tỷ lệ cán bộ, công chức được trang bị máy tính kết nối mạng",
              unit: "%",
              subject: "cán bộ, công chức",
              max: 30,
              rule: { kind: "ratio", floor: 50 },
              method: "Số người có máy tính kết nối mạng trên tổng số cán bộ, công chức; dưới 50% không tính điểm.",
              dataSource: REPORT,
              legalBasis: LAW,
            },
            {
              code: "HTS-02",
              name: "Số hệ thống thông tin của cơ quan được phê duyệt cấp độ an toàn",
              unit: "hệ thống",
              subject: "hệ thống",
              max: 30,
              rule: {
                kind: "bands",
                on: "count",
                bands: [
                  { atLeast: 3, points: 30 },
                  { atLeast: 1, points: 15 },
                ],
              },
              method: "Đếm các hệ thống thông tin đã được phê duyệt hồ sơ đề xuất cấp độ.",
              dataSource: REPORT,
              legalBasis: LAW,
            },
          ],
        },
        {
          code: "NLS",
          name: "Nhân lực số",
          max: 40,
          components: [
            {
              code: "NLS-01",
              name: "Tỷ lệ công chức có kỹ năng số cơ bản đạt yêu cầu",
              unit: "%",
              subject: "công chức",
              max: 40,
              rule: { kind: "ratio", cap: 80 },
              method: "Số công chức đạt kỹ năng số cơ bản trên tổng số công chức; từ 80% trở lên được đủ điểm.",
              dataSource: REPORT,
              legalBasis: LAW,
            },
          ],
        },
        {
          code: "ATTT",
          name: "An toàn thông tin mạng",
          max: 50,
          components: [
            {
              code: "ATTT-01",
              name: "Cơ quan không để xảy ra sự cố mất an toàn thông tin nghiêm trọng",
              max: 25,
              rule: { kind: "yesNo", yesLabel: "Không có sự cố" },
              method: "Theo báo cáo của Sở Khoa học và Công nghệ và hệ thống giám sát an toàn thông tin của tỉnh.",
              dataSource: SYSTEMS,
              legalBasis: LAW,
            },
            {
              code: "ATTT-02",
              name: "Tỷ lệ máy tính được cài phần mềm phòng, chống mã độc tập trung",
              unit: "%",
              subject: "máy tính",
              max: 25,
              rule: { kind: "ratio" },
              method: "Số máy tính cài phần mềm phòng, chống mã độc tập trung trên tổng số máy tính của cơ quan.",
              dataSource: SYSTEMS,
              legalBasis: LAW,
            },
          ],
        },
        {
          code: "HDCQS",
          name: "Hoạt động chính quyền số",
          max: 200,
          components: [
            {
              code: "CQS-01",
              name: "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình",
              unit: "%",
              subject: "hồ sơ",
              max: 60,
              rule: {
                kind: "bands",
                on: "percentage",
                bands: [
                  { atLeast: 80, points: 60 },
                  { atLeast: 60, points: 40 },
                  { atLeast: 40, points: 20 },
                ],
              },
              method: "Số hồ sơ xử lý trực tuyến toàn trình trên tổng số hồ sơ thủ tục hành chính của cơ quan.",
              dataSource: SYSTEMS,
              legalBasis: LAW,
              mayNotApply: true,
            },
            {
              code: "CQS-02",
              name: "Tỷ lệ văn bản đi được ký số và gửi trên môi trường mạng",
              unit: "%",
              subject: "văn bản",
              max: 60,
              rule: { kind: "ratio" },
              method: "Số văn bản đi ký số, gửi điện tử trên tổng số văn bản đi (trừ văn bản mật).",
              dataSource: SYSTEMS,
              legalBasis: LAW,
            },
            {
              code: "CQS-03",
              name: "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng",
              unit: "%",
              subject: "hồ sơ công việc",
              max: 40,
              rule: { kind: "ratio", floor: 30 },
              method: "Số hồ sơ công việc xử lý trên hệ thống trên tổng số hồ sơ công việc; dưới 30% không tính điểm.",
              dataSource: SYSTEMS,
              legalBasis: LAW,
            },
            {
              code: "CQS-04",
              name: "Mức độ khai thác, chia sẻ dữ liệu của ngành",
              max: 40,
              rule: { kind: "appraised", step: 5 },
              method: "Hội đồng thẩm định chấm từ 0 đến 40 điểm, bước 5 điểm.",
              dataSource: REPORT,
              legalBasis: LAW,
            },
          ],
        },
      ],
    },
  };
}
