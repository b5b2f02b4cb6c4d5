import { formText } from "./form-data";

/**
 * The verdict a settle or gold form sends, as the services take it (lib/annotation/verdict.ts' shape,
 * checked there): `shown` (candidate ids in order), `mode`, and `verdict`: A / B / TIE / BOTH_BAD for
 * pairwise; for ranking, the best candidate's id (the rest tied below it) or ALL_BAD. Other values pass
 * through unchanged for the service to refuse.
 */
export function verdictFromForm(formData: FormData): { shown: string[]; choice: string; verdict: unknown } {
  const shown = formData.getAll("shown").filter((value): value is string => typeof value === "string");
  const mode = formText(formData, "mode", "");
  const choice = formText(formData, "verdict", "");
  const verdict =
    mode === "PAIRWISE"
      ? { kind: "pairwise", verdict: choice }
      : choice === "ALL_BAD"
        ? { kind: "ranking", order: shown, tiedWithAbove: shown.map(() => false), allBad: true }
        : { kind: "ranking", order: [choice, ...shown.filter((id) => id !== choice)], tiedWithAbove: shown.map((_, index) => index > 1), allBad: false };
  return { shown, choice, verdict };
}
