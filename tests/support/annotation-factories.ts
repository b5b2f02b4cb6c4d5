import { randomUUID } from "node:crypto";
import type { ChatMessage } from "../../lib/conversation";
import { conversationHash } from "../../lib/conversation-hash";
import { getDb } from "../../server/db/client";
import type { JudgingMode } from "../../lib/vocabulary";

export type AnnotationSetOptions = {
  memberIds: string[];
  prompts?: number;
  candidatesPerPrompt?: number;
  mode?: JudgingMode;
  overlap?: number;
  leaseMinutes?: number;
  rationaleMode?: "OFF" | "OPTIONAL" | "REQUIRED";
  flagsEnabled?: boolean;
  editsEnabled?: boolean;
  /** Also give each prompt a rule-derived copy of its first candidate. */
  withRuleDerived?: boolean;
  /** Candidate texts by prompt index and candidate index; defaults to distinct plain texts. */
  content?: (prompt: number, candidate: number) => string;
  guidelines?: string;
};

export type AnnotationSet = { id: string; name: string; promptIds: string[] };

/**
 * A prompt set with members, prompts and candidates, written straight through Prisma (bulk inserts:
 * the concurrency test needs 1,000 prompts) with a unique name per call.
 */
export async function makeAnnotationSet(options: AnnotationSetOptions): Promise<AnnotationSet> {
  const db = getDb();
  const name = `Annotation test ${randomUUID().slice(0, 8)}`;
  const set = await db.promptSet.create({
    data: {
      name,
      guidelines: options.guidelines ?? "# Guidelines\n\nPrefer the answer that **says who it is**.",
      judgingMode: options.mode ?? "PAIRWISE",
      candidatesPerPrompt: Math.max(2, options.candidatesPerPrompt ?? 2),
      overlap: options.overlap ?? 1,
      leaseMinutes: options.leaseMinutes ?? 30,
      rationaleMode: options.rationaleMode ?? "OPTIONAL",
      flagsEnabled: options.flagsEnabled ?? true,
      editsEnabled: options.editsEnabled ?? true,
      members: { create: options.memberIds.map((userId) => ({ userId })) },
    },
    select: { id: true },
  });
  const count = options.prompts ?? 3;
  const perPrompt = options.candidatesPerPrompt ?? 2;
  const content = options.content ?? ((p: number, c: number) => `Answer ${c + 1} to question ${p + 1}.`);
  const prompts = Array.from({ length: count }, (_, index) => {
    const messages: ChatMessage[] = [{ role: "user", content: `Question ${index + 1}: who are you?` }];
    // created_at spaced a millisecond apart, so "oldest first" is the order of creation.
    return { id: randomUUID(), promptSetId: set.id, messages, contentHash: conversationHash(messages), createdAt: new Date(Date.now() - (count - index)) };
  });
  await db.prompt.createMany({ data: prompts });
  const candidates = prompts.flatMap((prompt, p) =>
    Array.from({ length: perPrompt }, (_, c) => ({ id: randomUUID(), promptId: prompt.id, content: content(p, c), source: "IMPORTED" as const })),
  );
  await db.candidate.createMany({ data: candidates });
  if (options.withRuleDerived) {
    const firsts = candidates.filter((_, index) => index % perPrompt === 0);
    await db.candidate.createMany({
      data: firsts.map((first) => ({ promptId: first.promptId, content: first.content.replace("Answer", "Derived answer"), source: "RULE_DERIVED" as const, parentId: first.id })),
    });
  }
  return { id: set.id, name, promptIds: prompts.map((prompt) => prompt.id) };
}

/** A fresh idempotency key, as the browser makes one per judgment attempt. */
export const newKey = () => `key-${randomUUID()}`;
