/**
 * The criteria-set language (ngôn ngữ Bộ tiêu chí). These zod schemas are the
 * single source of truth: the TypeScript types, the committed JSON Schema that
 * Monaco loads, and the shape check of every document come from here.
 *
 * A criteria set is data, never code: nothing in it is executed. Every rule a
 * province can express is one of the declarative measure kinds below.
 */
import { z } from "zod";

import { MAX_COUNT, SCHEMA_VERSION } from "./limits.ts";

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "chỉ gồm chữ thường không dấu, số và dấu gạch ngang (vd. vn-2361-commune)");

const nonEmptyText = z.string().trim().min(1, "không được để trống");

export const ZCriterionCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/, "mã tiêu chí viết hoa, vd. CQS-01")
  .describe("Mã tiêu chí, duy nhất trong bộ, theo nhóm và số thứ tự của phụ lục (vd. CQS-01, KTS-05, XHS-09).");

export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "ngày theo dạng yyyy-mm-dd")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "ngày không tồn tại")
  .describe("Ngày theo ISO 8601 (yyyy-mm-dd); giao diện hiển thị dd/mm/yyyy.");

export const ZLevel = z
  .strictObject({
    rank: z.number().int().min(1).max(10).describe("Thứ tự mức độ, bắt đầu từ 1 (1 = Khởi động … 5 = Toàn diện)."),
    code: slug.describe("Mã mức độ không dấu (vd. khoi-dong, ket-noi, co-ban, nang-cao, toan-dien)."),
    name: nonEmptyText.describe("Tên mức độ bằng tiếng Việt (vd. Khởi động)."),
    nameEn: z.string().optional().describe("Tên mức độ bằng tiếng Anh (không bắt buộc)."),
    description: z.string().optional().describe("Mô tả mức độ theo văn bản (không bắt buộc)."),
    minScore: z
      .number()
      .min(0)
      .optional()
      .describe(
        "Chỉ với bộ chấm điểm có xếp loại (judgedBy = both): điểm tối thiểu để được xếp mức này (vd. 800 = Tốt).",
      ),
  })
  .describe("Một mức độ chuyển đổi số.")
  .meta({ id: "Level" });

export const ZGroup = z
  .strictObject({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9]*$/, "mã nhóm viết hoa, vd. CQS")
      .describe("Mã nhóm tiêu chí (vd. CHUNG, CQS, KTS, XHS)."),
    name: nonEmptyText.describe("Tên nhóm (vd. Chính quyền số)."),
    nameEn: z.string().optional().describe("Tên nhóm bằng tiếng Anh (không bắt buộc)."),
  })
  .describe("Nhóm tiêu chí.")
  .meta({ id: "Group" });

/**
 * A percentage 0–100 with at most two decimals: the engine compares in exact
 * hundredths of a percent, so a third decimal could not be honoured.
 */
const percent = z
  .number()
  .min(0, "tỷ lệ không nhỏ hơn 0%")
  .max(100, "tỷ lệ không lớn hơn 100%")
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, "tỷ lệ có tối đa 2 chữ số thập phân");

const percentTarget = percent.nullable().describe("Chỉ tiêu tối thiểu (%) ở mức độ này; null = Không áp dụng.");

const countTarget = z
  .number()
  .int("số lượng phải là số nguyên")
  .min(0, "số lượng không âm")
  .max(MAX_COUNT)
  .nullable()
  .describe("Số lượng tối thiểu ở mức độ này; null = Không áp dụng.");

const booleanTarget = z
  .literal(true)
  .nullable()
  .describe("true = phải có (vd. Có hệ thống) ở mức độ này; null = Không áp dụng.");

