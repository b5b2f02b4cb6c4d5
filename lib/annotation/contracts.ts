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

/**
 * Why a member gets no item: they are paused in the set (gold accuracy below its threshold, or an admin
 * paused them). `why` is the English sentence; `reason`, when the rule that paused them is known, the
 * same as a key and figures, for the annotator's language.
 */
export type AnnotationPause = { since: string; why: string; reason: PauseReason | null };

/** The gold rule's pause: accuracy and minimum as fractions (0-1), over `items` gold items. */
export type PauseReason = { key: "goldAccuracy"; params: { accuracy: number; items: number; minimum: number } };

/** A stored pause reason read back, or null when it is not one this version knows. */
export function readPauseReason(value: unknown): PauseReason | null {
  if (!value || typeof value !== "object") return null;
  const { key, params } = value as { key?: unknown; params?: Record<string, unknown> };
  if (key !== "goldAccuracy" || !params) return null;
  const { accuracy, items, minimum } = params;
  if (typeof accuracy !== "number" || typeof items !== "number" || typeof minimum !== "number") return null;
  return { key, params: { accuracy, items, minimum } };
}
