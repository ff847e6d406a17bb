import { builder } from "../builder.ts";

export const RoleEnum = builder.enumType("Role", {
  description: "Vai trò",
  values: {
    MINISTRY_ADMIN: { description: "Quản trị Bộ (Cục Chuyển đổi số quốc gia)" },
    PROVINCE_ADMIN: { description: "Quản trị tỉnh (Sở TT&TT)" },
    DISTRICT_OFFICER: { description: "Cán bộ Phòng Văn hóa và Thông tin cấp huyện" },
    UNIT_EDITOR: { description: "Cán bộ nhập số liệu của đơn vị (xã, huyện)" },
    APPRAISER: { description: "Thành viên hội đồng thẩm định" },
    VIEWER: { description: "Người xem" },
  } as const,
});

export const VersionStatusEnum = builder.enumType("VersionStatus", {
  values: {
    DRAFT: { description: "Bản nháp" },
    PUBLISHED: { description: "Đã công bố (không thể sửa)" },
    ARCHIVED: { description: "Đã thay thế bởi phiên bản mới" },
  } as const,
});

export const AssessmentStatusEnum = builder.enumType("AssessmentStatus", {
  values: {
    DRAFT: { description: "Đang nhập số liệu" },
    SUBMITTED: { description: "Đã nộp" },
    RETURNED: { description: "Bị trả lại để bổ sung" },
    VERIFIED: { description: "Đã xác minh số liệu" },
    APPRAISED: { description: "Đã thẩm định" },
    RECOGNISED: { description: "Đã công nhận (khoá)" },
  } as const,
});

export const CriterionStatusEnum = builder.enumType("CriterionStatus", {
  description: "Kết quả một tiêu chí ở một mức độ",
  values: {
    pass: { description: "Đạt" },
    fail: { description: "Không đạt" },
    na: { description: "Không áp dụng" },
    missing: { description: "Chưa có số liệu" },
    exempt: { description: "Miễn (không có đối tượng)" },
  } as const,
});

export const TenantKindEnum = builder.enumType("TenantKind", {
  values: { MINISTRY: { description: "Bộ" }, PROVINCE: { description: "Tỉnh, thành phố" } } as const,
});

export const SetVersionActionEnum = builder.enumType("SetVersionAction", {
  description: "Thao tác với một phiên bản bộ tiêu chí",
  values: {
    EDIT: { description: "Sửa bản nháp" },
    PUBLISH: { description: "Công bố bản nháp" },
    CLONE: { description: "Nhân bản thành bản nháp mới (của bộ này, hoặc cho tỉnh)" },
  } as const,
});
