import "server-only";
import type { ErrorKey, ErrorParams } from "@/lib/i18n/catalogues";
import { errorText } from "@/lib/i18n/translate";
import type { FieldReason } from "@/lib/schemas/field-message";

export type AppErrorCode = "BAD_REQUEST" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "RATE_LIMITED" | "INTERNAL";

const httpStatus: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** Why a request was refused, as a catalogue key (under `errors` in messages/*.json) and its parameters. */
export type ErrorReason = { key: ErrorKey; params?: ErrorParams };

/**
 * The one error type services throw; transports turn it into `{ error: { code, message, key?, params? } }`.
 * Give it a reason (`new AppError("CONFLICT", { key: "annotation.alreadyJudged" })`): its message is then
 * the English text of that key, the HTTP API sends the key and params beside it (scripts match on the
 * key), and pages show the text in the user's language. A plain string message is English only.
 */
export class AppError extends Error {
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;
  /** Field-level messages in English: { email: "already in use" } (the API's `fields`). */
  readonly fields?: Record<string, string>;
  /** The same problems as reasons ({ email: { key: "field.alreadyInUse" } }), for forms in the user's language. */
  readonly fieldReasons?: Record<string, FieldReason>;

  constructor(
    readonly code: AppErrorCode,
    reason: ErrorReason | string,
    /** Field-level problems for forms: { email: { key: "field.alreadyInUse" } }; a plain string is English only. */
    fields?: Record<string, FieldReason | string>,
  ) {
    super(typeof reason === "string" ? reason : errorText("en", reason.key, reason.params));
    this.name = "AppError";
    if (typeof reason !== "string") {
      this.key = reason.key;
      if (reason.params) this.params = reason.params;
    }
    if (fields) {
      const reasons: Record<string, FieldReason> = {};
      for (const [field, problem] of Object.entries(fields)) reasons[field] = typeof problem === "string" ? { key: "field.text", params: { text: problem } } : problem;
      this.fieldReasons = reasons;
      this.fields = Object.fromEntries(Object.entries(reasons).map(([field, problem]) => [field, errorText("en", problem.key, problem.params)]));
    }
  }

  get status(): number {
    return httpStatus[this.code];
  }
}

/** Prisma's unique-constraint violation, by its error code rather than its message text. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export type ErrorBody = {
  error: { code: AppErrorCode; message: string; key?: ErrorKey; params?: ErrorParams; fields?: Record<string, string>; fieldReasons?: Record<string, FieldReason> };
};

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const { code, message, key, params, fields, fieldReasons } = error;
    return {
      status: error.status,
      body: { error: { code, message, ...(key ? { key } : {}), ...(params ? { params } : {}), ...(fields ? { fields } : {}), ...(fieldReasons ? { fieldReasons } : {}) } },
    };
  }
  console.error("Unexpected error", error);
  return { status: 500, body: { error: { code: "INTERNAL", message: errorText("en", "internal", undefined), key: "internal" } } };
}
