/**
 * The accounts pages' messages. The pages read them through `useAccountsI18n`, so they work whether or not the
 * app's catalog (apps/admin/src/messages.ts) merges them; role names are the shared `role.*` keys.
 */
import { useMemo } from "react";
import { useI18n, type Catalog, type Locale } from "@cds/ui";

export const accountsVi: Catalog = {
  "accounts.title": "Tài khoản",
  "accounts.subtitle": "Tài khoản có vai trò trong {tenant}: tạo, cấp và thu hồi vai trò, đặt lại mật khẩu, khoá.",
  "accounts.notAdmin": "Chỉ quản trị của tỉnh (Bộ với tài khoản của Bộ) mới quản lý tài khoản.",
  "accounts.loading": "Đang tải tài khoản…",
  "accounts.create": "Tạo tài khoản",
  "accounts.csv": "tai-khoan",
  "accounts.tableTitle": "Tài khoản",
  "accounts.col.name": "Họ tên / cơ quan",
  "accounts.col.email": "Email",
  "accounts.col.roles": "Vai trò và đơn vị",
  "accounts.col.status": "Trạng thái",
  "accounts.col.lastSeen": "Dùng gần nhất",
  "accounts.col.actions": "Thao tác",
  "accounts.status.ACTIVE": "Đang hoạt động",
  "accounts.status.MUST_CHANGE_PASSWORD": "Chờ đổi mật khẩu",
  "accounts.status.DISABLED": "Đã khoá",
  "accounts.wholeTenant": "toàn tỉnh",
  "accounts.shared": "Có vai trò ở đơn vị khác: chỉ quản lý vai trò trong tỉnh ở đây.",
  "accounts.you": "(bạn)",
  "accounts.action.roles": "Vai trò",
  "accounts.action.reset": "Đặt lại mật khẩu",
  "accounts.action.disable": "Khoá",
  "accounts.action.enable": "Mở khoá",

  "accounts.field.email": "Email",
  "accounts.field.name": "Họ tên hoặc tên cơ quan",
  "accounts.field.role": "Vai trò",
  "accounts.field.unitId": "Đơn vị",
  "accounts.field.password": "Mật khẩu ban đầu",
  "accounts.password.generate": "Hệ thống tạo mật khẩu tạm (khuyên dùng)",
  "accounts.password.choose": "Tự đặt mật khẩu ban đầu",
  "accounts.password.hint": "Dù cách nào, người dùng phải đổi mật khẩu ở lần đăng nhập đầu.",
  "accounts.unit.search": "Tìm đơn vị (không cần dấu)",
  "accounts.unit.whole": "Toàn tỉnh (không gắn đơn vị)",
  "accounts.unit.change": "Chọn đơn vị khác",
  "accounts.unit.none": "Không tìm thấy đơn vị nào.",
  "accounts.unit.chosen": "Đơn vị: {unit}",
  "accounts.unit.searching": "Đang tìm…",
  "accounts.submit.create": "Tạo tài khoản",
  "accounts.created": "Đã tạo tài khoản {email}.",

  "accounts.once.title": "Mật khẩu tạm",
  "accounts.once.hint":
    "Chỉ hiện một lần: hãy sao chép và gửi cho {name} qua kênh an toàn. Người dùng phải đổi mật khẩu ở lần đăng nhập đầu.",
  "accounts.once.copy": "Sao chép",
  "accounts.once.copied": "Đã sao chép.",
  "accounts.once.copyFailed": "Không sao chép được; hãy chọn và sao chép bằng tay.",
  "accounts.close": "Đóng",

  "accounts.roles.title": "Vai trò của {name}",
  "accounts.roles.revoke": "Thu hồi",
  "accounts.roles.grant": "Cấp vai trò",
  "accounts.roles.granted": "Đã cấp vai trò.",
  "accounts.roles.revoked": "Đã thu hồi vai trò.",

  "accounts.reset.title": "Đặt lại mật khẩu của {name}",
  "accounts.reset.confirm":
    "Hệ thống tạo một mật khẩu tạm mới; mọi phiên đăng nhập của tài khoản này kết thúc và người dùng phải đổi mật khẩu ở lần đăng nhập tới.",
  "accounts.reset.submit": "Đặt lại mật khẩu",
  "accounts.disable.title": "Khoá tài khoản {name}",
  "accounts.disable.confirm":
    "Tài khoản bị khoá không đăng nhập được; mọi phiên đăng nhập của nó kết thúc ngay. Lịch sử làm việc được giữ nguyên.",
  "accounts.enable.title": "Mở khoá tài khoản {name}",
  "accounts.enable.confirm": "Tài khoản đăng nhập lại được bằng mật khẩu hiện có.",

  "portal.title": "Trang làm việc của bạn ở Cổng đơn vị",
  "portal.body":
    "Cán bộ của đơn vị nhập số liệu, tải minh chứng và nộp hồ sơ ở Cổng đơn vị, không ở trang quản trị này.",
  "portal.go": "Đến hồ sơ của tôi",
};

