import { z } from "zod";
import { fieldMessage as m } from "../schemas/field-message";
import { judgmentFlags } from "../vocabulary";

/** What the browser sends to submit a judgment; the same schema checks it on the server. */


const id = z.string().uuid(m("field.mustBeId"));

export const verdictSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pairwise"), verdict: z.enum(["A", "B", "TIE", "BOTH_BAD"]) }),
  z.object({
    kind: z.literal("ranking"),
    /** Best first. */
    order: z.array(id).min(2, m("field.rankTwo")),
    tiedWithAbove: z.array(z.boolean()),
    allBad: z.boolean().default(false),
  }),
]);

export const submitJudgmentSchema = z.object({
  assignmentId: id,
  /** Generated in the browser once per judgment attempt: resending it stores nothing new. */
  idempotencyKey: z.string().min(16, m("field.mustBeAtLeastChars", { min: 16 })).max(100, m("field.mustBeAtMostChars", { max: 100 })),
  /** The candidates in the order they were shown: position 0 is A / the top of the list. */
  shown: z.array(id).min(2, m("field.shownTwo")),
  verdict: verdictSchema,
  rationale: z.string().trim().max(10_000, m("field.mustBeAtMostChars", { max: 10_000 })).optional(),
  flags: z.array(z.enum(judgmentFlags)).max(judgmentFlags.length).default([]),
  rewrite: z
    .object({ parentCandidateId: id, content: z.string().trim().min(1, m("field.rewriteEmpty")).max(100_000, m("field.mustBeAtMostChars", { max: 100_000 })) })
    .optional(),
  timeSpentMs: z.number().int().min(0).max(86_400_000).default(0),
});

export type SubmitJudgmentInput = z.input<typeof submitJudgmentSchema>;
export type SubmitJudgment = z.output<typeof submitJudgmentSchema>;

export const skipAssignmentSchema = z.object({ reason: z.string().trim().max(500, m("field.mustBeAtMostChars", { max: 500 })).optional() });
export const claimSchema = z.object({ excludeAssignmentIds: z.array(id).max(5).default([]) });
