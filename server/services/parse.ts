import "server-only";
import type { z } from "zod";
import { fieldErrors } from "@/lib/schemas/field-errors";
import { AppError } from "../errors";

/** Parses a service's input, turning zod issues into one BAD_REQUEST that names each field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldErrors(result.error);
  const message = Object.entries(fields).map(([field, problem]) => (field === "form" ? problem : `${field}: ${problem}`)).join("; ");
  throw new AppError("BAD_REQUEST", message, fields);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a URL or form that is not even a uuid names nothing: NOT_FOUND, not a database error. */
export function requireId(id: string, what: string): string {
  if (!uuidPattern.test(id)) throw new AppError("NOT_FOUND", `No such ${what}.`);
  return id;
}
