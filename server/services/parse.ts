import "server-only";
import type { z } from "zod";
import type { ErrorKey } from "@/lib/i18n/catalogues";
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

/** What requireId's callers look up, with the reason it gives when the id names nothing. */
const notFoundKeys = {
  assignment: "notFound.assignment",
  candidate: "notFound.candidate",
  endpoint: "notFound.endpoint",
  export: "notFound.export",
  judge: "notFound.judge",
  prompt: "notFound.prompt",
  "prompt set": "notFound.promptSet",
  "rewrite rule": "notFound.rewriteRule",
  "generation run": "notFound.generationRun",
  "API token": "notFound.apiToken",
  member: "notFound.member",
  user: "notFound.user",
} as const satisfies Record<string, ErrorKey>;

/** An id from a URL or form that is not even a uuid names nothing: NOT_FOUND, not a database error. */
export function requireId(id: string, what: keyof typeof notFoundKeys): string {
  if (!uuidPattern.test(id)) throw new AppError("NOT_FOUND", { key: notFoundKeys[what] });
  return id;
}
