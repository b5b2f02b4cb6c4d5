import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { GeneratedCandidate } from "@/lib/generation/contracts";
import { RegenerateButton } from "./regenerate-button";
import type { RunActionState } from "./types";

/** Generated candidates as plain text (model output is never rendered as HTML), each with "Regenerate". */
export function RunCandidates({ candidates, regenerate }: { candidates: GeneratedCandidate[]; regenerate: (previous: RunActionState | null, formData: FormData) => Promise<RunActionState> }) {
  const t = useTranslations("generation.candidate");
  return (
    <ul className="space-y-3" data-testid="run-candidates">
      {candidates.map((candidate) => (
        <li key={candidate.id} className="rounded-lg border border-border bg-surface p-4 text-sm" data-testid="candidate">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <p className="text-muted-foreground">
              <span className="font-medium text-foreground">{t("prompt")}</span> {candidate.promptText.slice(0, 200)}
            </p>
            <RegenerateButton candidateId={candidate.id} action={regenerate} />
          </div>
          <p className="mt-2 whitespace-pre-wrap">{candidate.content}</p>
          <p className="mt-2 flex flex-wrap gap-2">
            <Badge>{candidate.endpointName ?? t("deletedEndpoint")}</Badge>
            {candidate.model ? <Badge>{candidate.model}</Badge> : null}
            {candidate.sampleIndex !== null ? <Badge>{t("sample", { n: candidate.sampleIndex + 1 })}</Badge> : null}
            {candidate.finishReason ? <Badge tone={candidate.finishReason === "length" ? "warning" : "neutral"}>{t("finish", { reason: candidate.finishReason })}</Badge> : null}
            {candidate.latencyMs !== null ? <Badge>{t("latency", { ms: candidate.latencyMs })}</Badge> : null}
            {candidate.completionTokens !== null ? <Badge>{t("tokens", { count: candidate.completionTokens })}</Badge> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
