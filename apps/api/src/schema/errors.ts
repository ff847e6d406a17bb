/**
 * Expected errors as GraphQL types: every mutation returns a union of its
 * result and these, each implementing `Error` (code, message in Vietnamese,
 * messageEn). The one mapping from domain errors to the API.
 */
import { builder } from "../builder.ts";
import {
  ConflictError,
  ForbiddenError,
  InputError,
  InvalidSetError,
  InvalidValuesError,
  NotFoundError,
  UnauthenticatedError,
  WorkflowError,
  type DomainError,
  type FieldIssue,
} from "../errors.ts";
import type { SetIssue } from "@cds/criteria-schema";
import type { ValueIssue } from "@cds/criteria-core";

export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  description: "Lỗi dự kiến của một thao tác",
  fields: (t) => ({
    code: t.exposeString("code"),
    message: t.exposeString("message", { description: "Thông báo bằng tiếng Việt" }),
    messageEn: t.exposeString("messageEn", { description: "The message in English" }),
  }),
});

const FieldIssueRef = builder.objectRef<FieldIssue>("FieldIssue").implement({
  description: "Lỗi gắn với một trường dữ liệu",
  fields: (t) => ({
    field: t.exposeString("field"),
    message: t.exposeString("message"),
    messageEn: t.exposeString("messageEn"),
  }),
});

export const SetIssueRef = builder.objectRef<SetIssue>("SetIssue").implement({
  description: "Lỗi trong tài liệu bộ tiêu chí, kèm đường dẫn JSON",
  fields: (t) => ({
    code: t.exposeString("code"),
    pointer: t.exposeString("pointer", { description: "JSON pointer, vd. /criteria/3/targets/2" }),
    path: t.stringList({ resolve: (i) => i.path.map(String) }),
    message: t.exposeString("message"),
    messageEn: t.exposeString("messageEn"),
  }),
});

/** A value issue of criteria-core, or one of the API's own (a submit precondition) with its own reason. */
export const ValueIssueRef = builder
  .objectRef<Omit<ValueIssue, "reason"> & { reason: string }>("ValueIssue")
  .implement({
    description: "Số liệu không hợp lệ, kèm mã tiêu chí và trường",
    fields: (t) => ({
      criterion: t.exposeString("criterion"),
      field: t.exposeString("field"),
      reason: t.exposeString("reason"),
      message: t.exposeString("message"),
      messageEn: t.exposeString("messageEn"),
    }),
  });

const simple = [
  [UnauthenticatedError, "UnauthenticatedError", "Cần đăng nhập"],
  [ForbiddenError, "ForbiddenError", "Không có quyền"],
  [NotFoundError, "NotFoundError", "Không tìm thấy"],
  [WorkflowError, "WorkflowError", "Quy trình không cho phép thao tác này"],
] as const;
for (const [cls, name, description] of simple) {
  builder.objectType(cls as unknown as typeof WorkflowError, { name, description, interfaces: [ErrorInterface] });
}

builder.objectType(InputError, {
  name: "InputError",
  description: "Dữ liệu nhập không hợp lệ",
  interfaces: [ErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [FieldIssueRef], resolve: (e) => e.issues }) }),
});

builder.objectType(ConflictError, {
  name: "ConflictError",
  description: "Người khác đã lưu trước; không có gì bị ghi",
  interfaces: [ErrorInterface],
  fields: (t) => ({ currentVersion: t.exposeInt("currentVersion") }),
});

builder.objectType(InvalidSetError, {
  name: "InvalidSetError",
  description: "Bộ tiêu chí không hợp lệ",
  interfaces: [ErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [SetIssueRef], resolve: (e) => e.issues }) }),
});

builder.objectType(InvalidValuesError, {
  name: "InvalidValuesError",
  description: "Số liệu không hợp lệ",
  interfaces: [ErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [ValueIssueRef], resolve: (e) => e.issues }) }),
});
