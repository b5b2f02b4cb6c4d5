import "server-only";
import type { ChatMessage } from "@/lib/conversation";
import { conversationHash } from "@/lib/conversation-hash";
import { identityDemo } from "./identity-demo";
import type { Role } from "@/lib/vocabulary";
import { generatePassword, hashPassword } from "../auth/password";
import { getDb } from "../db/client";

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
      await tx.auditLog.create({
        data: { action: "seed.first-start", entityType: "prompt_set", entityId: set.id, data: { via: "first start", accounts: accounts.map((a) => a.email) } },
      });
      return accounts.map(({ email, name, role, password }) => ({ email, name, role, password }));
    },
    { timeout: 60_000 },
  );
}
