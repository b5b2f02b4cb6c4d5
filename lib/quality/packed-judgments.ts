/**
 * A prompt set's human judgments in columns (typed arrays, no object per judgment), the shape the set
 * statistics are computed from. 100,000 judgments as objects with candidate arrays cost more to build,
 * parse and walk than the statistics themselves (bench:quality); as columns they are a few arrays.
 *
 * Prompts, annotators and candidates are small integers into `promptIds`, `annotatorIds` and
 * `candidateIds`. Candidate indexes follow the candidates' id order (a < b exactly when id a < id b as
 * strings), so a pair can be oriented by id without the ids. Judgment i shows the candidates
 * `candidate[start[i]] .. candidate[start[i + 1] - 1]` in the order shown (first = left / top).
 */
export type PackedJudgments = {
  count: number;
  prompt: Int32Array;
  annotator: Int32Array;
  /** 0 preference, 1 tie, 2 all bad. */
  outcome: Uint8Array;
  timeSpentMs: Float64Array;
  /** Epoch seconds (the statistics need the day and the order within an item, nothing finer). */
  createdAt: Float64Array;
  start: Int32Array;
  candidate: Int32Array;
  /** 0 = no rank (all bad). */
  rank: Int32Array;
  /** Length in characters, per candidate index. */
  candidateLength: Int32Array;
  promptIds: readonly string[];
  annotatorIds: readonly string[];
  candidateIds: readonly string[];
};

export const OUTCOME_CODE = { PREFERENCE: 0, TIE: 1, ALL_BAD: 2 } as const;

/** Zero-filled columns for `count` judgments with `entries` (judgment, candidate) rows in all; the caller fills them. */
export function allocatePacked(
  count: number,
  entries: number,
  ids: Pick<PackedJudgments, "candidateLength" | "promptIds" | "annotatorIds" | "candidateIds">,
): PackedJudgments {
  return {
    count,
    prompt: new Int32Array(count),
    annotator: new Int32Array(count),
    outcome: new Uint8Array(count),
    timeSpentMs: new Float64Array(count),
    createdAt: new Float64Array(count),
    start: new Int32Array(count + 1),
    candidate: new Int32Array(entries),
    rank: new Int32Array(entries),
    ...ids,
  };
}

export type PackableJudgment = {
  promptId: string;
  annotatorId: string | null;
  source: string;
  outcome: keyof typeof OUTCOME_CODE;
  timeSpentMs: number;
  createdAt: Date;
  candidates: readonly { candidateId: string; position: number; rank: number | null; length: number }[];
};

/** Packs judgments given as objects (tests, small callers); only people's judgments (HUMAN, with an annotator) are kept. */
export function packJudgments(judgments: readonly PackableJudgment[]): PackedJudgments {
  const human = judgments.filter((judgment) => judgment.source === "HUMAN" && judgment.annotatorId);
  const promptIds = [...new Set(human.map((judgment) => judgment.promptId))];
  const annotatorIds = [...new Set(human.map((judgment) => judgment.annotatorId!))];
  const lengths = new Map<string, number>();
  for (const judgment of human) for (const candidate of judgment.candidates) lengths.set(candidate.candidateId, candidate.length);
  const candidateIds = [...lengths.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const promptIndex = new Map(promptIds.map((id, i) => [id, i]));
  const annotatorIndex = new Map(annotatorIds.map((id, i) => [id, i]));
  const candidateIndex = new Map(candidateIds.map((id, i) => [id, i]));
  const count = human.length;
  const entries = human.reduce((sum, judgment) => sum + judgment.candidates.length, 0);
  const packed = allocatePacked(count, entries, { candidateLength: Int32Array.from(candidateIds, (id) => lengths.get(id)!), promptIds, annotatorIds, candidateIds });
  let at = 0;
  human.forEach((judgment, i) => {
    packed.prompt[i] = promptIndex.get(judgment.promptId)!;
    packed.annotator[i] = annotatorIndex.get(judgment.annotatorId!)!;
    packed.outcome[i] = OUTCOME_CODE[judgment.outcome];
    packed.timeSpentMs[i] = judgment.timeSpentMs;
    packed.createdAt[i] = Math.floor(judgment.createdAt.getTime() / 1000);
    packed.start[i] = at;
    for (const candidate of [...judgment.candidates].sort((a, b) => a.position - b.position)) {
      packed.candidate[at] = candidateIndex.get(candidate.candidateId)!;
      packed.rank[at] = candidate.rank ?? 0;
      at += 1;
    }
  });
  packed.start[count] = at;
  return packed;
}

/**
 * Parses Postgres's text form of a one-dimensional integer array (`{1,2,NULL,-3}`) into a typed array,
 * NULL as `nullAs`. node-postgres's own parser makes a string and a number per element; this walks the
 * characters once.
 */
export function parsePgIntArray<T extends Int32Array | Float64Array>(text: string, make: (length: number) => T, nullAs = 0): T {
  if (text.length < 2 || text.charCodeAt(0) !== 123 || text.charCodeAt(text.length - 1) !== 125) throw new Error(`Not a Postgres array: ${text.slice(0, 40)}`);
  if (text.length === 2) return make(0);
  let count = 1;
  for (let i = 1; i < text.length - 1; i++) if (text.charCodeAt(i) === 44) count += 1;
  const out = make(count);
  let index = 0;
  let value = 0;
  let negative = false;
  let isNull = false;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) value = value * 10 + (code - 48);
    else if (code === 44 || code === 125) {
      out[index++] = isNull ? nullAs : negative ? -value : value;
      value = 0;
      negative = false;
      isNull = false;
    } else if (code === 45) negative = true;
    else if (code === 78) {
      // NULL
      isNull = true;
      i += 3;
    } else throw new Error(`Unexpected character ${JSON.stringify(text[i])} in a Postgres integer array.`);
  }
  return out;
}
