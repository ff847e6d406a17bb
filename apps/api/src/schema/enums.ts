import { builder } from "../builder.ts";

export const RoleEnum = builder.enumType("Role", {
  description: "Vai trò",
  values: {
    MINISTRY_ADMIN: { description: "Quản trị Bộ (Cục Chuyển đổi số quốc gia)" },
    PROVINCE_ADMIN: { description: "Quản trị tỉnh (Sở KH&CN, trước đây Sở TT&TT)" },
    PROVINCE_LEADER: { description: "Lãnh đạo UBND tỉnh: công nhận trên bản đồ 2 cấp" },
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

export const MergeKindEnum = builder.enumType("MergeKind", {
  description: "Cách đơn vị cũ sáp nhập vào đơn vị mới",
  values: {
    FULL: { description: "Toàn bộ" },
    PARTIAL: { description: "Một phần" },
  } as const,
});

export const AgencyRoleEnum = builder.enumType("AgencyRole", {
  values: {
    MINISTRY: { description: "Bộ chủ quản (Bộ TT&TT đến 28/02/2025, Bộ KH&CN từ 01/03/2025)" },
    DEPARTMENT: { description: "Sở chủ quản của tỉnh (Sở TT&TT, nay Sở KH&CN)" },
    PEOPLES_COMMITTEE: { description: "Ủy ban nhân dân tỉnh" },
  } as const,
});