export const ZCountOrAllTarget = z
  .strictObject({
    min: z.number().int().min(0).max(MAX_COUNT).describe("Số lượng tối thiểu (vd. 3 doanh nghiệp, hợp tác xã)."),
    orAll: z.boolean().describe('true = cũng đạt khi 100% đối tượng trên địa bàn đáp ứng ("… trở lên hoặc 100% …").'),
  })
  .nullable()
  .describe('Chỉ tiêu "tối thiểu N hoặc 100%" ở mức độ này; null = Không áp dụng.')
  .meta({ id: "CountOrAllTarget" });

export const ZChildLevelsTarget = z
  .strictObject({
    allAtLeast: z
      .number()
      .int()
      .min(0)
      .max(10)
      .describe("100% đơn vị cấp dưới phải đạt từ mức này trở lên (vd. 2 = từ Kết nối trở lên)."),
    share: z
      .strictObject({
        atLeast: z.number().int().min(1).max(10).describe("Mức độ mà một tỷ lệ đơn vị cấp dưới phải đạt."),
        percent: percent.describe("Tỷ lệ tối thiểu (%) đơn vị cấp dưới đạt mức trên (vd. 50)."),
      })
      .nullable()
      .describe('Điều kiện "trong đó tối thiểu P% đạt mức L"; null = không có.'),
  })
  .nullable()
  .describe("Chỉ tiêu tính từ mức độ được công nhận của các đơn vị cấp dưới; null = Không áp dụng.")
  .meta({ id: "ChildLevelsTarget" });

const criterionBase = {
  code: ZCriterionCode,
  group: z.string().describe("Mã nhóm mà tiêu chí thuộc về (phải có trong groups)."),
  name: nonEmptyText.describe("Tên chỉ tiêu như trong văn bản."),
  unit: nonEmptyText.describe("Đơn vị tính (vd. %, Hệ thống, Nhân sự, Nền tảng)."),
  subject: z
    .string()
    .optional()
    .describe("Đối tượng được đếm, dùng trong gợi ý còn thiếu (vd. hồ sơ, cán bộ, doanh nghiệp, hợp tác xã)."),
  method: nonEmptyText.describe("Phương pháp tính / nguồn thu thập số liệu."),
  legalBasis: z.array(nonEmptyText).describe("Căn cứ pháp lý (mỗi văn bản một dòng)."),
  local: z.boolean().default(false).describe("true = tiêu chí do tỉnh bổ sung (tiêu chí đặc thù địa phương)."),
  exemptWhenNoSubjects: z
    .boolean()
    .default(false)
    .describe(
      'true = tiêu chí "nếu có": đơn vị không có đối tượng (mẫu số bằng 0) được miễn, không tính đạt/không đạt.',
    ),
};

const targetsOf = <T extends z.ZodType>(target: T) =>
  z
    .array(target)
    .min(1)
    .describe("Chỉ tiêu theo từng mức độ, mức 1 trước; số phần tử bằng số mức độ; null = Không áp dụng.");

export const ZPercentageCriterion = z
  .strictObject({
    ...criterionBase,
    measure: z.literal("percentage").describe("Tỷ lệ %: nhập tử số và mẫu số (hoặc %), đạt khi ≥ chỉ tiêu."),
    targets: targetsOf(percentTarget),
  })
  .meta({ id: "PercentageCriterion" });

export const ZBooleanCriterion = z
  .strictObject({
    ...criterionBase,
    measure: z.literal("boolean").describe("Có/không (vd. Có hệ thống, Có kết nối)."),
    yesLabel: z.string().optional().describe('Cách văn bản ghi chỉ tiêu "có" (vd. Có sử dụng hệ thống).'),
    targets: targetsOf(booleanTarget),
  })
  .meta({ id: "BooleanCriterion" });

export const ZMinCountCriterion = z
  .strictObject({
    ...criterionBase,
    measure: z.literal("minCount").describe("Số lượng tối thiểu (vd. Tối thiểu 01 nhân sự)."),
    targets: targetsOf(countTarget),
  })
  .meta({ id: "MinCountCriterion" });

