// npm run export -- --set <id or name> --format <name> --out <dir> ...   Build a dataset export from the shell.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { exportFormatNames } from "../lib/export/types";
import { judgmentFlags } from "../lib/vocabulary";
import { systemActor } from "../server/authz/actor";
import { migrateDatabase } from "../server/runtime/migrate";
import { withLocalDatabase } from "../server/runtime/local-database";

const usage = `Usage: npm run export -- --set <id or name> --format <format> --out <dir> [options]
       npm run export -- --cancel <export id>     cancel a queued or running export (any instance's)
  --set <id|name>            prompt set (repeat for several)
  --format <name>            ${exportFormatNames.join(", ")}
  --out <dir>                where to write the files (created; existing files are overwritten)
  --name <text>              export name (default: format and time)
  --policy <kind>            best-vs-worst (default), all-pairs, adjacent
  --min-rank-margin <n>      minimum rank gap of a pair (default 1)
  --min-agreement <0..1>     share of judgments that must agree on a pair (default 0.5)
  --min-judgments <n>        judgments needed per pair (default 1)
  --margin                   write the agreed share as "margin" (trl-preference, trl-preference-implicit)
  --sft-source <s>           winner (default), rewrites, both
  --ground-truth             prompt-only: write the reference answer (prompts without one are skipped)
  --reference-column <name>  prompt-only: ground_truth (default) or solution (what TRL's accuracy_reward reads)
  --system <mode>            prompts without a system message: set-default (default: the set's default),
                             keep (write none), text (--system-text), empty (an explicit "" system message)
  --system-text <text>       the system message for --system text
  --seed <text>              split seed (default "arbiter")
  --test <ratio>             test share (default 0.1); --validation <ratio> (default 0)
  --split-by <k>             content (default) or prompt-id
  --from <ISO time>          judgments created at or after; --to <ISO time> before
  --annotator <email|id>     only these annotators' judgments (repeat)
  --exclude-flag <FLAG>      leave out judgments flagged ${judgmentFlags.join(", ")} (repeat)
  --model <name>             only candidates of these models (repeat); --source <SOURCE> only these sources (repeat)
  --exclude-imported         leave out preference labels imported with files (judgment source IMPORTED)
  --include-gold             put gold prompts (annotator checks) in the dataset; left out by default
Uses DATABASE_URL when set, otherwise the embedded database in .arbiter (ARBITER_DATA_DIR).`;

