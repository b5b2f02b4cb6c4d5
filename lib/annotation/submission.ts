import { z } from "zod";
import { judgmentFlags } from "../vocabulary";

/** What the browser sends to submit a judgment; the same schema checks it on the server. */


const id = z.string().uuid("must be an id");

export const verdictSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pairwise"), verdict: z.enum(["A", "B", "TIE", "BOTH_BAD"]) }),
  z.object({
    kind: z.literal("ranking"),
    /** Best first. */
    order: z.array(id).min(2, "rank at least two answers"),
    tiedWithAbove: z.array(z.boolean()),
    allBad: z.boolean().default(false),
  }),
]);

export const submitJudgmentSchema = z.object({
  assignmentId: id,
  /** Generated in the browser once per judgment attempt: resending it stores nothing new. */
  idempotencyKey: z.string().min(16, "must be at least 16 characters").max(100, "must be at most 100 characters"),
  /** The candidates in the order they were shown: position 0 is A / the top of the list. */
  shown: z.array(id).min(2, "at least two candidates are shown"),
  verdict: verdictSchema,
  rationale: z.string().trim().max(10_000, "must be at most 10,000 characters").optional(),
  flags: z.array(z.enum(judgmentFlags)).max(judgmentFlags.length).default([]),
  rewrite: z
    .object({ parentCandidateId: id, content: z.string().trim().min(1, "the rewrite is empty").max(100_000, "must be at most 100,000 characters") })
    .optional(),
  timeSpentMs: z.number().int().min(0).max(86_400_000).default(0),
});

export type SubmitJudgmentInput = z.input<typeof submitJudgmentSchema>;
export type SubmitJudgment = z.output<typeof submitJudgmentSchema>;

export const skipAssignmentSchema = z.object({ reason: z.string().trim().max(500, "must be at most 500 characters").optional() });
export const claimSchema = z.object({ excludeAssignmentIds: z.array(id).max(5).default([]) });
