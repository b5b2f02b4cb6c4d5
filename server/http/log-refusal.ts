import "server-only";
import { AppError } from "../errors";

// Refusals worth an operator's attention (a role trying what it may not, a cross-site write, an
// oversized body, a rate limit) get one line in the log: no stack trace, which would read as a crash.
const noted = new Set<AppError["code"]>(["FORBIDDEN", "PAYLOAD_TOO_LARGE", "RATE_LIMITED"]);

export function logRefusal(where: string, error: unknown): void {
  if (error instanceof AppError && noted.has(error.code)) console.warn(`Refused ${where} (${error.status} ${error.code}): ${error.message}`);
}
