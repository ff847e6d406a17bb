/**
 * A TEMPLATE (mẫu) of a commune digital-transformation index, not any
 * province's decision. Its structure is that of Hà Nội's commune index
 * (Decision 5279/QĐ-UBND, 23/10/2025): 47 components in 8 groups —
 * Nhận thức số 5, Thể chế số 3, Hạ tầng số 5, Nhân lực số 6, An toàn thông tin
 * mạng 4, Hoạt động chính quyền số 10, Hoạt động kinh tế số 6, Hoạt động xã hội
 * số 8 — on 1,000 points. Hà Nội's component texts and points were not found:
 * the components are drawn from Decision 2361's commune criteria where they
 * fit (name, unit, subject, method and legal basis reused verbatim, with
 * `derivedFrom`), the rest are the template's own, and every point is the
 * template's choice. A province clones it and writes its own.
 */
import type { TCriteriaSetInput } from "../schema.ts";
import { vn2361Commune } from "./vn-2361-commune.ts";

type ComponentInput = NonNullable<NonNullable<TCriteriaSetInput["scoring"]>["groups"][number]["components"]>[number];
type Rule = ComponentInput["rule"];

const criteria2361 = new Map<string, (typeof vn2361Commune.criteria)[number]>(
  vn2361Commune.criteria.map((c) => [c.code, c]),
);

/** Half the points from the lower bar, all from the higher one: the usual shape of partial credit. */
const pct = (full: number, half: number, max: number): Rule => ({
  kind: "bands",
  on: "percentage",
  bands: [
    { atLeast: full, points: max },
    { atLeast: half, points: max / 2 },
  ],
});

/** A component reusing a commune criterion of Decision 2361 (texts verbatim). */
function from2361(
  code: string,
  ownCode: string,
  max: number,
  rule: Rule,
  dataSource: string,
  extra: Partial<ComponentInput> = {},
): ComponentInput {
  const c = criteria2361.get(code);
  if (!c) throw new Error(`mau-dti-xa: không có tiêu chí ${code} trong vn-2361-commune`);
  return {
    code: ownCode,
    name: c.name,
    unit: c.unit,
    ...("subject" in c && c.subject ? { subject: c.subject } : {}),
    max,
    rule,
    method: c.method,
    dataSource,
    legalBasis: [...c.legalBasis],
    derivedFrom: { set: "vn-2361-commune", code },
    // A "nếu có" criterion of 2361 may not apply to a commune here either.
    ...("exemptWhenNoSubjects" in c && c.exemptWhenNoSubjects ? MAY_NOT_APPLY : {}),
    ...extra,
  };
}

/** A component of the template's own, where Decision 2361 has no fitting criterion. */
function own(
  code: string,
  name: string,
  max: number,
  rule: Rule,
  method: string,
  dataSource: string,
  extra: Partial<ComponentInput> = {},
): ComponentInput {
  return { code, name, max, rule, method, dataSource, ...extra };
}

/** Points by a count: the first bar reached, as [at least, points], gives its points. */
const countBands = (...bands: [number, number][]): Rule => ({
  kind: "bands",
  on: "count",
  bands: bands.map(([atLeast, points]) => ({ atLeast, points })),
});

const YES: Rule = { kind: "yesNo" };
const RATIO: Rule = { kind: "ratio" };
/** A judged component: the appraisal council gives 0–max in steps of 5. */
const APPRAISED: Rule = { kind: "appraised", step: 5 };
const MAY_NOT_APPLY = { mayNotApply: true };
const REPORT = "Báo cáo của UBND xã kèm tài liệu kiểm chứng (quyết định, kế hoạch, ảnh chụp màn hình hệ thống).";
const PROVINCE_SYSTEMS = "Số liệu từ hệ thống của tỉnh, Sở Khoa học và Công nghệ xác minh.";

