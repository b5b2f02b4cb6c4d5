import type { ActionFailure, FormAction } from "@/lib/forms/action-state";

/** What the exports form's actions return: plain data for the client. */
export type ExportPreviewData = {
  prompts: number;
  rows: number;
  rowsWithoutSystem: number;
  rowsMultiTurn: number;
  format: { name: string; kind: string };
  splits: Record<string, { prompts: number; rows: number }>;
  dropped: Record<string, number>;
  skipped: Record<string, number>;
  stats: {
    agreement: { items: number; majorityShare: number | null; pairwiseAgreement: number | null };
    length: { pairs: number; meanChosenLength: number | null; meanRejectedLength: number | null; chosenLongerShare: number | null };
    position: { judgments: number; leftWinShare: number | null; expectedLeftWinShare: number | null };
    pairsPerPrompt: { prompts: number; meanPairs: number | null; maxPairs: number; promptsWithoutPairs: number };
  };
  records: { split: string; line: string }[];
  trainerViews: { templateId: string; templateLabel: string; source: string; records: { label: string; segments: { text: string; loss: boolean }[]; note?: string }[][] }[];
  snapshotAt: string;
};

export type ExportFormState =
  | ActionFailure
  | { status: "preview"; preview: ExportPreviewData };

export type ExportFormAction = FormAction<ExportFormState>;

export type TokenFormState = ActionFailure | { status: "created"; token: string; name: string } | { status: "ok"; message: string };
export type TokenFormAction = FormAction<TokenFormState>;
