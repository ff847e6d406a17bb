import type { Level } from "../format.ts";
import type { RecognitionDecisionInput } from "../recognition-decision.ts";

const NAMES = [
  "Phường Hoa Lư",
  "Xã Gia Viễn",
  "Đặc khu Bạch Long Vĩ mở rộng (đơn vị giả định để thử tên dài trong bảng)",
  "Phường Nam Định",
  "Xã Kim Sơn",
  "Phường Phủ Lý",
  "Xã Ý Yên",
  "Xã Nghĩa Hưng",
];

/** 150 units with deterministic levels, scores and ranks (some long names, an đặc khu). */
export function sampleUnits(count = 150) {
  return Array.from({ length: count }, (_, i) => {
    const base = NAMES[i % NAMES.length] ?? "Xã";
    const name = i < NAMES.length ? base : `${base} ${Math.floor(i / NAMES.length) + 1}`;
    const level = ((i % 5) + 1) as Level;
    const score = 1000 - i * 3.217;
    return { name, level, score, rank: i + 1 };
  });
}

export function decisionInput(over: Partial<RecognitionDecisionInput> = {}): RecognitionDecisionInput {
  return {
    issuer: { name: "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH" },
    authority: "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
    symbol: "QĐ-UBND",
    place: "Ninh Bình",
    year: 2026,
    province: "Ninh Bình",
    roundYear: 2026,
    unitsLabel: "xã, phường, đặc khu",
    judgedBy: "levels",
    setDecision: {
      number: "1520/QĐ-UBND",
      date: "2025-08-15",
      title: "ban hành Bộ tiêu chí đánh giá, xét công nhận mức độ chuyển đổi số cấp xã tỉnh Ninh Bình",
    },
    appraisal: { date: "2026-11-20", council: "Hội đồng thẩm định mức độ chuyển đổi số cấp xã tỉnh Ninh Bình" },
    proposedBy: "Giám đốc Sở Khoa học và Công nghệ",
    units: sampleUnits(12),
    signer: { authority: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], title: "PHÓ CHỦ TỊCH" },
    recipients: [
      "Như Điều 3",
      "Bộ Khoa học và Công nghệ (để b/c)",
      "TT Tỉnh ủy, TT HĐND tỉnh (để b/c)",
      "Chủ tịch, các PCT UBND tỉnh",
      "Cổng thông tin điện tử tỉnh",
      "Lưu: VT, KGVX",
    ],
    ...over,
  };
}

import type { AppraisalMinutesInput } from "../appraisal-minutes.ts";
import type { ProvinceYearlyReportInput } from "../province-yearly-report.ts";
import type { CriterionLine, UnitResultSheetInput } from "../unit-result-sheet.ts";

const SO_KHCN = { parentAgency: "UBND TỈNH NINH BÌNH", name: "SỞ KHOA HỌC VÀ CÔNG NGHỆ" };

export function minutesInput(over: Partial<AppraisalMinutesInput> = {}): AppraisalMinutesInput {
  return {
    issuer: { parentAgency: "UBND TỈNH NINH BÌNH", name: "HỘI ĐỒNG THẨM ĐỊNH" },
    symbol: "BB-HĐTĐ",
    place: "Ninh Bình",
    year: 2026,
    council: "Hội đồng thẩm định mức độ chuyển đổi số cấp xã tỉnh Ninh Bình",
    roundYear: 2026,
    meeting: { date: "2026-11-20", start: "08:00", end: "11:30", location: "Sở Khoa học và Công nghệ tỉnh Ninh Bình" },
    members: [
      { name: "Ông Trần Văn Minh", role: "Chủ tịch Hội đồng", position: "Phó Giám đốc Sở Khoa học và Công nghệ" },
      { name: "Bà Nguyễn Thị Hạnh", role: "Thành viên", position: "Trưởng phòng Chuyển đổi số" },
      { name: "Ông Lê Đức Thắng", role: "Thư ký", position: "Chuyên viên Phòng Chuyển đổi số" },
    ],
    judgedBy: "levels",
    units: sampleUnits(12).map((u, i) => ({
      name: u.name,
      selfAssessedLevel: u.level,
      appraisedLevel: i % 4 === 0 && u.level > 1 ? ((u.level - 1) as Level) : u.level,
      selfAssessedScore: u.score + 2.5,
      appraisedScore: u.score,
    })),
    conclusions: [
      "Thống nhất kết quả thẩm định như bảng trên; đề nghị Ủy ban nhân dân tỉnh công nhận mức độ chuyển đổi số cho các đơn vị.",
      "Các đơn vị bị điều chỉnh mức độ bổ sung tài liệu kiểm chứng trước ngày 30/11/2026.",
    ],
    chair: { title: "CHỦ TỊCH HỘI ĐỒNG", name: "Trần Văn Minh" },
    secretary: { title: "THƯ KÝ", name: "Lê Đức Thắng" },
    ...over,
  };
}