export const mauDtiXa = {
  schemaVersion: 1,
  id: "mau-dti-xa",
  version: "1.0",
  title: "Mẫu Bộ chỉ số đánh giá chuyển đổi số cấp xã (DTI cấp xã) — Mẫu, không phải văn bản chính thức của tỉnh nào",
  description:
    "Mẫu — không phải văn bản chính thức của tỉnh nào. Cấu trúc theo Bộ chỉ số cấp xã của Hà Nội (Quyết định 5279/QĐ-UBND ngày 23/10/2025): 8 nhóm, 47 chỉ số thành phần, 1.000 điểm. Nội dung và điểm từng chỉ số thành phần của Hà Nội chưa tìm thấy: các chỉ số thành phần lấy từ tiêu chí cấp xã của Quyết định 2361/QĐ-BTTTT khi phù hợp (giữ nguyên tên, đơn vị tính, phương pháp, căn cứ), phần còn lại do mẫu đặt ra; điểm từng chỉ số là của mẫu. Tỉnh nhân bản và sửa theo văn bản của mình.",
  issuer: { tenant: "vn", name: "Nền tảng Bộ tiêu chí chuyển đổi số (mẫu)" },
  basedOn: null,
  judgedBy: "points",
  unitKind: "commune",
  appliesTo: ["commune"],
  scoring: {
    total: { max: 1000, method: "sum" },
    index: "pointsOverMax",
    notApplicable: "removeFromMax",
    decimals: 2,
    indexDecimals: 4,
    rankingGroups: [
      { code: "xa", name: "Xã", unitKinds: ["commune"], unitTypes: ["Xã"] },
      { code: "phuong", name: "Phường", unitKinds: ["commune"], unitTypes: ["Phường"] },
      { code: "dac-khu", name: "Đặc khu", unitKinds: ["commune"], unitTypes: ["Đặc khu"] },
    ],
    groups: [
      {
        code: "NTS",
        name: "Nhận thức số",
        nameEn: "Digital awareness",
        max: 80,
        components: [
          own(
            "NT-01",
            "Chủ tịch UBND xã trực tiếp chỉ đạo công tác chuyển đổi số (chủ trì họp, giao nhiệm vụ về chuyển đổi số trong năm)",
            20,
            APPRAISED,
            "Hội đồng thẩm định chấm từ 0 đến 20 điểm (bước 5 điểm) theo các văn bản chỉ đạo, biên bản họp trong năm đánh giá.",
            REPORT,
          ),
          from2361(
            "CQS-19",
            "NT-02",
            15,
            YES,
            "Đường dẫn trang, kênh mạng xã hội của UBND xã; ảnh chụp màn hình bài đăng trong năm.",
          ),
          from2361("CQS-21", "NT-03", 15, YES, "Đường dẫn nhóm, diễn đàn; quyết định hoặc văn bản thành lập."),
          own(
            "NT-04",
            "Số hoạt động tuyên truyền về chuyển đổi số do UBND xã tổ chức trong năm (hội nghị, chuyên mục truyền thanh, bài viết)",
            15,
            countBands([12, 15], [6, 10], [1, 5]),
            "Đếm số hoạt động tuyên truyền về chuyển đổi số trong năm đánh giá.",
            REPORT,
            { unit: "Hoạt động", subject: "hoạt động" },
          ),
          own(
            "NT-05",
            "Tổ công nghệ số cộng đồng của xã được thành lập và hoạt động",
            15,
            YES,
            "Xã có quyết định thành lập Tổ công nghệ số cộng đồng và báo cáo hoạt động trong năm.",
            REPORT,
            { unit: "Tổ" },
          ),
        ],
      },
      {
        code: "TCS",
        name: "Thể chế số",
        nameEn: "Digital institutions",
        max: 60,
        components: [
          own(
            "TC-01",
            "UBND xã ban hành kế hoạch chuyển đổi số năm",
            20,
            YES,
            "Xã có kế hoạch chuyển đổi số của năm đánh giá, ban hành trước ngày 31/3.",
            REPORT,
            { unit: "Kế hoạch" },
          ),
          from2361("CQS-20", "TC-02", 20, YES, "Kế hoạch của UBND xã và báo cáo thực hiện."),
          own(
            "TC-03",
            "Tỷ lệ nhiệm vụ của kế hoạch chuyển đổi số năm được hoàn thành đúng hạn",
            20,
            { kind: "ratio", floor: 50 },
            "Số nhiệm vụ hoàn thành đúng hạn trên tổng số nhiệm vụ của kế hoạch; dưới 50% không được điểm.",
            REPORT,
            { unit: "%", subject: "nhiệm vụ" },
          ),
        ],
      },
      {
        code: "HTS",
        name: "Hạ tầng số",
        nameEn: "Digital infrastructure",
        max: 120,
        components: [
          from2361("CQS-08", "HT-01", 24, pct(90, 70, 24), "Báo cáo rà soát trang thiết bị của UBND xã."),
          from2361("CQS-15", "HT-02", 24, YES, "Xác nhận của đơn vị cung cấp mạng truyền số liệu chuyên dùng."),
          from2361(
            "XHS-02",
            "HT-03",
            24,
            pct(90, 70, 24),
            "Số liệu của doanh nghiệp viễn thông trên địa bàn, Sở Khoa học và Công nghệ tổng hợp.",
          ),
          from2361("XHS-07", "HT-04", 24, RATIO, "Báo cáo của UBND xã, đối chiếu số liệu doanh nghiệp viễn thông."),
          from2361("CQS-12", "HT-05", 24, YES, "Báo cáo của UBND xã, Công an xã xác nhận."),
        ],
      },
      {
        code: "NLS",
        name: "Nhân lực số",
        nameEn: "Digital human resources",
        max: 100,
        components: [
          from2361("CQS-07", "NL-01", 20, countBands([2, 20], [1, 10]), "Quyết định phân công của Chủ tịch UBND xã."),
          from2361(
            "CQS-06",
            "NL-02",
            20,
            pct(100, 80, 20),
            "Danh sách học viên, chứng nhận của các lớp đào tạo, bồi dưỡng.",
          ),
          from2361(
            "XHS-05",
            "NL-03",
            15,
            { kind: "ratio", cap: 90 },
            "Báo cáo của Tổ công nghệ số cộng đồng và UBND xã.",
          ),
          from2361(
            "KTS-02",
            "NL-04",
            15,
            { kind: "ratio", cap: 90 },
            "Báo cáo của hợp tác xã, doanh nghiệp trên địa bàn, UBND xã tổng hợp.",
            MAY_NOT_APPLY,
          ),
          own(
            "NL-05",
            "Tỷ lệ cán bộ, công chức cấp xã được cấp và sử dụng chữ ký số cá nhân trong xử lý văn bản",
            15,
            RATIO,
            "Số cán bộ, công chức có chữ ký số cá nhân đã dùng trên hệ thống quản lý văn bản trong năm trên tổng số cán bộ, công chức của xã.",
            PROVINCE_SYSTEMS,
            { unit: "%", subject: "cán bộ, công chức" },
          ),
          own(
            "NL-06",
            "Tỷ lệ cán bộ, công chức cấp xã hoàn thành khóa học trên nền tảng học trực tuyến mở đại trà về chuyển đổi số",
            15,
            pct(80, 50, 15),
            "Số cán bộ, công chức có chứng nhận hoàn thành trên tổng số cán bộ, công chức của xã.",
            "Dữ liệu của nền tảng học trực tuyến mở đại trà.",
            { unit: "%", subject: "cán bộ, công chức" },
          ),
        ],
      },
      {
        code: "ATTT",
        name: "An toàn thông tin mạng",
        nameEn: "Cybersecurity",
        max: 80,
        components: [
          from2361(
            "CQS-09",
            "AT-01",
            20,
            RATIO,
            "Quyết định phê duyệt cấp độ an toàn hệ thống thông tin.",
            MAY_NOT_APPLY,
          ),
          from2361(
            "CQS-10",
            "AT-02",
            20,
            RATIO,
            "Báo cáo triển khai phương án bảo đảm an toàn thông tin.",
            MAY_NOT_APPLY,
          ),
          from2361("CQS-11", "AT-03", 20, RATIO, "Biên bản kiểm tra, đánh giá an toàn thông tin.", MAY_NOT_APPLY),
          own(
            "AT-04",
            "Mức độ xử lý, khắc phục các nguy cơ, sự cố mất an toàn thông tin mạng được cảnh báo trong năm",
            20,
            APPRAISED,
            "Hội đồng thẩm định chấm từ 0 đến 20 điểm (bước 5 điểm) theo các cảnh báo của cơ quan chuyên trách và kết quả xử lý.",
            "Cảnh báo của Sở Khoa học và Công nghệ và cơ quan chuyên trách; báo cáo khắc phục của UBND xã.",
          ),
        ],
      },
      {
        code: "CQS",
        name: "Hoạt động chính quyền số",
        nameEn: "Digital government activity",
        max: 250,
        components: [
          from2361("CQS-01", "CQ-01", 25, RATIO, "Cổng dịch vụ công cấp tỉnh."),
          from2361(
            "CQS-02",
            "CQ-02",
            25,
            pct(80, 50, 25),
            "Hệ thống giám sát, đo lường mức độ cung cấp và sử dụng dịch vụ Chính phủ số.",
          ),
          from2361("CQS-03", "CQ-03", 25, pct(90, 70, 25), "Hệ thống quản lý văn bản và điều hành của tỉnh."),
          from2361("CQS-04", "CQ-04", 25, YES, "Hệ thống thông tin báo cáo của tỉnh."),
          from2361("CQS-05", "CQ-05", 25, YES, REPORT),
          from2361("CQS-13", "CQ-06", 25, YES, REPORT),
          from2361(
            "CQS-16",
            "CQ-07",
            25,
            YES,
            "Đường dẫn Trang thông tin điện tử của xã, kiểm tra theo Nghị định 42/2022/NĐ-CP.",
          ),
          from2361("CQS-17", "CQ-08", 25, YES, REPORT),
          from2361("CQS-18", "CQ-09", 25, YES, PROVINCE_SYSTEMS),
          from2361("CQS-23", "CQ-10", 25, YES, PROVINCE_SYSTEMS),
        ],
      },
      {
        code: "KTS",
        name: "Hoạt động kinh tế số",
        nameEn: "Digital economy activity",
        max: 150,
        components: [
          from2361(
            "KTS-01",
            "KT-01",
            25,
            { kind: "ratio", cap: 70 },
            "Báo cáo của UBND xã, đối chiếu số liệu đăng ký doanh nghiệp.",
            MAY_NOT_APPLY,
          ),
          from2361("KTS-03", "KT-02", 25, YES, "Đường dẫn gian hàng, sản phẩm trên sàn thương mại điện tử."),
          from2361(
            "KTS-04",
            "KT-03",
            25,
            countBands([3, 25], [2, 15], [1, 10]),
            "Danh sách doanh nghiệp, hợp tác xã và minh chứng ứng dụng.",
          ),
          from2361(
            "KTS-05",
            "KT-04",
            25,
            pct(70, 50, 25),
            "Báo cáo của UBND xã, đối chiếu số liệu của ngân hàng, tổ chức cung ứng dịch vụ thanh toán.",
            MAY_NOT_APPLY,
          ),
          own(
            "KT-05",
            "Tỷ lệ hộ kinh doanh trên địa bàn chấp nhận thanh toán không dùng tiền mặt",
            25,
            { kind: "ratio", cap: 80 },
            "Số hộ kinh doanh có mã QR hoặc thiết bị chấp nhận thanh toán không dùng tiền mặt trên tổng số hộ kinh doanh của xã; từ 80% trở lên được đủ điểm.",
            "Báo cáo của UBND xã, đối chiếu số liệu của ngân hàng trên địa bàn.",
            { unit: "%", subject: "hộ kinh doanh", mayNotApply: true },
          ),
          own(
            "KT-06",
            "Số hộ sản xuất, kinh doanh được hỗ trợ đưa sản phẩm lên sàn thương mại điện tử trong năm",
            25,
            countBands([20, 25], [10, 15], [1, 5]),
            "Đếm số hộ được hỗ trợ có gian hàng hoạt động trên sàn thương mại điện tử.",
            "Danh sách hộ và đường dẫn gian hàng, UBND xã tổng hợp.",
            { unit: "Hộ", subject: "hộ" },
          ),
        ],
      },
      {
        code: "XHS",
        name: "Hoạt động xã hội số",
        nameEn: "Digital society activity",
        max: 160,
        components: [
          from2361(
            "XHS-01",
            "XH-01",
            20,
            RATIO,
            "Số liệu của doanh nghiệp viễn thông, Sở Khoa học và Công nghệ tổng hợp.",
          ),
          from2361(
            "XHS-03",
            "XH-02",
            20,
            pct(60, 40, 20),
            "Số liệu của các tổ chức cung cấp dịch vụ chứng thực chữ ký số, Sở Khoa học và Công nghệ tổng hợp.",
          ),
          from2361("XHS-04", "XH-03", 20, pct(80, 60, 20), "Số liệu của Công an xã (định danh điện tử VNeID)."),
          from2361("XHS-06", "XH-04", 20, RATIO, "Số liệu của Trạm y tế xã."),
          from2361("XHS-08", "XH-05", 20, YES, "Báo cáo của Trạm y tế xã."),
          from2361("XHS-09", "XH-06", 20, YES, "Kết quả đánh giá mức độ chuyển đổi số của cơ sở giáo dục."),
          from2361("CQS-14", "XH-07", 20, YES, "Báo cáo của bưu điện văn hóa xã."),
          from2361("CQS-22", "XH-08", 20, YES, PROVINCE_SYSTEMS),
        ],
      },
    ],
  },
} satisfies TCriteriaSetInput;