export const ZCountOrAllCriterion = z
  .strictObject({
    ...criterionBase,
    measure: z.literal("countOrAll").describe("Tối thiểu N hoặc 100% đối tượng: nhập số đạt và tổng số trên địa bàn."),
    targets: targetsOf(ZCountOrAllTarget),
  })
  .meta({ id: "CountOrAllCriterion" });

export const ZChildLevelsCriterion = z
  .strictObject({
    ...criterionBase,
    measure: z
      .literal("childLevels")
      .describe("Tính từ mức độ được công nhận của các đơn vị cấp dưới (vd. các xã của huyện)."),
    targets: targetsOf(ZChildLevelsTarget),
  })
  .meta({ id: "ChildLevelsCriterion" });

export const ZCriterion = z
  .discriminatedUnion("measure", [
    ZPercentageCriterion,
    ZBooleanCriterion,
    ZMinCountCriterion,
    ZCountOrAllCriterion,
    ZChildLevelsCriterion,
  ])
  .describe("Một tiêu chí thành phần với chỉ tiêu cho từng mức độ.")
  .meta({ id: "Criterion" });

export const ZSetRef = z
  .strictObject({
    id: slug.describe("Mã bộ tiêu chí gốc."),
    version: nonEmptyText.describe("Phiên bản của bộ tiêu chí gốc (vd. 1.0)."),
  })
  .describe("Bộ tiêu chí gốc đã được nhân bản để tạo bộ này.")
  .meta({ id: "SetRef" });

export const ZIssuer = z
  .strictObject({
    tenant: slug.describe("Mã cơ quan ban hành trên nền tảng (vd. vn cho Bộ, ninh-binh cho tỉnh Ninh Bình)."),
    name: nonEmptyText.describe("Tên cơ quan ban hành (vd. Bộ Thông tin và Truyền thông, UBND tỉnh Ninh Bình)."),
    decisionNumber: z.string().optional().describe("Số quyết định ban hành (vd. 2361/QĐ-BTTTT)."),
    decisionDate: ZIsoDate.optional().describe("Ngày ban hành quyết định (yyyy-mm-dd)."),
  })
  .describe("Cơ quan ban hành và quyết định.")
  .meta({ id: "Issuer" });

// ---------------------------------------------------------------------------
// Scored indices (Bộ chỉ số, DTI): a tree of groups and components with points
// ---------------------------------------------------------------------------

const pointsNumber = z.number().refine(Number.isFinite, "phải là số hữu hạn");

export const ZScoreBand = z
  .strictObject({
    atLeast: z.number().min(0).describe("Ngưỡng: từ giá trị này trở lên (% hoặc số lượng)."),
    points: z.number().min(0).describe("Số điểm được khi đạt ngưỡng này."),
  })
  .describe("Một khung điểm: đạt ngưỡng thì được số điểm này.")
  .meta({ id: "ScoreBand" });

