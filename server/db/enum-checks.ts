// Compile-time only: each vocabulary that lib/ defines matches the Prisma enum of the same name, both
// ways, so a value added on one side and not the other fails `tsc`.
import type { JudgmentSource as LibJudgmentSource } from "@/lib/annotation/judgment-source";
import type { JudgmentSource as DbJudgmentSource } from "./generated/enums";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const judgmentSourceMatches: Same<LibJudgmentSource, DbJudgmentSource> = true;
export const enumChecks = [judgmentSourceMatches] as const;
