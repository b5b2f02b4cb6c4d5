import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../conversation";
import { exportFormats, recordProblem, writeRecord, type ExampleFor } from "./formats";
import { toJsonlLine } from "./jsonl";
import { aggregatePairs, type AggregationOptions, type PairingPolicyKind } from "./pairing";
import { recordSchemaFor } from "./schemas";
import { assignSplit, promptSplitKey, type SplitName } from "./split";
import { preferenceExamples, sftExamples, sftTargets, unpairedExamples, unpairedLabels } from "./targets";
import type { CandidateSource } from "../vocabulary";
import { exportFormatNames, type ExportCandidate, type ExportJudgment, type JudgedPrompt, type RecordShapeOptions } from "./types";

// ---------- Arbitraries ----------

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("Who are you?", "I am Deep Qwen.", "长城很长。", "🏯🧱", "  ", "", "a\u2028b", "line\nbreak", '"quoted"\\'),
);

const alternatingTurns = fc
  .array(fc.tuple(text, text), { maxLength: 3 })
  .chain((pairs) =>
    text.map((last): ChatMessage[] => [
      ...pairs.flatMap(([user, assistant]): ChatMessage[] => [
        { role: "user", content: user },
        { role: "assistant", content: assistant },
      ]),
      { role: "user", content: last },
    ]),
  );

// Turns as the conversation schema allows them (consecutive same-role turns included), ending on a user turn.
const freeTurns = fc
  .array(fc.record({ role: fc.constantFrom<"user" | "assistant">("user", "assistant"), content: text }), { maxLength: 4 })
  .chain((turns) => text.map((last): ChatMessage[] => [...turns, { role: "user", content: last }]));

const promptMessages = fc
  .tuple(fc.option(text, { nil: null }), fc.oneof({ weight: 3, arbitrary: alternatingTurns }, { weight: 1, arbitrary: freeTurns }))
  .map(([system, turns]): ChatMessage[] => (system === null ? turns : [{ role: "system", content: system }, ...turns]));

const judgedPrompt: fc.Arbitrary<JudgedPrompt> = fc
  .record({
    messages: promptMessages,
    defaultSystemMessage: fc.option(text, { nil: null }),
    referenceAnswer: fc.option(text, { nil: null }),
    shown: fc.array(fc.record({ content: text, source: fc.constantFrom<CandidateSource>("GENERATED", "IMPORTED", "RULE_DERIVED", "SAMPLE") }), {
      minLength: 2,
      maxLength: 4,
    }),
    rewrites: fc.array(fc.record({ content: text, parent: fc.nat() }), { maxLength: 2 }),
  })
  .chain(({ messages, defaultSystemMessage, referenceAnswer, shown, rewrites }) => {
    const candidates: ExportCandidate[] = [
      ...shown.map((c, i): ExportCandidate => ({ id: `c${i}`, content: c.content, source: c.source, parentId: null, model: "m" })),
      ...rewrites.map((r, i): ExportCandidate => ({ id: `r${i}`, content: r.content, source: "HUMAN_REWRITE", parentId: `c${r.parent % shown.length}`, model: null })),
    ];
    const judgment = fc
      .record({
        outcome: fc.constantFrom<ExportJudgment["outcome"]>("PREFERENCE", "PREFERENCE", "TIE", "ALL_BAD"),
        order: fc.shuffledSubarray(shown.map((_, i) => `c${i}`), { minLength: 2 }),
        ranks: fc.array(fc.integer({ min: 1, max: shown.length }), { minLength: shown.length, maxLength: shown.length }),
        rewrite: fc.option(fc.constantFrom(...rewrites.map((_, i) => `r${i}`), "none"), { nil: null }),
      })
      .map(({ outcome, order, ranks, rewrite }) => ({
        outcome,
        ranks: order.map((candidateId, position) => ({
          candidateId,
          rank: outcome === "ALL_BAD" ? null : outcome === "TIE" ? 1 : (ranks[position] ?? 1),
          position,
        })),
        rewriteCandidateId: rewrite === null || rewrite === "none" ? null : rewrite,
      }));
    return fc.array(judgment, { minLength: 1, maxLength: 4 }).map(
      (judgments): JudgedPrompt => ({
        promptId: "p",
        promptSetId: "s",
        messages,
        defaultSystemMessage,
        referenceAnswer,
        candidates,
        judgments: judgments.map((j, i) => ({ ...j, id: `j${i}`, annotatorId: `a${i}`, source: "HUMAN" as const, flags: [], createdAt: new Date(0) })),
      }),
    );
  });

