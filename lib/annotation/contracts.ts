import type { ChatMessage } from "../conversation";
import type { JudgingMode, JudgmentOutcome } from "../vocabulary";

/** Shapes that cross the network (HTTP API and server actions): the services declare that they return them; components import them from here, never the services. */

/** How a prompt set is judged, as the workspace needs it. Nothing about models or sources. */
export type AnnotationSetup = {
  promptSetId: string;
  name: string;
  guidelines: string;
  mode: JudgingMode;
  rationaleMode: "OFF" | "OPTIONAL" | "REQUIRED";
  flagsEnabled: boolean;
  editsEnabled: boolean;
  isDemo: boolean;
};

/**
 * One leased prompt as an annotator sees it: the conversation and the candidates in the order shown.
 * Blind: a candidate is its id and text only (no model, no source, no endpoint).
 */
export type AnnotationItem = {
  assignmentId: string;
  promptId: string;
  promptSetId: string;
  expiresAt: string;
  messages: ChatMessage[];
  /** `scores` (the verifiers' newest results) only when the set shows them to annotators. */
  candidates: { id: string; content: string; scores?: { verifier: string; passed: boolean | null; reason: string; extractedAnswer: string | null }[] }[];
  /** A model judge's verdict on the shown pair, only when the set shows suggestions before judging. */
  judgeSuggestion?: JudgeSuggestion;
};

/** A model judge's verdict on a pair: the preferred candidate, or null for a tie (order-inconsistent verdicts are ties). */
export type JudgeSuggestion = { preferredCandidateId: string | null; orderConsistent: boolean; model: string };

export type SubmittedJudgment = {
  judgmentId: string;
  assignmentId: string;
  promptId: string;
  outcome: JudgmentOutcome;
  /** The judge's verdict on the pair, only when the set shows suggestions after the annotator submits. */
  judgeSuggestion?: JudgeSuggestion;
};

/** Why a member gets no item: they are paused in the set (gold accuracy below its threshold, or an admin paused them). */
export type AnnotationPause = { since: string; why: string };
