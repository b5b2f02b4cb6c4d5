// npm run batch -- request --set <id or name> --model <name> --out <file> [...]   write a Batch request file
// npm run batch -- request --run <run id> [--endpoint <id or name>] --out <file>      a generation run's unfinished tasks
// npm run batch -- results --set <id or name> --file <results.jsonl> [--skip-invalid]   import its results
// OpenAI Batch API and vLLM run_batch files (README "Batch files").
import { createReadStream, createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { systemActor } from "../server/authz/actor";
import { migrateDatabase } from "../server/runtime/migrate";
import { withLocalDatabase } from "../server/runtime/local-database";

const usage = `Usage: npm run batch -- request --set <id or name> --model <name> --out <file.jsonl> [options]
       npm run batch -- request --run <run id> [--endpoint <id or name>] --out <file.jsonl>
       npm run batch -- results --set <id or name> --file <results.jsonl> [--skip-invalid]
       npm run batch -- results --run <run id> --file <results.jsonl> [--skip-invalid]
request: a Batch request file (JSONL: custom_id, method, url, body) for the OpenAI Batch API or vLLM's
         run_batch (python -m vllm.entrypoints.openai.run_batch -i <file> -o <results> --model <name>)
  --scope <s>          missing (default: prompts with fewer than N candidates) or all
  --n <n>              candidates per prompt (default 1)
  --temperature <t>, --top-p <p>, --max-tokens <n>, --seed <n> (sample i uses seed + i)
  --stop <text>        a stop sequence (repeat, at most 4)
  --system <text>      replaces each prompt's system message (default: the prompt's own, else the set's)
request --run: the tasks of a generation run (cancelled, failed or finished) that still lack a candidate,
         with the run's sampling parameters and the endpoint's model (--endpoint when the run has several)
results: imports the results file the Batch service wrote; each answer becomes a candidate of its prompt
         (of a run's file: the candidate of its task, and the task is done). --run names the run's set.
  --skip-invalid       store the valid lines even when some are invalid (default: an invalid line stores nothing)
Uses DATABASE_URL when set, otherwise the embedded database in .arbiter (ARBITER_DATA_DIR).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    set: { type: "string" },
    run: { type: "string" },
    endpoint: { type: "string" },
    model: { type: "string" },
    out: { type: "string" },
    file: { type: "string" },
    scope: { type: "string" },
    n: { type: "string" },
    temperature: { type: "string" },
    "top-p": { type: "string" },
    "max-tokens": { type: "string" },
    seed: { type: "string" },
    stop: { type: "string", multiple: true },
    system: { type: "string" },
    "skip-invalid": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});

const command = positionals[0];
if (values.help || (command !== "request" && command !== "results")) {
  console.log(usage);
  process.exit(values.help ? 0 : 1);
}
const required = command === "request" ? (values.run ? (["run", "out"] as const) : (["set", "model", "out"] as const)) : values.run ? (["run", "file"] as const) : (["set", "file"] as const);
const missing = required.filter((name) => !values[name]);
if (missing.length > 0) {
  console.error(`Missing ${missing.map((name) => `--${name}`).join(", ")}.\n\n${usage}`);
  process.exit(1);
}
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const actor = systemActor("npm run batch");

try {
  const ok = await withLocalDatabase(async (databaseUrl) => {
    process.env.DATABASE_URL = databaseUrl;
    await migrateDatabase(databaseUrl);
    // Imported after DATABASE_URL is known: the database client reads it once.
    const { getDb } = await import("../server/db/client");
    const { closePgPool } = await import("../server/db/pg-pool");
    const db = getDb();
    try {
      let run: { id: string; promptSet: { id: string; name: string }; endpoints: { endpoint: { id: string; name: string } }[] } | null = null;
      if (values.run) {
        if (!uuidPattern.test(values.run)) throw new Error(`--run ${values.run}: a run id is a UUID (the run's page shows it).`);
        run = await db.generationRun.findUnique({ where: { id: values.run }, select: { id: true, promptSet: { select: { id: true, name: true } }, endpoints: { select: { endpoint: { select: { id: true, name: true } } } } } });
        if (!run) throw new Error(`--run ${values.run}: no generation run has this id.`);
      }
      const set = run
        ? run.promptSet
        : await db.promptSet.findFirst({ where: uuidPattern.test(values.set!) ? { OR: [{ id: values.set! }, { name: values.set! }] } : { name: values.set! }, select: { id: true, name: true } });
      if (!set) throw new Error(`--set ${values.set}: no prompt set has this id or name.`);
      if (command === "request" && run) {
        const endpoint = values.endpoint ? run.endpoints.find(({ endpoint: e }) => e.id === values.endpoint || e.name === values.endpoint)?.endpoint : undefined;
        if (values.endpoint && !endpoint) throw new Error(`--endpoint ${values.endpoint}: not an endpoint of this run (${run.endpoints.map(({ endpoint: e }) => e.name).join(", ")}).`);
        const { createRunBatchFile } = await import("../server/services/batch/create-run-batch-file");
        const file = await createRunBatchFile({ actor, runId: run.id, input: { endpointId: endpoint?.id } });
        await pipeline(Readable.from(file.lines), createWriteStream(values.out!));
        console.log(`Wrote ${file.lineCount} requests for run ${run.id} of "${set.name}" to ${values.out} (model ${file.model}, file tag ${file.tag}).`);
        return true;
      }
      if (command === "request") {
        const { createBatchRequestFile } = await import("../server/services/batch/create-batch-request-file");
        const file = await createBatchRequestFile({
          actor,
          promptSetId: set.id,
          input: {
            model: values.model,
            scope: values.scope,
            samples: values.n,
            temperature: values.temperature,
            top_p: values["top-p"],
            max_tokens: values["max-tokens"],
            seed: values.seed,
            stop: values.stop,
            systemOverride: values.system,
          },
        });
        await pipeline(Readable.from(file.lines), createWriteStream(values.out!));
        console.log(`Wrote ${file.lineCount} requests for "${set.name}" to ${values.out} (model ${file.model}, file tag ${file.tag}).`);
        return true;
      }
      const { importBatchResults } = await import("../server/services/batch/import-batch-results");
      const result = await importBatchResults({ actor, promptSetId: set.id, input: { mode: values["skip-invalid"] ? "skip-invalid" : "all-or-nothing" }, body: createReadStream(values.file!) });
      for (const problem of [...result.errors, ...result.failures].sort((a, b) => a.line - b.line)) console.error(`  ${problem.message}`);
      if (result.invalid > result.errors.length) console.error(`  ... and ${result.invalid - result.errors.length} more invalid lines`);
      console.log(result.summary);
      return result.invalid === 0 || result.mode === "skip-invalid";
    } finally {
      await closePgPool();
      await getDb().$disconnect();
    }
  });
  process.exit(ok ? 0 : 1);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
