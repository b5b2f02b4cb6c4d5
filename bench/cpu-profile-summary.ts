// Where the CPU time of a V8 CPU profile (node --cpu-prof) goes: self time by area (our code, Prisma,
// node-postgres, next-auth/jose, Next.js, React, Node internals, GC, idle) and the top frames by self time.
//   npm run bench:profile -- FILE.cpuprofile [TOP]
// Self time of a frame = the sampling intervals in which it was on top of the stack.
import { readFile } from "node:fs/promises";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

// First match wins; the bundled app keeps package paths in its chunk names and source URLs.
const areas: [string, RegExp][] = [
  ["(idle)", /^\(idle\)$/],
  ["(garbage collector)", /^\(garbage collector\)$/],
  ["(program: V8, native)", /^\(program\)$/],
  // Prisma 6's Rust-free client compiles each query in WebAssembly (query_compiler_bg.wasm).
  ["Prisma client / query compiler (incl. its WebAssembly)", /prisma|query_compiler|query-compiler|adapter-pg|^wasm:/i],
  ["node-postgres (pg)", /node_modules[/_]pg[/_-]|[/_]pg-protocol|[/_]pg-pool|pg-types|postgres-/],
  ["session: next-auth / jose", /next-auth|jose|openid|oauth/],
  ["logging: pino", /pino|sonic-boom|thread-stream/],
  ["metrics: prom-client", /prom-client/],
  ["zod", /zod/],
  ["React (server rendering)", /react-dom|react-server|[/_]react[/_.]/],
  ["Next.js", /next[/_]dist|next-server|\.next[/\\]server[/\\](chunks|app)[/\\].*(next|turbopack)|turbopack-runtime/],
  ["our code (app/, server/, lib/)", /\/(app|server|lib|scripts)\/|\[project\]/],
  ["other packages", /node_modules/],
  ["Node internals (http, streams, timers)", /^node:|^internal\//],
];

// Native frames without a URL, by name: socket writes show up here (and, on a loaded machine, time the
// thread spent descheduled inside the system call).
const nativeAreas: [string, RegExp][] = [["socket / stream writes (native writev, writeBuffer)", /^(writev|writeBuffer|writeUtf8String|writeLatin1String)$/]];

function areaOf(frame: CallFrame): string {
  if (!frame.url) for (const [name, pattern] of nativeAreas) if (pattern.test(frame.functionName)) return name;
  const key = frame.url || frame.functionName;
  for (const [name, pattern] of areas) if (pattern.test(key)) return name;
  return frame.url ? "bundled app chunks (unattributed)" : "native / V8 builtins";
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("Usage: npm run bench:profile -- FILE.cpuprofile [TOP]");
  process.exit(2);
}
const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

const area = new Map<string, number>();
const frames = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)!.callFrame;
  area.set(areaOf(frame), (area.get(areaOf(frame)) ?? 0) + us);
  const where = frame.url ? frame.url.replace(/^.*\/(node_modules|\.next[^/]*)\//, "$1/").replace(/^file:\/\/.*?\/h-[^/]+\//, "") : "";
  const key = `${frame.functionName || "(anonymous)"}  ${where}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
  frames.set(key, (frames.get(key) ?? 0) + us);
}
const idle = area.get("(idle)") ?? 0;
const busy = totalUs - idle;
const pct = (us: number, of: number) => `${((100 * us) / of).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${pct(busy, totalUs).trim()} of the wall)`);
console.log("\nSelf time by area (share of busy time):");
for (const [name, us] of [...area].filter(([name]) => name !== "(idle)").sort((a, b) => b[1] - a[1])) {
  console.log(`  ${pct(us, busy)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
}
console.log(`\nTop ${Number(topArg ?? 25)} frames by self time (share of busy time):`);
for (const [key, us] of [...frames].filter(([key]) => !key.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25))) {
  console.log(`  ${pct(us, busy)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
}
