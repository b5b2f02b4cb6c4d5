import { z } from "zod";
import { judgeSuggestionModes } from "../vocabulary";
import { templateLanguages } from "./default-templates";
import { judgeKinds } from "./templates";

// Inputs of the judge forms and API, shared by both. Template text is checked for its placeholders by
// templateProblem (lib/judges/templates.ts) in the service, which knows the judge's kind.

const uuid = z.string().uuid("choose one from the list");

export const createJudgeSchema = z
  .object({
    name: z.string({ error: "enter a name" }).trim().min(1, "enter a name").max(120, "a name has at most 120 characters"),
    kind: z.enum(judgeKinds, { error: `must be one of ${judgeKinds.join(", ")}` }),
    endpointId: uuid,
    /** Which of our default templates to start from when no template text is given. */
    language: z.enum(templateLanguages).default("en"),
    system: z.string().max(20_000, "the system text has at most 20,000 characters").optional(),
    user: z.string().max(50_000, "the user text has at most 50,000 characters").optional(),
  })
  .strict();

export const judgeTemplateSchema = z
  .object({
    system: z.string().max(20_000, "the system text has at most 20,000 characters").default(""),
    user: z.string({ error: "enter the template's user text" }).trim().min(1, "enter the template's user text").max(50_000, "the user text has at most 50,000 characters"),
  })
  .strict();

export const startJudgeRunSchema = z.object({ judgeId: uuid }).strict();

export const judgeSuggestionsSchema = z.object({ judgeSuggestions: z.enum(judgeSuggestionModes, { error: `must be one of ${judgeSuggestionModes.join(", ")}` }) }).strict();
