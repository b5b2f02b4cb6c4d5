import type { JudgmentSource } from "../vocabulary";
import type { ChatMessage } from "../conversation";
import type { CandidateSource, JudgmentOutcome } from "../vocabulary";

/**
 * Plain input values for the export logic. The export service reads these from Postgres (keyset
 * pagination, one judged prompt at a time) and streams them through the pure functions of this folder.
 */


export type ExportCandidate = {
  id: string;
  content: string;
  source: CandidateSource;
  /** The candidate this one was derived from (a rewrite's or a rule-derived variant's source). */
  parentId: string | null;
  model: string | null;
  /**
   * The verifiers' verdict (newest score of each check): true when every decided check passed, false
   * when one failed, null when none decided. Read only by exports that pair by verifier outcome.
   */
  verified?: boolean | null;
};

export type CandidateRank = {
  candidateId: string;
  /** 1 = best; equal ranks are a tie; null when the judgment is ALL_BAD (or the candidate was left unranked). */
  rank: number | null;
  /** Shown order, 0 = left. Used only for position-bias statistics. */
  position: number;
};

export type ExportJudgment = {
  id: string;
  /** Null for a label imported with the prompt file. */
  annotatorId: string | null;
  /** Who gave the verdict: an annotator, an adjudicating admin, or the imported file. */
  source: JudgmentSource;
  outcome: JudgmentOutcome;
  ranks: CandidateRank[];
  /** The HUMAN_REWRITE candidate this annotator wrote while judging, if any. */
  rewriteCandidateId: string | null;
  flags: string[];
  createdAt: Date;
};

export type JudgedPrompt = {
  promptId: string;
  promptSetId: string;
  /** The prompt conversation: optional leading system message, turns ending on a user turn. */
  messages: ChatMessage[];
  /** The prompt set's default system message, written when the prompt has none of its own. */
  defaultSystemMessage: string | null;
  /** A verifiable answer (maths, code) for prompt-only exports. */
  referenceAnswer: string | null;
  candidates: ExportCandidate[];
  judgments: ExportJudgment[];
  /** The prompt's verifier checks (the set's, overridden by the prompt's own), for prompt-only exports' `checks` column. */
  verifierChecks?: unknown[];
};

/** What a format writer needs of a prompt: its conversation, the set's default system message, the reference. */
export type ExportPrompt = Pick<JudgedPrompt, "messages" | "defaultSystemMessage" | "referenceAnswer" | "verifierChecks">;

/** One SFT row: the prompt and the response to imitate. */
export type SftExample = { prompt: ExportPrompt; completion: string };

/** One preference row. `margin` is written only by formats and exports that carry a margin column. */
export type PreferenceExample = { prompt: ExportPrompt; chosen: string; rejected: string; margin?: number };

/** One unpaired (KTO/BCO) row: `label` true for a desirable response, false for an undesirable one. */
export type UnpairedExample = { prompt: ExportPrompt; completion: string; label: boolean };

/** One prompt-only (online RL) row. `promptId` and `split` are written by formats that carry them (veRL's extra_info). */
export type PromptOnlyExample = {
  prompt: ExportPrompt;
  promptId?: string;
  split?: "train" | "test" | "validation";
  /** Share of the prompt's verified candidates that passed (with `passRate` columns). */
  passRate?: number;
  samples?: number;
};

export type FormatKind = "sft" | "preference" | "unpaired" | "prompt-only";

export type ExampleByKind = {
  sft: SftExample;
  preference: PreferenceExample;
  unpaired: UnpairedExample;
  "prompt-only": PromptOnlyExample;
};

export const exportFormatNames = [
  "trl-messages",
  "trl-prompt-completion",
  "openai-chat",
  "llamafactory-sharegpt-sft",
  "trl-preference",
  "trl-preference-implicit",
  "axolotl-prompt-pairs",
  "openai-preference",
  "llamafactory-ranking",
  "kto",
  "prompt-only",
  "verl-parquet",
] as const;
export type ExportFormatName = (typeof exportFormatNames)[number];

export type LlamaFactoryFormatName = Extract<ExportFormatName, "llamafactory-sharegpt-sft" | "llamafactory-ranking">;

/**
 * Per-export choices that change a record's shape. They are decided once per export, never per row,
 * because the shape of every row of a file must be the same (TRL and Arrow read the first rows' shape).
 */
export type RecordShapeOptions = {
  /** Write a numeric `margin` in every row (TRL preference shapes only); every example must then carry one. */
  includeMargin?: boolean;
  /**
   * prompt-only: "require" writes `ground_truth` in every row, and prompts without a reference answer
   * cannot be written (see `recordProblem`); "omit" never writes it.
   */
  groundTruth?: "omit" | "require";
  /** prompt-only with a reference: the column's name (`ground_truth` when absent). */
  referenceColumn?: "ground_truth" | "solution";
  /** prompt-only: write the verifier checks as a JSON string column `checks` in every row. */
  verifierChecks?: boolean;
  /** prompt-only: write `pass_rate` and `n_samples` in every row (exports with a pass-rate filter). */
  passRate?: boolean;
};
