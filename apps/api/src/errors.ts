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

/** SQLSTATEs and socket errors that mean the database cannot be reached now (not that the request was wrong). */
const UNAVAILABLE_CODES = new Set([
  "57P01", // admin_shutdown: terminating connection due to administrator command
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: the database system is starting up / shutting down
  "08000", // connection_exception
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "08003", // connection_does_not_exist
  "08006", // connection_failure
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect/i;

/**
 * The database cannot be reached just now (restarting, unreachable, the connection cut): the request may be
 * retried as it was. Looks through the error, its `originalError` (GraphQL) and `cause` (Prisma's driver
 * adapter) chains.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length > 0 && seen.size < 10) {
    const cur = queue.shift();
    if (!cur || typeof cur !== "object" || seen.has(cur)) continue;
    seen.add(cur);
    const { code, message } = cur as { code?: unknown; message?: unknown };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
    queue.push(
      (cur as { originalError?: unknown }).originalError,
      (cur as { cause?: unknown }).cause,
      ...(Array.isArray((cur as { errors?: unknown }).errors) ? (cur as { errors: unknown[] }).errors : []),
    );
  }
  return false;
}
