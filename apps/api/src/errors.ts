/**
 * Expected failures, typed. Services throw these; the GraphQL layer maps them
 * to result unions (mutations) or coded GraphQL errors (queries) in one place
 * (schema/errors.ts). Anything else is unexpected and stays masked.
 */
import type { SetIssue } from "@cds/criteria-schema";
import type { ValueIssue } from "@cds/criteria-core";

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly name = "UnauthenticatedError";
  readonly code = "UNAUTHENTICATED";
  constructor() {
    super("Bạn cần đăng nhập", "You need to sign in");
  }
}

export class ForbiddenError extends DomainError {
  override readonly name = "ForbiddenError";
  readonly code = "FORBIDDEN";
  constructor(vi = "Bạn không có quyền thực hiện thao tác này", en = "You are not allowed to do this") {
    super(vi, en);
  }
}

export class NotFoundError extends DomainError {
  override readonly name = "NotFoundError";
  readonly code = "NOT_FOUND";
  constructor(what: string, id: string) {
    super(`Không tìm thấy ${what} "${id}"`, `${what} "${id}" not found`);
  }
}

export interface FieldIssue {
  field: string;
  message: string;
  messageEn: string;
}

/** Bad input that is not about a criteria set or values: names each field. */
export class InputError extends DomainError {
  override readonly name = "InputError";
  readonly code = "BAD_INPUT";
  constructor(readonly issues: FieldIssue[]) {
    super(
      issues.map((i) => `${i.field}: ${i.message}`).join("; "),
      issues.map((i) => `${i.field}: ${i.messageEn}`).join("; "),
    );
  }
  static field(field: string, message: string, messageEn: string): InputError {
    return new InputError([{ field, message, messageEn }]);
  }
}

/**
 * An argument the API never takes, whatever the state (a list over its maximum): refused before any
 * work, as GraphQL refuses a malformed variable (same code), naming the argument.
 */
export class ArgumentError extends DomainError {
  override readonly name = "ArgumentError";
  readonly code = "BAD_USER_INPUT";
  constructor(
    readonly argument: string,
    vi: string,
    en: string,
  ) {
    super(`${argument}: ${vi}`, `${argument}: ${en}`);
  }
}

/** A workflow rule refused the action, e.g. "đã công nhận, không thể sửa". */
export class WorkflowError extends DomainError {
  override readonly name = "WorkflowError";
  readonly code = "WORKFLOW";
}

/** Optimistic concurrency: someone saved first. Nothing was written. */
export class ConflictError extends DomainError {
  override readonly name = "ConflictError";
  readonly code = "CONFLICT";
  constructor(readonly currentVersion: number) {
    super(
      `Hồ sơ đã được người khác cập nhật (phiên bản ${currentVersion}); hãy tải lại rồi lưu lại`,
      `Someone else saved this first (version ${currentVersion}); reload and save again`,
    );
  }
}

export class InvalidSetError extends DomainError {
  override readonly name = "InvalidSetError";
  readonly code = "INVALID_SET";
  constructor(readonly issues: SetIssue[]) {
    super(`Bộ tiêu chí không hợp lệ (${issues.length} lỗi)`, `Invalid criteria set (${issues.length} issues)`);
  }
}

export class InvalidValuesError extends DomainError {
  override readonly name = "InvalidValuesError";
  readonly code = "INVALID_VALUES";
  constructor(readonly issues: ValueIssue[]) {
    super(issues.map((i) => i.message).join("; "), issues.map((i) => i.messageEn).join("; "));
  }
}

export class RateLimitError extends DomainError {
  override readonly name = "RateLimitError";
  readonly code = "RATE_LIMITED";
  constructor(
    vi = "Vượt quá giới hạn số yêu cầu, hãy thử lại sau",
    en = "Too many requests, try again later",
    /** When a retry may succeed, if known. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(vi, en);
  }
}

/** The errors every mutation may return in its result union (schema/errors.ts gives each its GraphQL type). */
export const EXPECTED_ERRORS = [
  UnauthenticatedError,
  ForbiddenError,
  NotFoundError,
  InputError,
  WorkflowError,
  ConflictError,
  InvalidSetError,
  InvalidValuesError,
] as const;

/** PostgreSQL triggers raise 'cds_immutable: …' when a locked row would change. */
export function isImmutableViolation(e: unknown): boolean {
  return e instanceof Error && e.message.includes("cds_immutable");
}
