import "server-only";

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

/** The one error type services throw; transports turn it into `{ error: { code, message } }`. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field-level messages for forms: { email: "already in use" }. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return httpStatus[this.code];
  }
}

/** Prisma's unique-constraint violation, by its error code rather than its message text. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export function toErrorBody(error: unknown): { status: number; body: { error: { code: AppErrorCode; message: string; fields?: Record<string, string> } } } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } } };
  }
  console.error("Unexpected error", error);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Something went wrong on the server; it has been logged." } } };
}
