import "server-only";
import { columnMappingSchema, type ColumnMapping } from "@/lib/import/column-mapping";
import { requirePermission } from "../../auth/require";
import { canViewPromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, type RunStatus } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";
import { candidateSources, type CandidateSource, type JudgingMode } from "@/lib/vocabulary";
import { countsTowardOverlap, holdsSlot } from "../annotation/internal/overlap";

/** A mapping saved by an older version, or edited by hand, that no longer parses is simply not offered. */
function readSavedMapping(value: unknown): ColumnMapping | null {
  const parsed = columnMappingSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export type PromptSetDetail = {
  id: string;
  name: string;
  description: string;
  guidelines: string;
  defaultSystemMessage: string | null;
  judgingMode: JudgingMode;
  candidatesPerPrompt: number;
  overlap: number;
  isDemo: boolean;
  archivedAt: Date | null;
  /** The column mapping of the last import that used one (for files in a shape Arbiter does not know). */
  importMapping: ColumnMapping | null;
  members: { id: string; name: string; email: string }[];
  counts: {
    prompts: number;
    candidatesBySource: Record<CandidateSource, number>;
    /** Prompts with at least `candidatesPerPrompt` candidates: ready to be judged. */
    promptsWithEnoughCandidates: number;
    /** Annotators' judgments: the ones that count toward overlap (adjudications and imported labels do not). */
    judgments: number;
    /** Preference labels imported with files (source IMPORTED). */
    importedJudgments: number;
    /** Prompts judged by `overlap` annotators (adjudications and imported labels do not count). */
    promptsFullyJudged: number;
    activeAssignments: number;
  };
  runs: { id: string; status: RunStatus; createdAt: Date; finishedAt: Date | null }[];
};

/** A set with the state of generation and annotation at a glance. */
export async function getPromptSet({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<PromptSetDetail> {
  requirePermission(actor, canViewPromptSets, "see prompt sets");
  requireId(promptSetId, "prompt set");
  const db = getDb();
  const set = await db.promptSet.findUnique({
    where: { id: promptSetId },
    include: { members: { include: { user: { select: { id: true, name: true, email: true } } }, orderBy: { addedAt: "asc" } } },
  });
  if (!set) throw new AppError("NOT_FOUND", { key: "promptSets.noSuchSet" });
  const [bySource, [totals], runs] = await Promise.all([
    db.$queryRaw<{ source: CandidateSource; n: bigint }[]>`
      SELECT c.source::text AS source, count(*) AS n FROM candidates c JOIN prompts p ON p.id = c.prompt_id
      WHERE p.prompt_set_id = ${promptSetId}::uuid GROUP BY c.source`,
    db.$queryRaw<{ prompts: bigint; ready: bigint; judgments: bigint; imported: bigint; judged: bigint; active: bigint }[]>`
      SELECT
        (SELECT count(*) FROM prompts WHERE prompt_set_id = ${promptSetId}::uuid) AS prompts,
        (SELECT count(*) FROM (SELECT p.id FROM prompts p JOIN candidates c ON c.prompt_id = p.id
           WHERE p.prompt_set_id = ${promptSetId}::uuid GROUP BY p.id HAVING count(*) >= ${set.candidatesPerPrompt}) r) AS ready,
        (SELECT count(*) FROM judgments j WHERE j.prompt_set_id = ${promptSetId}::uuid AND ${countsTowardOverlap("j")}) AS judgments,
        (SELECT count(*) FROM judgments j WHERE j.prompt_set_id = ${promptSetId}::uuid AND j.source = 'IMPORTED') AS imported,
        (SELECT count(*) FROM (SELECT j.prompt_id FROM judgments j WHERE j.prompt_set_id = ${promptSetId}::uuid AND ${countsTowardOverlap("j")}
           GROUP BY j.prompt_id HAVING count(*) >= ${set.overlap}) f) AS judged,
        (SELECT count(*) FROM assignments a WHERE a.prompt_set_id = ${promptSetId}::uuid AND ${holdsSlot("a")}) AS active`,
    db.generationRun.findMany({ where: { promptSetId }, orderBy: { createdAt: "desc" }, take: 5, select: { id: true, status: true, createdAt: true, finishedAt: true } }),
  ]);
  const candidatesBySource = Object.fromEntries(candidateSources.map((source) => [source, 0])) as Record<CandidateSource, number>;
  for (const row of bySource) candidatesBySource[row.source] = Number(row.n);
  return {
    id: set.id,
    name: set.name,
    description: set.description,
    guidelines: set.guidelines,
    defaultSystemMessage: set.defaultSystemMessage,
    judgingMode: set.judgingMode,
    candidatesPerPrompt: set.candidatesPerPrompt,
    overlap: set.overlap,
    isDemo: set.isDemo,
    archivedAt: set.archivedAt,
    importMapping: readSavedMapping(set.importMapping),
    members: set.members.map((member) => member.user),
    counts: {
      prompts: Number(totals?.prompts ?? 0),
      candidatesBySource,
      promptsWithEnoughCandidates: Number(totals?.ready ?? 0),
      judgments: Number(totals?.judgments ?? 0),
      importedJudgments: Number(totals?.imported ?? 0),
      promptsFullyJudged: Number(totals?.judged ?? 0),
      activeAssignments: Number(totals?.active ?? 0),
    },
    runs,
  };
}