const { values } = parseArgs({
  options: {
    set: { type: "string", multiple: true },
    format: { type: "string" },
    out: { type: "string" },
    name: { type: "string" },
    policy: { type: "string" },
    "min-rank-margin": { type: "string" },
    "min-agreement": { type: "string" },
    "min-judgments": { type: "string" },
    margin: { type: "boolean" },
    "sft-source": { type: "string" },
    "ground-truth": { type: "boolean" },
    seed: { type: "string" },
    test: { type: "string" },
    validation: { type: "string" },
    "split-by": { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    annotator: { type: "string", multiple: true },
    "exclude-flag": { type: "string", multiple: true },
    model: { type: "string", multiple: true },
    source: { type: "string", multiple: true },
    "exclude-imported": { type: "boolean" },
    "include-gold": { type: "boolean" },
    "reference-column": { type: "string" },
    system: { type: "string" },
    "system-text": { type: "string" },
    cancel: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (values.cancel) {
  try {
    await withLocalDatabase(async (databaseUrl) => {
      process.env.DATABASE_URL = databaseUrl;
      await migrateDatabase(databaseUrl);
      const { getDb } = await import("../server/db/client");
      const { cancelExport } = await import("../server/services/exports/cancel-export");
      try {
        const cancelled = await cancelExport({ actor: systemActor("npm run export"), exportId: values.cancel! });
        console.log(
          cancelled.status === "CANCELLED"
            ? `Export ${cancelled.id} cancelled.`
            : `Export ${cancelled.id} is running: its builder stops after the current page and removes its files.`,
        );
      } finally {
        await getDb().$disconnect();
      }
    });
    process.exit(0);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

const missing = (["set", "format", "out"] as const).filter((name) => !values[name]);
if (missing.length > 0) {
  console.error(`Missing ${missing.map((name) => `--${name}`).join(", ")}.\n\n${usage}`);
  process.exit(1);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

try {
  await withLocalDatabase(async (databaseUrl) => {
    process.env.DATABASE_URL = databaseUrl;
    await migrateDatabase(databaseUrl);
    // Imported after DATABASE_URL is known: the database client reads it once.
    const { getDb } = await import("../server/db/client");
    const { createExport } = await import("../server/services/exports/create-export");
    const { claimExport, runExport } = await import("../server/export/run-exports");
    const { readExportFile } = await import("../server/export/file-store");
    const { closePgPool } = await import("../server/db/pg-pool");
    const db = getDb();
    try {
      const promptSetIds: string[] = [];
      for (const set of values.set ?? []) {
        const found = await db.promptSet.findFirst({ where: uuidPattern.test(set) ? { OR: [{ id: set }, { name: set }] } : { name: set }, select: { id: true } });
        if (!found) throw new Error(`--set ${set}: no prompt set has this id or name.`);
        promptSetIds.push(found.id);
      }
      const annotatorIds: string[] = [];
      for (const annotator of values.annotator ?? []) {
        const found = await db.user.findFirst({ where: uuidPattern.test(annotator) ? { id: annotator } : { email: annotator.trim().toLowerCase() }, select: { id: true } });
        if (!found) throw new Error(`--annotator ${annotator}: no user has this email or id.`);
        annotatorIds.push(found.id);
      }
      const test = num(values.test) ?? 0.1;
      const validation = num(values.validation) ?? 0;
      const queued = await createExport({
        actor: systemActor("npm run export"),
        input: {
          name: values.name,
          format: values.format,
          policy: {
            kind: values.policy,
            minRankMargin: num(values["min-rank-margin"]),
            minAgreement: num(values["min-agreement"]),
            minJudgments: num(values["min-judgments"]),
            marginFromAgreement: values.margin ?? false,
            sftSource: values["sft-source"],
            groundTruth: values["ground-truth"] ? "require" : "omit",
          },
          filters: {
            promptSetIds,
            from: values.from,
            to: values.to,
            annotatorIds,
            excludeFlags: values["exclude-flag"] ?? [],
            models: values.model ?? [],
            sources: values.source ?? [],
            importedJudgments: values["exclude-imported"] ? "exclude" : "include",
            includeGold: values["include-gold"] === true,
          },
          split: { seed: values.seed, train: Math.max(0, 1 - test - validation), test, validation, by: values["split-by"] },
          records: { systemMessage: { mode: values.system, text: values["system-text"] }, referenceColumn: values["reference-column"] },
        },
      });
      // Built here, inline; unless a running worker claimed it first: then wait for that worker.
      if (await claimExport(queued.id)) {
        process.stderr.write(`Building export ${queued.id} (${queued.name})...\n`);
        await runExport(queued.id);
      } else {
        process.stderr.write(`Export ${queued.id} (${queued.name}) is being built by a running worker; waiting for it...\n`);
        while (["QUEUED", "RUNNING"].includes((await db.export.findUniqueOrThrow({ where: { id: queued.id }, select: { status: true } })).status)) {
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      const done = await db.export.findUniqueOrThrow({ where: { id: queued.id }, include: { files: { select: { path: true, sha256: true, rows: true, bytes: true }, orderBy: { path: "asc" } } } });
      if (done.status === "CANCELLED") throw new Error(`Export ${done.id} was cancelled; its partial files were removed.`);
      if (done.status !== "SUCCEEDED") throw new Error(`The export failed: ${done.error ?? "unknown error"}`);
      const out = path.resolve(values.out!);
      for (const file of done.files) {
        const target = path.join(out, file.path);
        await mkdir(path.dirname(target), { recursive: true });
        await pipeline(readExportFile(done.id, file.path), createWriteStream(target));
        console.log(`${file.sha256}  ${path.relative(process.cwd(), target)}${file.rows === null ? "" : `  (${file.rows} rows)`}`);
      }
      const manifest = done.manifest as { dropped: Record<string, number>; skipped: Record<string, number> };
      const drops = Object.entries({ ...manifest.dropped, ...manifest.skipped }).filter(([, count]) => count > 0);
      console.log(`Export ${done.id}: ${done.files.length} files in ${out}.${drops.length ? ` Dropped: ${drops.map(([reason, count]) => `${reason} ${count}`).join(", ")}.` : ""}`);
    } finally {
      await db.$disconnect();
      await closePgPool();
    }
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
