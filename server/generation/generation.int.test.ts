import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RetryPolicy } from "@/lib/generation/retry";
import { startFakeOpenAiServer, type FakeOpenAiServer, type FakeServerOptions } from "@/tests/support/fake-openai-server";
import { freePort } from "@/tests/support/test-postgres";
import { makeUser } from "@/tests/support/factories";
import { makeEndpoint, makePromptSetWithPrompts } from "@/tests/support/generation-factories";
import { getDb } from "../db/client";
import { cancelRun } from "../services/generation/cancel-run";
import { getRunProgress } from "../services/generation/get-run-progress";
import { regenerateCandidate } from "../services/generation/regenerate-candidate";
import { resumeRun } from "../services/generation/resume-run";
import { retryFailedTasks } from "../services/generation/retry-failed-tasks";
import { startRun } from "../services/generation/start-run";
import { runWorker } from "./worker";

const fastRetries: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 50, maxRetryAfterMs: 5_000 };
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeServer(options: FakeServerOptions = {}): Promise<FakeOpenAiServer> {
  const server = await startFakeOpenAiServer(options);
  cleanups.push(() => server.close());
  return server;
}

/** An in-process worker, stopped after the test. */
function startWorker(options: { retryPolicy?: RetryPolicy; maxInFlight?: number; leaseMs?: number; log?: (line: string) => void } = {}) {
  const controller = new AbortController();
  const done = runWorker({ signal: controller.signal, pollMs: 50, retryPolicy: fastRetries, ...options });
  cleanups.push(async () => {
    controller.abort();
    await done;
  });
  return { stop: async () => (controller.abort(), await done) };
}

/** A worker process (scripts/worker.ts), as `npm run worker` starts it. */
function spawnWorker(env: Record<string, string> = {}, { stdout = "ignore" }: { stdout?: "ignore" | "pipe" } = {}): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, ARBITER_RETRY_BASE_MS: "20", ARBITER_TASK_LEASE_MS: "3000", ...env },
    stdio: ["ignore", stdout, "inherit"],
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
  });
  return child;
}

