/** The impact of a draft on a round's units: levels that move and, for a scored draft, scores and ranks. */
import { builder } from "../../builder.ts";
import { impactPreview, type ImpactPreview, type ImpactScoreUnit, type ImpactUnit } from "../../services/impact.ts";

const ImpactUnitRef = builder.objectRef<ImpactUnit>("ImpactUnit").implement({
  fields: (t) => ({
    assessmentId: t.exposeString("assessmentId"),
    unitName: t.exposeString("unitName"),
    current: t.exposeInt("current"),
    draft: t.exposeInt("draft"),
  }),
});

const ImpactScoreUnitRef = builder.objectRef<ImpactScoreUnit>("ImpactScoreUnit").implement({
  description: "Điểm và thứ hạng của một đơn vị: hiện nay (theo phiên bản của đợt) và theo bản nháp",
  fields: (t) => ({
    assessmentId: t.exposeString("assessmentId"),
    unitName: t.exposeString("unitName"),
    group: t.exposeString("group", {
      nullable: true,
      description: "Mã nhóm xếp hạng theo bản nháp (null: xếp hạng chung)",
    }),
    groupName: t.exposeString("groupName", { nullable: true, description: "Tên nhóm xếp hạng theo bản nháp" }),
    currentScore: t.exposeFloat("currentScore", {
      nullable: true,
      description: "Để hiển thị; null khi phiên bản của đợt không chấm điểm",
    }),
    currentScoreText: t.exposeString("currentScoreText", {
      nullable: true,
      description: "Điểm hiện nay, làm tròn theo số chữ số thập phân của bộ (vd. 712.50)",
    }),
    currentRank: t.exposeInt("currentRank", { nullable: true, description: "Thứ hạng hiện nay trong nhóm xếp hạng" }),
    draftScore: t.exposeFloat("draftScore", { description: "Để hiển thị; thứ hạng dùng giá trị chính xác" }),
    draftScoreText: t.exposeString("draftScoreText", { description: "Điểm theo bản nháp (vd. 698.25)" }),
    draftRank: t.exposeInt("draftRank", { description: "Thứ hạng theo bản nháp trong nhóm xếp hạng" }),
    unreadable: t.exposeStringList("unreadable", {
      description:
        "Chỉ số thành phần của bản nháp mà số liệu đã nhập không đọc được (đổi cách tính điểm): tính như chưa có số liệu",
    }),
  }),
});

const ImpactRef = builder.objectRef<ImpactPreview>("ImpactPreview").implement({
  description: "Bản nháp chấm trên số liệu hiện tại của một đợt",
  fields: (t) => ({
    units: t.exposeInt("units"),
    current: t.exposeIntList("current", { description: "Số đơn vị theo mức hiện nay (0 đến số mức của bản nháp)" }),
    draft: t.exposeIntList("draft", { description: "Số đơn vị theo mức nếu áp dụng bản nháp" }),
    up: t.exposeInt("up"),
    down: t.exposeInt("down"),
    moved: t.field({ type: [ImpactUnitRef], resolve: (x) => x.moved }),
    scored: t.exposeBoolean("scored", { description: "Bản nháp chấm điểm (judgedBy points hoặc both)" }),
    maxScore: t.exposeFloat("maxScore", { nullable: true, description: "Tổng điểm tối đa của bản nháp chấm điểm" }),
    scoreChanges: t.field({
      type: [ImpactScoreUnitRef],
      description:
        "Bản nháp chấm điểm: điểm và thứ hạng của từng đơn vị, đổi hạng nhiều nhất trước (rỗng với bộ mức độ)",
      resolve: (x) => x.scoreChanges,
    }),
    rankChanged: t.exposeInt("rankChanged", { description: "Số đơn vị thay đổi thứ hạng" }),
  }),
});

builder.queryFields((t) => ({
  impactPreview: t.field({
    type: ImpactRef,
    description:
      "Bản nháp sẽ làm thay đổi mức (và với bộ chấm điểm: điểm, thứ hạng) của các đơn vị thế nào (trên số liệu hiện tại của một đợt)",
    args: { versionId: t.arg.globalID(), roundId: t.arg.globalID() },
    resolve: (_r, a, ctx) =>
      impactPreview(ctx.prisma, ctx.viewer, {
        versionId: a.versionId.id,
        roundId: a.roundId.id,
      }),
  }),
}));