const aggregationOptions: fc.Arbitrary<AggregationOptions> = fc.record({
  policy: fc.record({ kind: fc.constantFrom<PairingPolicyKind>("best-vs-worst", "all-pairs", "adjacent"), minRankMargin: fc.integer({ min: 1, max: 3 }) }),
  minAgreement: fc.constantFrom(0, 0.5, 0.67, 1),
  minJudgments: fc.integer({ min: 1, max: 3 }),
  marginFromAgreement: fc.boolean(),
});

const shapeOptions: fc.Arbitrary<RecordShapeOptions> = fc.record({ groundTruth: fc.constantFrom<"omit" | "require">("omit", "require") });

// ---------- Properties ----------

describe("every record of every format validates against its schema", () => {
  it("for arbitrary judged prompts, policies and thresholds", () => {
    const written = Object.fromEntries(exportFormatNames.map((format) => [format, 0]));
    fc.assert(
      fc.property(judgedPrompt, aggregationOptions, shapeOptions, (prompt, aggregation, shape) => {
        const agreed = aggregatePairs(prompt, aggregation);
        for (const pair of agreed.pairs) {
          const chosen = prompt.candidates.find((c) => c.id === pair.chosenId)?.content ?? "";
          const rejected = prompt.candidates.find((c) => c.id === pair.rejectedId)?.content ?? "";
          expect(chosen.trim()).not.toBe(rejected.trim());
          expect(pair.share).toBeGreaterThan(0.5);
        }
        const examplesByKind = {
          sft: sftExamples(prompt, sftTargets(prompt, agreed, "both")),
          preference: preferenceExamples(prompt, agreed.pairs),
          unpaired: unpairedExamples(prompt, unpairedLabels(prompt, agreed).labels),
          "prompt-only": [{ prompt }],
        };
        for (const format of exportFormatNames) {
          const info = exportFormats[format];
          const options: RecordShapeOptions = { ...shape, includeMargin: info.supportsMargin && aggregation.marginFromAgreement === true };
          if (recordProblem(format, prompt, options) !== null) continue;
          const examples = examplesByKind[info.kind] as ExampleFor<typeof format>[];
          const schema = recordSchemaFor(format, options);
          for (const example of examples) {
            const record = writeRecord(format, example, options);
            const parsed = schema.safeParse(record);
            if (!parsed.success) throw new Error(`${format}: ${parsed.error.message}\n${JSON.stringify(record)}`);
            const line = toJsonlLine(record);
            expect(line.indexOf("\n")).toBe(line.length - 1);
            expect(JSON.parse(line)).toEqual(record);
            written[format] = (written[format] ?? 0) + 1;
          }
        }
      }),
      { numRuns: 150 },
    );
    // The generator must reach every writer, or the property proves nothing for that format.
    for (const format of exportFormatNames) expect(written[format], format).toBeGreaterThan(10);
  });

  it("the schemas are strict: an extra key or a missing margin fails", () => {
    fc.assert(
      fc.property(judgedPrompt, (prompt) => {
        for (const format of exportFormatNames) {
          if (recordProblem(format, prompt) !== null) continue;
          const example = { prompt, completion: "x", chosen: "a", rejected: "b", label: true };
          const record = writeRecord(format, example);
          expect(recordSchemaFor(format).safeParse({ ...record, extra: 1 }).success).toBe(false);
          if (exportFormats[format].supportsMargin) expect(recordSchemaFor(format, { includeMargin: true }).safeParse(record).success).toBe(false);
        }
      }),
      { numRuns: 30 },
    );
  });
});