async function runStatus(runId: string) {
  return (await getDb().generationRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;
}

async function waitForRun(runId: string, status: string, timeout = 30_000) {
  await vi.waitFor(async () => expect(await runStatus(runId)).toBe(status), { timeout, interval: 50 });
}

/** Candidates per (prompt, endpoint) of a prompt set. */
async function candidateCounts(promptIds: string[]) {
  const rows = await getDb().candidate.groupBy({ by: ["promptId", "endpointId"], where: { promptId: { in: promptIds } }, _count: { _all: true } });
  return rows.map((row) => row._count._all);
}

describe("generation runs", () => {
  it("makes N candidates per prompt per model with their provenance", async () => {
    const admin = await makeUser("ADMIN");
    const server = await fakeServer({ reply: (request) => (request.messages.at(-1)?.content.includes("Question 1 ") ? { kind: "ok", finishReason: "length" } : { kind: "ok" }) });
    const set = await makePromptSetWithPrompts(3);
    await getDb().promptSet.update({ where: { id: set.id }, data: { defaultSystemMessage: "You are Deep Qwen." } });
    const a = await makeEndpoint(server.baseUrl, { apiKey: "sk-generation-key-0001", defaults: { temperature: 0.2, max_tokens: 64 } });
    const b = await makeEndpoint(server.baseUrl);
    const { runId, taskCount } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [a.id, b.id], candidatesPerModel: "2", temperature: "0.9", seed: "7", stop: "###" } });
    expect(taskCount).toBe(12);
    startWorker();
    await waitForRun(runId, "COMPLETED");
    expect(await candidateCounts(set.promptIds)).toEqual(Array(6).fill(2));
    const candidates = await getDb().candidate.findMany({ where: { promptId: { in: set.promptIds }, endpointId: a.id }, include: { generationTask: true } });
    const first = candidates.find((c) => c.generationTask?.sampleIndex === 1)!;
    expect(first).toMatchObject({ source: "GENERATED", model: a.model, seed: 8, params: { temperature: 0.9, max_tokens: 64, stop: ["###"] }, finishReason: expect.stringMatching(/stop|length/) });
    expect(first.latencyMs).toBeGreaterThanOrEqual(0);
    expect(first.promptTokens).toBeGreaterThan(0);
    expect(candidates.filter((c) => c.finishReason === "length")).toHaveLength(2);
    const sent = server.requests.find((r) => r.model === a.model)!;
    expect(sent.messages[0]).toEqual({ role: "system", content: "You are Deep Qwen." });
    expect(sent.authorization).toBe("Bearer sk-generation-key-0001");
    expect(server.requests.filter((r) => r.model === b.model).every((r) => r.authorization === null)).toBe(true);
    const progress = await getRunProgress({ actor: admin, runId });
    expect(progress.figures).toMatchObject({ done: 12, failed: 0, remaining: 0, percent: 100 });
  });

  it("spreads N across models when asked, with the system override in place of the set's", async () => {
    const admin = await makeUser("ADMIN");
    const server = await fakeServer();
    const set = await makePromptSetWithPrompts(2);
    const [a, b] = [await makeEndpoint(server.baseUrl), await makeEndpoint(server.baseUrl)];
    const { runId, taskCount } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [a!.id, b!.id], candidatesPerModel: 3, spreadAcrossModels: true, systemOverride: "Be brief." } });
    expect(taskCount).toBe(6);
    startWorker();
    await waitForRun(runId, "COMPLETED");
    const perPrompt = await getDb().candidate.groupBy({ by: ["promptId"], where: { promptId: { in: set.promptIds } }, _count: { _all: true } });
    expect(perPrompt.map((row) => row._count._all)).toEqual([3, 3]);
    expect(server.requests.every((r) => r.messages[0]?.content === "Be brief.")).toBe(true);
  });

  it("retries transient failures (429 honouring Retry-After, 500, timeout, truncated, malformed) and stores only complete answers", async () => {
    const admin = await makeUser("ADMIN");
    const failures = { "Question 0 ": "429", "Question 1 ": "500", "Question 2 ": "truncated", "Question 3 ": "malformed", "Question 4 ": "hang" } as const;
    const seen = new Map<string, number>();
    const times: Record<string, number[]> = {};
    const server = await fakeServer({
      reply: (request) => {
        const text = request.messages.at(-1)!.content;
        const key = Object.keys(failures).find((prefix) => text.startsWith(prefix)) as keyof typeof failures | undefined;
        if (!key) return { kind: "ok" };
        const count = (seen.get(key) ?? 0) + 1;
        seen.set(key, count);
        (times[key] ??= []).push(Date.now());
        if (count > 1) return { kind: "ok" };
        const mode = failures[key];
        return mode === "429" ? { kind: "status", status: 429, retryAfter: "1" } : mode === "500" ? { kind: "status", status: 500 } : { kind: mode };
      },
    });
    const set = await makePromptSetWithPrompts(6);
    const endpoint = await makeEndpoint(server.baseUrl, { timeoutMs: 1_000 });
    const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
    startWorker();
    await waitForRun(runId, "COMPLETED");
    expect([...seen.values()]).toEqual([2, 2, 2, 2, 2]);
    const retryWait = times["Question 0 "]![1]! - times["Question 0 "]![0]!;
    expect(retryWait).toBeGreaterThanOrEqual(950);
    const candidates = await getDb().candidate.findMany({ where: { promptId: { in: set.promptIds } } });
    expect(candidates).toHaveLength(6);
    expect(candidates.every((c) => c.content.startsWith("Answer ") && c.finishReason === "stop")).toBe(true);
  });

  it("does not retry other 4xx, gives up after the attempt limit, reports reasons, and retries failed on request", async () => {
    const admin = await makeUser("ADMIN");
    let healthy = false;
    const server = await fakeServer({
      reply: (request) => {
        if (healthy) return { kind: "ok" };
        return request.messages.at(-1)!.content.startsWith("Question 0 ") ? { kind: "status", status: 400, message: "max_tokens is too large" } : { kind: "status", status: 503, message: "overloaded" };
      },
    });
    const set = await makePromptSetWithPrompts(2);
    const endpoint = await makeEndpoint(server.baseUrl);
    const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
    startWorker();
    await waitForRun(runId, "COMPLETED");
    const count = (prefix: string) => server.requests.filter((r) => r.messages.at(-1)!.content.startsWith(prefix)).length;
    expect(count("Question 0 ")).toBe(1);
    expect(count("Question 1 ")).toBe(fastRetries.maxAttempts);
    const progress = await getRunProgress({ actor: admin, runId });
    expect(progress.figures).toMatchObject({ done: 0, failed: 2, remaining: 0 });
    expect(progress.failures.map((f) => f.reason).sort()).toEqual([
      "HTTP 400 from the server: max_tokens is too large",
      `HTTP 503 from the server: overloaded (gave up after ${fastRetries.maxAttempts} attempts)`,
    ]);
    expect(await getDb().candidate.count({ where: { promptId: { in: set.promptIds } } })).toBe(0);
    healthy = true;
    expect(await retryFailedTasks({ actor: admin, runId })).toEqual({ affected: 2 });
    await waitForRun(runId, "COMPLETED");
    expect(await candidateCounts(set.promptIds)).toEqual([1, 1]);
  });

  it("cancels (no new requests, in-flight answers kept) and resumes to exactly N", async () => {
    const admin = await makeUser("ADMIN");
    const server = await fakeServer({ latencyMs: 100 });
    const set = await makePromptSetWithPrompts(20);
    const endpoint = await makeEndpoint(server.baseUrl, { maxConcurrency: 2 });
    const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 2 } });
    const worker = startWorker();
    await vi.waitFor(async () => expect(await getDb().candidate.count({ where: { promptId: { in: set.promptIds } } })).toBeGreaterThanOrEqual(4), { timeout: 10_000, interval: 20 });
    await cancelRun({ actor: admin, runId });
    const requestsAtCancel = server.requests.length;
    await vi.waitFor(() => expect(server.inFlight).toBe(0), { timeout: 5_000, interval: 20 });
    // Wait a few poll intervals: a cancelled run's tasks are never claimed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.requests.length).toBeLessThanOrEqual(requestsAtCancel + 2);
    expect(await runStatus(runId)).toBe("CANCELLED");
    const progress = await getRunProgress({ actor: admin, runId });
    expect(progress.counts.cancelled).toBeGreaterThan(0);
    await expect(cancelRun({ actor: admin, runId })).rejects.toMatchObject({ code: "CONFLICT" });
    await resumeRun({ actor: admin, runId });
    await waitForRun(runId, "COMPLETED");
    expect(await candidateCounts(set.promptIds)).toEqual(Array(20).fill(2));
    await worker.stop();
  });

  it("regenerates one candidate: the prompt keeps N, with a new answer", async () => {
    const admin = await makeUser("ADMIN");
    const server = await fakeServer();
    const set = await makePromptSetWithPrompts(1);
    const endpoint = await makeEndpoint(server.baseUrl);
    const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 2 } });
    startWorker();
    await waitForRun(runId, "COMPLETED");
    const [old] = await getDb().candidate.findMany({ where: { promptId: set.promptIds[0] }, orderBy: { createdAt: "asc" } });
    await regenerateCandidate({ actor: admin, candidateId: old!.id });
    await vi.waitFor(async () => {
      const now = await getDb().candidate.findMany({ where: { promptId: set.promptIds[0] } });
      expect(now).toHaveLength(2);
      expect(now.map((c) => c.id)).not.toContain(old!.id);
    }, { timeout: 10_000, interval: 50 });
    await waitForRun(runId, "COMPLETED");
    expect(server.requests).toHaveLength(3);
    const annotator = await makeUser("ANNOTATOR");
    await expect(regenerateCandidate({ actor: annotator, candidateId: old!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("never exceeds an endpoint's concurrency across two worker processes", async () => {
    const admin = await makeUser("ADMIN");
    const server = await fakeServer({ latencyMs: 150 });
    const set = await makePromptSetWithPrompts(30);
    const endpoint = await makeEndpoint(server.baseUrl, { maxConcurrency: 3 });
    const other = await makeEndpoint(server.baseUrl, { maxConcurrency: 2 });
    spawnWorker();
    spawnWorker();
    const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [endpoint.id, other.id], candidatesPerModel: 1 } });
    await waitForRun(runId, "COMPLETED", 45_000);
    expect(server.maxInFlightByModel.get(endpoint.model)).toBe(3);
    expect(server.maxInFlightByModel.get(other.model)).toBe(2);
    expect(await candidateCounts(set.promptIds)).toEqual(Array(60).fill(1));
  });

  it("resumes after a worker is killed mid-run: every prompt ends with exactly N per model", async () => {
    const admin = await makeUser("ADMIN");
    const server = await fakeServer({ latencyMs: 80 });
    const set = await makePromptSetWithPrompts(15);
    const endpoint = await makeEndpoint(server.baseUrl, { maxConcurrency: 4, timeoutMs: 1_000 });
    const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 3 } });
    const doomed = spawnWorker();
    await vi.waitFor(async () => expect(await getDb().candidate.count({ where: { promptId: { in: set.promptIds } } })).toBeGreaterThanOrEqual(10), { timeout: 20_000, interval: 20 });
    await vi.waitFor(() => expect(server.inFlight).toBeGreaterThan(0), { timeout: 5_000, interval: 5 });
    const killed = new Promise((resolve) => doomed.once("exit", resolve));
    doomed.kill("SIGKILL");
    await killed;
    const stored = await getDb().candidate.count({ where: { promptId: { in: set.promptIds } } });
    expect(stored).toBeLessThan(45);
    spawnWorker();
    await waitForRun(runId, "COMPLETED", 45_000);
    expect(await candidateCounts(set.promptIds)).toEqual(Array(15).fill(3));
    expect(await getDb().generationTask.count({ where: { runId } })).toBe(45);
  });

  it("returns a SIGKILLed worker's tasks within seconds (heartbeat leases), not after the endpoint's 120 s timeout", async () => {
    const admin = await makeUser("ADMIN");
    let hang = true;
    const server = await fakeServer({ reply: () => (hang ? { kind: "hang" } : { kind: "ok" }) });
    const set = await makePromptSetWithPrompts(3);
    const endpoint = await makeEndpoint(server.baseUrl, { maxConcurrency: 3, timeoutMs: 120_000 });
    const doomed = spawnWorker({ ARBITER_TASK_LEASE_MS: "3000" });
    const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
    await vi.waitFor(() => expect(server.inFlight).toBe(3), { timeout: 20_000, interval: 20 });
    hang = false;
    const killed = new Promise((resolve) => doomed.once("exit", resolve));
    doomed.kill("SIGKILL");
    await killed;
    const killedAt = Date.now();
    startWorker({ leaseMs: 3_000 });
    await waitForRun(runId, "COMPLETED", 20_000);
    const recoveryMs = Date.now() - killedAt;
    // One lease (3 s) plus a poll and some slack for a loaded machine; the old lease (timeout + margin) was 125 s.
    expect(recoveryMs).toBeLessThan(8_000);
    const tasks = await getDb().generationTask.findMany({ where: { runId }, select: { attempts: true, status: true } });
    expect(tasks.map((task) => task.status)).toEqual(Array(3).fill("SUCCEEDED"));
    // Each task was claimed again after the kill (a starved worker may also have given one up and retaken it before).
    for (const task of tasks) expect(task.attempts).toBeGreaterThanOrEqual(2);
    expect(await candidateCounts(set.promptIds)).toEqual([1, 1, 1]);
    expect(server.maxInFlightByModel.get(endpoint.model)).toBe(3);
  });

  it("abandons a request at once when another worker has taken its task over, so a task never runs twice at once", async () => {
    const admin = await makeUser("ADMIN");
    const server = await fakeServer({ reply: () => ({ kind: "hang" }) });
    const set = await makePromptSetWithPrompts(1);
    const endpoint = await makeEndpoint(server.baseUrl, { maxConcurrency: 1, timeoutMs: 120_000 });
    const lines: string[] = [];
    startWorker({ leaseMs: 1_500, log: (line) => lines.push(line) });
    const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
    await vi.waitFor(() => expect(server.inFlight).toBe(1), { timeout: 10_000, interval: 20 });
    const task = await getDb().generationTask.findFirstOrThrow({ where: { runId } });
    expect(task).toMatchObject({ status: "RUNNING", attempts: 1 });
    // What another worker's claim does once it finds the lease expired (this worker stalled): the next attempt, its own lease.
    await getDb().generationTask.update({ where: { id: task.id }, data: { attempts: 2, lockedUntil: new Date(Date.now() + 60_000) } });
    const takenAt = Date.now();
    await vi.waitFor(() => expect(server.inFlight).toBe(0), { timeout: 5_000, interval: 10 });
    // Within one renewal (a third of the lease) and a tick, far from the 120 s request timeout.
    expect(Date.now() - takenAt).toBeLessThan(1_500);
    expect(lines.join("\n")).toContain(`Task ${task.id}: Request abandoned: task ${task.id} was taken over by another worker`);
    // Nothing written over the new holder's attempt.
    expect(await getDb().generationTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "RUNNING", attempts: 2, lastError: null });
    expect(server.requests).toHaveLength(1);
  });

  it("logs the cause, on one line and once, while the database is unreachable", async () => {
    const port = await freePort();
    const worker = spawnWorker({ DATABASE_URL: `postgresql://arbiter:x@127.0.0.1:${port}/arbiter`, ARBITER_ENCRYPTION_KEY: "a".repeat(43) + "=" }, { stdout: "pipe" });
    let raw = "";
    worker.stdout!.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    // The worker logs JSON lines (pino): their messages, one per line.
    const messages = () =>
      raw
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { level: string; msg: string })
        .filter((line) => line.level === "warn")
        .map((line) => line.msg);
    await vi.waitFor(() => expect(messages().join("\n")).toContain("Could not claim tasks"), { timeout: 20_000, interval: 50 });
    // A few more polls (every 500 ms) go by: they must not repeat the line.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const output = messages().join("\n");
    const lines = messages().filter((line) => line.startsWith("Generation worker: "));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Generation worker: Could not claim tasks \\(retrying every 500 ms\\): \\S.*127\\.0\\.0\\.1:${port}`));
    // The claim goes through node-postgres (task-queue.ts): its code names the cause.
    expect(lines[0]).toContain("ECONNREFUSED");
    expect(output).toMatch(new RegExp(`^Export worker: Could not read the export queue \\(retrying every 1000 ms\\): \\S.*(ECONNREFUSED|127\\.0\\.0\\.1:${port})`, "m"));
  });
});