export const accountsEn: Catalog = {
  "accounts.title": "Accounts",
  "accounts.subtitle": "Accounts with a role in {tenant}: create, grant and revoke roles, reset passwords, disable.",
  "accounts.notAdmin": "Only the province's admin (the ministry for its own) manages accounts.",
  "accounts.loading": "Loading accounts…",
  "accounts.create": "Create account",
  "accounts.csv": "accounts",
  "accounts.tableTitle": "Accounts",
  "accounts.col.name": "Name / agency",
  "accounts.col.email": "Email",
  "accounts.col.roles": "Roles and units",
  "accounts.col.status": "Status",
  "accounts.col.lastSeen": "Last used",
  "accounts.col.actions": "Actions",
  "accounts.status.ACTIVE": "Active",
  "accounts.status.MUST_CHANGE_PASSWORD": "Must change password",
  "accounts.status.DISABLED": "Disabled",
  "accounts.wholeTenant": "whole province",
  "accounts.shared": "Holds roles elsewhere: only its roles here are managed here.",
  "accounts.you": "(you)",
  "accounts.action.roles": "Roles",
  "accounts.action.reset": "Reset password",
  "accounts.action.disable": "Disable",
  "accounts.action.enable": "Enable",

  "accounts.field.email": "Email",
  "accounts.field.name": "Name or agency",
  "accounts.field.role": "Role",
  "accounts.field.unitId": "Unit",
  "accounts.field.password": "First password",
  "accounts.password.generate": "Generate a temporary password (recommended)",
  "accounts.password.choose": "Choose the first password",
  "accounts.password.hint": "Either way, the user changes it at first sign-in.",
  "accounts.unit.search": "Search units",
  "accounts.unit.whole": "Whole province (no unit)",
  "accounts.unit.change": "Choose another unit",
  "accounts.unit.none": "No unit found.",
  "accounts.unit.chosen": "Unit: {unit}",
  "accounts.unit.searching": "Searching…",
  "accounts.submit.create": "Create account",
  "accounts.created": "Account {email} created.",

  "accounts.once.title": "Temporary password",
  "accounts.once.hint":
    "Shown once: copy it and send it to {name} over a safe channel. The user changes it at first sign-in.",
  "accounts.once.copy": "Copy",
  "accounts.once.copied": "Copied.",
  "accounts.once.copyFailed": "Could not copy; select it and copy by hand.",
  "accounts.close": "Close",

  "accounts.roles.title": "Roles of {name}",
  "accounts.roles.revoke": "Revoke",
  "accounts.roles.grant": "Grant role",
  "accounts.roles.granted": "Role granted.",
  "accounts.roles.revoked": "Role revoked.",

  "accounts.reset.title": "Reset the password of {name}",
  "accounts.reset.confirm":
    "A new temporary password is generated; every session of this account ends and the user changes the password at next sign-in.",
  "accounts.reset.submit": "Reset password",
  "accounts.disable.title": "Disable {name}",
  "accounts.disable.confirm": "A disabled account cannot sign in; its sessions end now. Its history stays as it is.",
  "accounts.enable.title": "Enable {name}",
  "accounts.enable.confirm": "The account can sign in again with its current password.",

  "portal.title": "Your work is in the unit portal",
  "portal.body": "A unit's staff enter values, upload evidence and submit in the unit portal, not in this admin app.",
  "portal.go": "Go to my assessments",
};

const catalogs: Record<Locale, Catalog> = { vi: accountsVi, en: accountsEn };

/** The app's i18n with this feature's messages first (Vietnamese when the English one is missing). */
export function useAccountsI18n() {
  const i18n = useI18n();
  return useMemo(
    () => ({
      ...i18n,
      t: (key: string, params?: Record<string, string | number>) => {
        if (!(key in accountsVi)) return i18n.t(key, params);
        let s = catalogs[i18n.locale][key] ?? accountsVi[key]!;
        if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
    }),
    [i18n],
  );
}