/** The system message a written record carries, read back from its JSON the way a trainer would. */
function systemOf(format: (typeof exportFormatNames)[number], line: string): string | null {
  const json: unknown = JSON.parse(line);
  const at = (value: unknown, ...path: (string | number)[]): unknown =>
    path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined), value);
  const first = (list: unknown, roleKey = "role", contentKey = "content"): string | null =>
    at(list, 0, roleKey) === "system" ? String(at(list, 0, contentKey)) : null;
  switch (format) {
    case "trl-messages":
    case "openai-chat":
    case "llamafactory-sharegpt-sft":
      return first(at(json, "messages"));
    case "trl-preference-implicit": {
      const chosen = first(at(json, "chosen"));
      expect(first(at(json, "rejected"))).toBe(chosen);
      return chosen;
    }
    case "axolotl-prompt-pairs":
      return at(json, "system") === "" ? null : String(at(json, "system"));
    case "openai-preference":
      return first(at(json, "input", "messages"));
    case "llamafactory-ranking":
      return first(at(json, "conversations"), "from", "value");
    default:
      return first(at(json, "prompt"));
  }
}

describe("the system message rule", () => {
  it("every format writes the prompt's own system message, else the set's default, else none", () => {
    fc.assert(
      fc.property(judgedPrompt, (prompt) => {
        const own = prompt.messages[0]?.role === "system" ? prompt.messages[0].content : null;
        const expected = own ?? (prompt.defaultSystemMessage || null);
        for (const format of exportFormatNames) {
          const options: RecordShapeOptions = { groundTruth: "omit" };
          if (recordProblem(format, prompt, options) !== null) continue;
          const record = writeRecord(format, { prompt, completion: "x", chosen: "a", rejected: "b", label: false }, options);
          // Axolotl cannot tell an empty system message from none; Axolotl itself writes no block for "".
          expect(systemOf(format, toJsonlLine(record))).toBe(format === "axolotl-prompt-pairs" && expected === "" ? null : expected);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("split assignment", () => {
  const ratios = fc
    .record({ train: fc.integer({ min: 0, max: 10 }), test: fc.integer({ min: 0, max: 10 }), validation: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }) })
    .filter((r) => r.train + r.test + (r.validation ?? 0) > 0);
  const seed = fc.oneof(fc.integer(), fc.string());

  it("is stable: the same prompt, seed and ratios give the same split, only splits with a share", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), seed, ratios, (key, s, r) => {
        const split = assignSplit(key, s, r);
        expect(assignSplit(key, s, { ...r })).toBe(split);
        const weight = split === "validation" ? (r.validation ?? 0) : r[split];
        expect(weight).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("partitions prompts: every row of a prompt lands in its prompt's one split, and the splits are disjoint", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 60 }), seed, ratios, (promptIds, rows, s, r) => {
        const byPrompt = new Map(promptIds.map((id) => [id, assignSplit(promptSplitKey({ promptId: id, messages: [] }, "prompt-id"), s, r)]));
        const members: Record<SplitName, Set<string>> = { train: new Set(), test: new Set(), validation: new Set() };
        // Rows (pairs) of the same prompt, in any order, each assigned on its own.
        for (const row of rows) {
          const promptId = promptIds[row % promptIds.length]!;
          const split = assignSplit(promptId, s, r);
          expect(split).toBe(byPrompt.get(promptId));
          members[split].add(promptId);
        }
        const all = [...members.train, ...members.test, ...members.validation];
        expect(new Set(all).size).toBe(all.length);
      }),
      { numRuns: 200 },
    );
  });

  it("prompts with the same content share a split when keyed by content", () => {
    fc.assert(
      fc.property(promptMessages, fc.string(), fc.string(), seed, ratios, (messages, idA, idB, s, r) => {
        const keyA = promptSplitKey({ promptId: idA, messages }, "content");
        const keyB = promptSplitKey({ promptId: idB, messages: [{ role: "system", content: "other" }, ...messages.filter((m) => m.role !== "system")] }, "content");
        expect(assignSplit(keyA, s, r)).toBe(assignSplit(keyB, s, r));
      }),
      { numRuns: 100 },
    );
  });
});