export const CRITERIA: CriterionLine[] = [
  {
    group: "Chính quyền số",
    code: "CQS-01",
    name: "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình",
    value: { numerator: 1234, denominator: 1500 },
    target: "≥ 80%",
    result: "pass",
    points: 10,
    maxPoints: 10,
  },
  {
    group: "Chính quyền số",
    code: "CQS-02",
    name: "Có hệ thống quản lý văn bản và điều hành kết nối liên thông",
    value: true,
    target: "Có",
    result: "pass",
    points: 5,
    maxPoints: 5,
  },
  {
    group: "Chính quyền số",
    code: "CQS-03",
    name: "Số nhân sự chuyên trách chuyển đổi số",
    value: 0,
    target: "Tối thiểu 01 nhân sự",
    result: "fail",
    points: 0,
    maxPoints: 5,
  },
  {
    group: "Kinh tế số",
    code: "KTS-01",
    name: "Tỷ lệ doanh nghiệp, hợp tác xã sử dụng hợp đồng điện tử",
    value: { numerator: 12, denominator: 40 },
    target: null,
    result: "na",
    points: 2.5,
    maxPoints: 5,
  },
  {
    group: "Xã hội số",
    code: "XHS-01",
    name: "Tỷ lệ người dân trưởng thành có tài khoản định danh điện tử mức 2",
    value: null,
    target: "≥ 70%",
    result: "missing",
    points: 0,
    maxPoints: 10,
  },
  {
    group: "Xã hội số",
    code: "XHS-02",
    name: "Số điểm truy cập Internet công cộng tại đặc khu",
    value: 3,
    target: "Tối thiểu 02",
    result: "pass",
    points: 7.5,
    maxPoints: 10,
  },
];

export function sheetInput(over: Partial<UnitResultSheetInput> = {}): UnitResultSheetInput {
  return {
    issuer: SO_KHCN,
    place: "Ninh Bình",
    year: 2026,
    unit: { name: "Đặc khu Cô Tô", kind: "đặc khu", province: "tỉnh Ninh Bình" },
    round: { name: "Đợt đánh giá năm 2026", year: 2026 },
    set: {
      name: "Bộ tiêu chí chuyển đổi số cấp xã tỉnh Ninh Bình",
      version: "1.1",
      decision: "Quyết định số 1520/QĐ-UBND ngày 15/08/2025",
    },
    judgedBy: "levels",
    targetLevel: 3,
    recognisedLevel: 2,
    criteria: CRITERIA,
    signer: { authority: ["KT. GIÁM ĐỐC"], title: "PHÓ GIÁM ĐỐC" },
    ...over,
  };
}

export function reportInput(over: Partial<ProvinceYearlyReportInput> = {}): ProvinceYearlyReportInput {
  return {
    issuer: { name: "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH" },
    place: "Ninh Bình",
    year: 2026,
    date: "2026-12-05",
    province: "Ninh Bình",
    reportYear: 2026,
    activities: [
      "Ủy ban nhân dân tỉnh ban hành Bộ tiêu chí cấp xã tại Quyết định số 1520/QĐ-UBND ngày 15/08/2025; mở đợt đánh giá năm 2026 cho 129 xã, phường, đặc khu trên nền tảng số.",
    ],
    levelsByKind: [
      { kind: "Xã", total: 97, byLevel: { 1: 10, 2: 40, 3: 35, 4: 8, 5: 1 } },
      { kind: "Phường", total: 31, byLevel: { 2: 5, 3: 15, 4: 9, 5: 2 } },
      { kind: "Đặc khu", total: 1, byLevel: { 3: 1 } },
    ],
    passRates: CRITERIA.map((c, i) => ({ code: c.code, name: c.name, applicable: 129 - i, passed: 100 - 7 * i })),
    difficulties: ["Một số xã sau sắp xếp chưa có nhân sự chuyên trách chuyển đổi số."],
    proposals: [
      "Đề nghị Bộ Khoa học và Công nghệ sớm ban hành Khung tiêu chí cấp xã phù hợp mô hình chính quyền địa phương hai cấp.",
    ],
    signer: { authority: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], title: "PHÓ CHỦ TỊCH", name: "Nguyễn Văn An" },
    recipients: ["Như trên", "Cục Chuyển đổi số quốc gia", "Sở Khoa học và Công nghệ", "Lưu: VT"],
    draft: false,
    number: "312",
    ...over,
  };
}