export const ZScoreRule = z
  .discriminatedUnion("kind", [
    z
      .strictObject({
        kind: z.literal("yesNo").describe("Có/không: có thì được đủ điểm, không thì 0 điểm."),
        yesLabel: z.string().optional().describe('Cách văn bản ghi "có" (vd. Có hệ thống).'),
      })
      .describe("Có/không: đủ điểm hoặc 0."),
    z
      .strictObject({
        kind: z.literal("ratio").describe("Theo tỷ lệ: điểm = tối đa × tử số / mẫu số (nhập tử số và mẫu số, hoặc %)."),
        floor: percent.optional().describe("Ngưỡng sàn (%): dưới ngưỡng này được 0 điểm (không bắt buộc)."),
        cap: percent
          .refine((n) => n > 0, "trần phải lớn hơn 0%")
          .optional()
          .describe(
            "Trần (%): từ tỷ lệ này trở lên được đủ điểm; điểm = tối đa × min(tỷ lệ, trần) / trần (mặc định 100%).",
          ),
      })
      .describe("Điểm tỷ lệ thuận với một tỷ lệ."),
    z
      .strictObject({
        kind: z
          .literal("bands")
          .describe("Theo khung: đạt ngưỡng nào thì được số điểm của ngưỡng đó, không đạt ngưỡng nào thì 0."),
        on: z
          .enum(["percentage", "count"])
          .describe("Ngưỡng tính trên tỷ lệ % (nhập tử số và mẫu số, hoặc %) hay trên số lượng (nhập { count })."),
        bands: z
          .array(ZScoreBand)
          .min(1)
          .describe("Các khung, ngưỡng cao nhất trước (vd. ≥ 90%: 10 điểm; ≥ 70%: 5 điểm)."),
      })
      .describe("Điểm theo khung ngưỡng."),
    z
      .strictObject({
        kind: z
          .literal("indexValue")
          .describe(
            "Giá trị chỉ số đã có trên thang 0..1 (cách Bộ công bố các chỉ số chính): điểm = tối đa × giá trị.",
          ),
      })
      .describe("Giá trị chỉ số 0..1."),
    z
      .strictObject({
        kind: z.literal("appraised").describe("Điểm do hội đồng thẩm định chấm, từ 0 đến tối đa (nhập { points })."),
        step: z.number().positive().optional().describe("Bước điểm (vd. 0.5: chỉ chấm 0; 0,5; 1…); không bắt buộc."),
      })
      .describe("Điểm chấm trong khoảng cho phép."),
  ])
  .describe("Cách tính điểm của chỉ số thành phần.")
  .meta({ id: "ScoreRule" });

export const ZCriterionRef = z
  .strictObject({
    set: slug.describe("Mã bộ tiêu chí nguồn (vd. vn-2361-commune)."),
    code: ZCriterionCode,
  })
  .describe("Tiêu chí của một bộ tiêu chí khác mà chỉ số thành phần này dùng lại (cách đo, tên, phương pháp).")
  .meta({ id: "CriterionRef" });

export const ZScoreComponent = z
  .strictObject({
    code: ZCriterionCode.describe(
      "Mã chỉ số thành phần, duy nhất trong bộ (vd. NTS-01); số liệu được nhập theo mã này.",
    ),
    name: nonEmptyText.describe("Tên chỉ số thành phần."),
    nameEn: z.string().optional().describe("Tên bằng tiếng Anh (không bắt buộc)."),
    unit: z.string().optional().describe("Đơn vị tính của số liệu (vd. %, Hệ thống)."),
    subject: z.string().optional().describe("Đối tượng được đếm, dùng trong gợi ý còn thiếu (vd. hộ gia đình, hồ sơ)."),
    max: z.number().positive("điểm tối đa phải lớn hơn 0").describe("Điểm tối đa của chỉ số thành phần."),
    rule: ZScoreRule,
    method: nonEmptyText.describe("Phương pháp tính."),
    dataSource: nonEmptyText.describe("Nguồn số liệu / tài liệu kiểm chứng."),
    legalBasis: z.array(nonEmptyText).default([]).describe("Căn cứ pháp lý (mỗi văn bản một dòng)."),
    derivedFrom: ZCriterionRef.optional(),
    mayNotApply: z
      .boolean()
      .default(false)
      .describe(
        "true = đơn vị có thể khai báo Không áp dụng ({ notApplicable: true }, hoặc mẫu số 0/0); xử lý theo scoring.notApplicable.",
      ),
  })
  .describe("Một chỉ số thành phần có điểm.")
  .meta({ id: "ScoreComponent" });

export interface TScoreGroupInput {
  code: string;
  name: string;
  nameEn?: string | undefined;
  max: number;
  weight?: number | undefined;
  groups?: TScoreGroupInput[] | undefined;
  components?: z.input<typeof ZScoreComponent>[] | undefined;
}
export interface TScoreGroup {
  code: string;
  name: string;
  nameEn?: string | undefined;
  max: number;
  weight?: number | undefined;
  groups: TScoreGroup[];
  components: z.output<typeof ZScoreComponent>[];
}

