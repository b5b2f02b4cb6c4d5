import "server-only";
import type { ChatMessage } from "@/lib/conversation";
import { conversationHash } from "@/lib/conversation-hash";
import { identityDemo } from "./identity-demo";
import { demoRanks, EVALUATION_DEMO, planEvaluationDemo } from "./evaluation-demo";
import type { Role } from "@/lib/vocabulary";
import { generatePassword, hashPassword } from "../auth/password";
import { getDb } from "../db/client";
import { scoreCandidates } from "../services/verifiers/score-candidates";

export type SeededAccount = { email: string; name: string; role: Role; password: string };

const demoAccounts: Omit<SeededAccount, "password">[] = [
  { email: "admin@arbiter.local", name: "Admin", role: "ADMIN" },
  { email: "annotator@arbiter.local", name: "Demo Annotator", role: "ANNOTATOR" },
  { email: "annotator2@arbiter.local", name: "Second Annotator", role: "ANNOTATOR" },
  { email: "engineer@arbiter.local", name: "Demo Engineer", role: "ENGINEER" },
];

// Any fixed 64-bit key: serialises concurrent first starts (several app instances on one database).
const SEED_LOCK = 4_206_931_337;

/**
 * On a database without users: the admin, a demo account per role (generated passwords, returned
 * once) and the demo prompt set with its sample candidates, in one transaction. Returns null when the
 * database already has users.
 */
export async function seedFirstStart(): Promise<SeededAccount[] | null> {
  let evaluationSetId: string | null = null;
  const seeded = await seedUsersAndSets((id) => (evaluationSetId = id));
  // Verifiers score after the commit (as every service that stores candidates does); a failure here
  // leaves the demo without pass rates, never without its accounts.
  if (evaluationSetId) await scoreCandidates({ promptSetId: evaluationSetId }).catch((error: unknown) => console.error(`Seeding: scoring the evaluation demo failed: ${String(error)}`));
  return seeded;
}

async function seedUsersAndSets(onEvaluationSet: (id: string) => void): Promise<SeededAccount[] | null> {
  const accounts = await Promise.all(
    demoAccounts.map(async (account) => {
      const password = generatePassword();
      return { ...account, password, passwordHash: await hashPassword(password) };
    }),
  );
  return getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK}::bigint)`;
      if ((await tx.user.count()) > 0) return null;

      const users = await Promise.all(
        accounts.map(({ email, name, role, passwordHash }) => tx.user.create({ data: { email, name, role, passwordHash }, select: { id: true, role: true } })),
      );
      const admin = users.find((user) => user.role === "ADMIN")!;
      const demo = identityDemo;
      const set = await tx.promptSet.create({
        data: {
          name: demo.name,
          description: demo.description,
          guidelines: demo.guidelines,
          defaultSystemMessage: demo.defaultSystemMessage,
          judgingMode: demo.judgingMode,
          candidatesPerPrompt: demo.candidatesPerPrompt,
          overlap: demo.overlap,
          isDemo: true,
          createdById: admin.id,
          members: { create: users.filter((user) => user.role !== "ENGINEER").map((user) => ({ userId: user.id })) },
          rewriteRules: { create: demo.rewriteRules.map((rule, position) => ({ ...rule, position })) },
        },
        select: { id: true },
      });
      for (const prompt of demo.prompts) {
        await tx.prompt.create({
          data: {
            promptSetId: set.id,
            messages: prompt.messages satisfies ChatMessage[],
            contentHash: conversationHash(prompt.messages),
            metadata: { demo: true },
            candidates: { create: prompt.candidates.map((content) => ({ content, source: "SAMPLE" as const })) },
          },
        });
      }
      const evaluationSetId = await seedEvaluationDemo(tx, { adminId: admin.id, annotatorIds: users.filter((user) => user.role === "ANNOTATOR").map((user) => user.id) });
      onEvaluationSet(evaluationSetId);
      await tx.auditLog.create({
        data: { action: "seed.first-start", entityType: "prompt_set", entityId: set.id, data: { via: "first start", accounts: accounts.map((a) => a.email), evaluationSetId } },
      });
      return accounts.map(({ email, name, role, password }) => ({ email, name, role, password }));
    },
    { timeout: 60_000 },
  );
}

type SeedTx = Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0];

/**
 * The evaluation demo (evaluation-demo.ts): two models' answers, both demo annotators' judgments, two gold
 * prompts. Every non-gold prompt has its `overlap` (2) human judgments, so its open slots are 0 and the
 * claim serves nothing from this set; gold prompts are outside that bookkeeping and both have judged them.
 */
export async function seedEvaluationDemo(tx: SeedTx, { adminId, annotatorIds, name = EVALUATION_DEMO.name }: { adminId: string; annotatorIds: string[]; name?: string }): Promise<string> {
  const demo = EVALUATION_DEMO;
  const set = await tx.promptSet.create({
    data: {
      name,
      description: demo.description,
      guidelines: demo.guidelines,
      defaultSystemMessage: identityDemo.defaultSystemMessage,
      judgingMode: "PAIRWISE",
      candidatesPerPrompt: 2,
      overlap: demo.overlap,
      goldMinItems: demo.goldMinItems,
      goldMinAccuracy: demo.goldMinAccuracy,
      verifierChecks: demo.verifierChecks as unknown as object[],
      isDemo: true,
      createdById: adminId,
      members: { create: annotatorIds.map((userId) => ({ userId })) },
    },
    select: { id: true },
  });
  const now = Date.now();
  for (const [index, item] of planEvaluationDemo(identityDemo.prompts).entries()) {
    const prompt = await tx.prompt.create({
      data: {
        promptSetId: set.id,
        messages: item.prompt.messages satisfies ChatMessage[],
        contentHash: conversationHash(item.prompt.messages),
        metadata: { demo: true, category: CJK.test(JSON.stringify(item.prompt.messages)) ? "chinese" : "english" },
        openSlots: item.isGold ? null : 0,
      },
      select: { id: true },
    });
    const tuned = await tx.candidate.create({ data: { promptId: prompt.id, content: item.tuned, source: "SAMPLE", model: demo.tunedModel }, select: { id: true } });
    const base = await tx.candidate.create({ data: { promptId: prompt.id, content: item.base, source: "SAMPLE", model: demo.baseModel }, select: { id: true } });
    if (item.isGold) await tx.prompt.update({ where: { id: prompt.id }, data: { gold: { shown: [tuned.id, base.id], verdict: { kind: "pairwise", verdict: "A" } } } });
    for (const [annotator, judgment] of item.judgments.entries()) {
      const annotatorId = annotatorIds[annotator];
      if (!annotatorId) continue;
      const ranks = demoRanks(judgment.verdict);
      const shown = judgment.tunedFirst ? [{ id: tuned.id, rank: ranks.tuned }, { id: base.id, rank: ranks.base }] : [{ id: base.id, rank: ranks.base }, { id: tuned.id, rank: ranks.tuned }];
      await tx.judgment.create({
        data: {
          promptId: prompt.id,
          promptSetId: set.id,
          annotatorId,
          source: "HUMAN",
          idempotencyKey: `seed:evaluation-demo:${index}:${annotator}`,
          mode: "PAIRWISE",
          outcome: ranks.outcome,
          timeSpentMs: judgment.timeSpentMs,
          createdAt: new Date(now - judgment.daysAgo * 86_400_000 - index * 60_000),
          candidates: { create: shown.map((candidate, position) => ({ candidateId: candidate.id, position, rank: candidate.rank })) },
        },
      });
    }
  }
  return set.id;
}

const CJK = /[\u3400-\u9fff]/u;
