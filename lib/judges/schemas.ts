import { z } from "zod";
import { fieldMessage as m } from "../schemas/field-message";
import { judgeSuggestionModes } from "../vocabulary";
import { templateLanguages } from "./default-templates";
import { judgeKinds } from "./templates";

// Inputs of the judge forms and API, shared by both. Template text is checked for its placeholders by
// templateProblem (lib/judges/templates.ts) in the service, which knows the judge's kind.

const uuid = z.string().uuid(m("field.chooseFromList"));

export const createJudgeSchema = z
  .object({
    name: z.string({ error: m("field.enter", { label: "name" }) }).trim().min(1, m("field.enter", { label: "name" })).max(120, m("field.maxChars", { label: "name", max: 120 })),
    kind: z.enum(judgeKinds, { error: m("field.mustBeOneOf", { options: judgeKinds.join(", ") }) }),
    endpointId: uuid,
    /** Which of our default templates to start from when no template text is given. */
    language: z.enum(templateLanguages).default("en"),
    system: z.string().max(20_000, m("field.maxChars", { label: "systemText", max: 20_000 })).optional(),
    user: z.string().max(50_000, m("field.maxChars", { label: "userText", max: 50_000 })).optional(),
  })
  .strict();

export const judgeTemplateSchema = z
  .object({
    system: z.string().max(20_000, m("field.maxChars", { label: "systemText", max: 20_000 })).default(""),
    user: z.string({ error: m("field.enter", { label: "userText" }) }).trim().min(1, m("field.enter", { label: "userText" })).max(50_000, m("field.maxChars", { label: "userText", max: 50_000 })),
  })
  .strict();

export const startJudgeRunSchema = z.object({ judgeId: uuid }).strict();

export const judgeSuggestionsSchema = z.object({ judgeSuggestions: z.enum(judgeSuggestionModes, { error: m("field.mustBeOneOf", { options: judgeSuggestionModes.join(", ") }) }) }).strict();