export const ZScoreGroup: z.ZodType<TScoreGroup, TScoreGroupInput> = z
  .strictObject({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9]*$/, "mã nhóm viết hoa, vd. NTS")
      .describe("Mã chỉ số chính / trụ cột (vd. NTS = Nhận thức số)."),
    name: nonEmptyText.describe("Tên chỉ số chính / trụ cột (vd. Nhận thức số)."),
    nameEn: z.string().optional().describe("Tên bằng tiếng Anh (không bắt buộc)."),
    max: z
      .number()
      .positive("điểm tối đa phải lớn hơn 0")
      .describe("Điểm tối đa của nhóm = tổng điểm tối đa của các nhóm con và chỉ số thành phần trong nhóm."),
    weight: pointsNumber
      .optional()
      .describe("Trọng số của nhóm (chỉ dùng khi scoring.total.method = weighted, ở nhóm cấp cao nhất; không âm)."),
    get groups() {
      return z.array(ZScoreGroup).default([]).describe("Các nhóm con (vd. chỉ số chính trong một trụ cột).");
    },
    components: z.array(ZScoreComponent).default([]).describe("Các chỉ số thành phần của nhóm."),
  })
  .describe("Một nhóm có điểm: trụ cột hoặc chỉ số chính.")
  .meta({ id: "ScoreGroup" });

export const ZRankingGroup = z
  .strictObject({
    code: slug.describe("Mã nhóm xếp hạng (vd. so-nganh, xa, phuong)."),
    name: nonEmptyText.describe("Tên nhóm xếp hạng (vd. Sở, ban, ngành)."),
    unitKinds: z.array(slug).min(1).describe("Các loại đơn vị thuộc nhóm (vd. agency, commune)."),
    unitTypes: z
      .array(nonEmptyText)
      .optional()
      .describe("Chỉ các đơn vị có loại hình này (vd. Xã, Phường, Đặc khu); bỏ trống = mọi loại hình."),
  })
  .describe("Một nhóm đơn vị được xếp hạng với nhau.")
  .meta({ id: "RankingGroup" });

export const ZScoring = z
  .strictObject({
    total: z
      .strictObject({
        max: z.number().positive().describe("Tổng điểm tối đa của bộ (vd. 1000; 1 với DTI cấp tỉnh)."),
        method: z
          .enum(["sum", "weighted"])
          .describe(
            "sum = cộng điểm các nhóm (tổng điểm tối đa các nhóm phải bằng total.max); weighted = Σ trọng số × chỉ số nhóm, quy về total.max (Σ w × chỉ số × total.max / Σ w).",
          ),
      })
      .describe("Cách tính tổng điểm."),
    index: z
      .literal("pointsOverMax")
      .default("pointsOverMax")
      .describe("Cách một nhóm thành chỉ số: điểm đạt ÷ điểm tối đa (0..1)."),
    notApplicable: z
      .enum(["removeFromMax", "scoreZero"])
      .describe(
        "Chỉ số thành phần Không áp dụng: removeFromMax = bỏ khỏi điểm tối đa và quy đổi lại điểm nhóm theo tỷ lệ; scoreZero = tính 0 điểm.",
      ),
    decimals: z
      .number()
      .int()
      .min(0)
      .max(10)
      .describe("Số chữ số thập phân khi hiển thị điểm (làm tròn nửa lên, một lần, trên giá trị chính xác)."),
    indexDecimals: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(4)
      .describe("Số chữ số thập phân khi hiển thị chỉ số nhóm (mặc định 4)."),
    groups: z.array(ZScoreGroup).min(1).describe("Các nhóm cấp cao nhất (trụ cột hoặc chỉ số chính)."),
    rankingGroups: z
      .array(ZRankingGroup)
      .default([])
      .describe("Các nhóm xếp hạng (vd. sở/ngành, xã, phường); bỏ trống = mọi đơn vị xếp hạng chung."),
  })
  .describe("Cách chấm điểm của một bộ chỉ số.")
  .meta({ id: "Scoring" });

