export type DedupeStats = {
  kept: number;
  duplicatesInFile: number;
  duplicatesOfExisting: number;
};

export type DedupeVerdict =
  | { isDuplicate: false }
  | { isDuplicate: true; of: "existing" }
  | { isDuplicate: true; of: "file"; firstLine: number };

type Hashed = { contentHash: string; line: number };

/**
 * Decides record by record whether a prompt is new, so it works inside a streaming import. It keeps
 * one entry per distinct prompt in the file (about 100 bytes each: some 100 MB at a million prompts).
 */
export class Deduper {
  private readonly existing: ReadonlySet<string>;
  private readonly firstLineByHash = new Map<string, number>();
  private readonly counts: DedupeStats = { kept: 0, duplicatesInFile: 0, duplicatesOfExisting: 0 };

  constructor(existingHashes: ReadonlySet<string> = new Set()) {
    this.existing = existingHashes;
  }

  check(record: Hashed): DedupeVerdict {
    if (this.existing.has(record.contentHash)) {
      this.counts.duplicatesOfExisting += 1;
      return { isDuplicate: true, of: "existing" };
    }
    const firstLine = this.firstLineByHash.get(record.contentHash);
    if (firstLine !== undefined) {
      this.counts.duplicatesInFile += 1;
      return { isDuplicate: true, of: "file", firstLine };
    }
    this.firstLineByHash.set(record.contentHash, record.line);
    this.counts.kept += 1;
    return { isDuplicate: false };
  }

  get stats(): DedupeStats {
    return { ...this.counts };
  }
}

/** Keeps the first record of each conversation that is not already in `existingHashes`. */
export function dedupe<T extends Hashed>(records: Iterable<T>, existingHashes: ReadonlySet<string> = new Set()): { records: T[]; stats: DedupeStats } {
  const deduper = new Deduper(existingHashes);
  const kept: T[] = [];
  for (const record of records) {
    if (!deduper.check(record).isDuplicate) kept.push(record);
  }
  return { records: kept, stats: deduper.stats };
}

/** The streaming form: yields the records to keep; read `deduper.stats` when the stream is done. */
export async function* dedupeStream<T extends Hashed>(records: AsyncIterable<T> | Iterable<T>, deduper: Deduper): AsyncGenerator<T, void, undefined> {
  for await (const record of records) {
    if (!deduper.check(record).isDuplicate) yield record;
  }
}