export const ZCriteriaSet = z
  .strictObject({
    $schema: z.string().optional().describe("Đường dẫn JSON Schema (để trình soạn thảo gợi ý)."),
    schemaVersion: z.literal(SCHEMA_VERSION).describe("Phiên bản ngôn ngữ Bộ tiêu chí; hiện là 1."),
    id: slug.describe("Mã bộ tiêu chí, duy nhất trên nền tảng (vd. vn-2361-commune, ninh-binh-commune)."),
    version: nonEmptyText.describe("Phiên bản của bộ tiêu chí (vd. 1.0)."),
    title: nonEmptyText.describe("Tên bộ tiêu chí."),
    description: z.string().optional().describe("Mô tả bộ tiêu chí (không bắt buộc)."),
    issuer: ZIssuer,
    basedOn: ZSetRef.nullable().describe("Bộ tiêu chí gốc; null nếu là khung quốc gia."),
    judgedBy: z
      .enum(["levels", "points", "both"])
      .optional()
      .describe(
        "Cách đánh giá: levels = theo mức độ (khung 2361, mặc định); points = chấm điểm và xếp hạng; both = chấm điểm và xếp mức theo khung điểm (levels[].minScore).",
      ),
    unitKind: slug.describe(
      "Loại đơn vị được đánh giá (vd. commune = cấp xã, district = cấp huyện, agency = sở, ban, ngành).",
    ),
    appliesTo: z
      .array(slug)
      .min(1)
      .optional()
      .describe("Các loại đơn vị áp dụng bộ này, gồm cả unitKind (mặc định chỉ unitKind)."),
    childUnitKind: slug
      .nullable()
      .default(null)
      .describe("Loại đơn vị cấp dưới, cần cho tiêu chí tính từ mức độ cấp dưới (vd. commune cho bộ cấp huyện)."),
    levels: z
      .array(ZLevel)
      .max(10)
      .default([])
      .describe("Các mức độ, theo thứ tự tăng dần (5 mức theo Quyết định 2361); bộ chỉ chấm điểm thì để trống."),
    groups: z.array(ZGroup).default([]).describe("Các nhóm tiêu chí (bộ chỉ chấm điểm thì để trống)."),
    criteria: z.array(ZCriterion).default([]).describe("Các tiêu chí thành phần (bộ chỉ chấm điểm thì để trống)."),
    scoring: ZScoring.optional().describe("Cách chấm điểm (bắt buộc khi judgedBy là points hoặc both)."),
  })
  .describe("Bộ tiêu chí đánh giá mức độ chuyển đổi số (dữ liệu, không phải mã lệnh).")
  .meta({ id: "CriteriaSet" });

export type TCriteriaSet = z.output<typeof ZCriteriaSet>;
export type TCriteriaSetInput = z.input<typeof ZCriteriaSet>;
export type TCriterion = z.output<typeof ZCriterion>;
export type TLevel = z.output<typeof ZLevel>;
export type TGroup = z.output<typeof ZGroup>;
export type TMeasureKind = TCriterion["measure"];
export type TCountOrAllTarget = NonNullable<z.output<typeof ZCountOrAllTarget>>;
export type TChildLevelsTarget = NonNullable<z.output<typeof ZChildLevelsTarget>>;
export type TSetRef = z.output<typeof ZSetRef>;
export type TScoring = z.output<typeof ZScoring>;
export type TScoreComponent = z.output<typeof ZScoreComponent>;
export type TScoreRule = z.output<typeof ZScoreRule>;
export type TScoreBand = z.output<typeof ZScoreBand>;
export type TRankingGroup = z.output<typeof ZRankingGroup>;
export type TJudgedBy = NonNullable<TCriteriaSet["judgedBy"]>;

export const MEASURE_KINDS = ["percentage", "boolean", "minCount", "countOrAll", "childLevels"] as const;
