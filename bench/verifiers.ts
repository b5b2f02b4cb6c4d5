// Maths verifier throughput: the full check (find the final answer, parse both sides with the Compute
// Engine, compare by value) beside a plain string-equality baseline on the same responses (the same
// answer extraction, then `===` on the trimmed text), in the same run. Also prints how many verdicts
// the two disagree on, which is what the slower check buys.
// Run: npm run bench:verifiers  (N=20000 npm run bench:verifiers for another size)
import { checkSchema } from "../lib/verifiers/config";
import { extractAnswer } from "../lib/verifiers/math-answer";
import { runCheck } from "../lib/verifiers/run-checks";

const n = Number(process.env.N ?? 5_000);

// The same value written the ways models write it, and some wrong answers.
function sample(i: number): { response: string; reference: string } {
  const a = (i % 97) + 2;
  const b = (i % 13) + 2;
  const forms = [
    { response: `We compute ${a} * ${b}. The answer is ${a * b}.`, reference: String(a * b) },
    { response: `So the result is \\boxed{\\frac{${a}}{${b}}}.`, reference: String(a / b) },
    { response: `Half of it: \\boxed{${(a * 50) / b}\\%}`, reference: `\\frac{${a}}{${2 * b}}` },
    { response: `Step 1 ...\n#### ${(a * 1000).toLocaleString("en-US")}`, reference: String(a * 1000) },
    { response: `Thus \\boxed{${a}\\sqrt{${b * b}}}`, reference: String(a * b) },
    { response: `I think it is ${a + 1}.`, reference: String(a) },
    { response: `\\boxed{(${a}, ${b})}`, reference: `(${a},${b})` },
    { response: `The answer is $${a}.0$.`, reference: String(a) },
  ];
  return forms[i % forms.length]!;
}

function main() {
  const samples = Array.from({ length: n }, (_, i) => sample(i));
  const math = checkSchema.parse({ type: "math" });
  // Warm both paths (JIT, the engine's first parse).
  for (const s of samples.slice(0, 200)) {
    runCheck(math, s.response, s.reference);
    extractAnswer(s.response);
  }

  let t0 = performance.now();
  const plain: boolean[] = [];
  for (const s of samples) plain.push((extractAnswer(s.response)?.answer.trim() ?? "") === s.reference.trim());
  const plainMs = performance.now() - t0;

  t0 = performance.now();
  const byValue: (boolean | null)[] = [];
  for (const s of samples) byValue.push(runCheck(math, s.response, s.reference).passed);
  const mathMs = performance.now() - t0;

  const rate = (ms: number) => Math.round((n / ms) * 1000);
  const disagree = byValue.filter((verdict, i) => verdict !== plain[i]).length;
  const undecided = byValue.filter((verdict) => verdict === null).length;
  console.log(`maths verifier bench: ${n.toLocaleString("en")} responses, 8 answer forms (integers, \\frac, %, ####, \\sqrt, tuples, wrong answers)`);
  console.log("| check | time | checks/s | passed |");
  console.log("|---|---|---|---|");
  console.log(`| string equality after extraction (baseline) | ${plainMs.toFixed(0)} ms | ${rate(plainMs).toLocaleString("en")} | ${plain.filter(Boolean).length} |`);
  console.log(`| maths verifier (Compute Engine, by value) | ${mathMs.toFixed(0)} ms | ${rate(mathMs).toLocaleString("en")} | ${byValue.filter((v) => v === true).length} |`);
  console.log(`The maths verifier runs at ${(rate(mathMs) / rate(plainMs)).toFixed(4)}x the baseline's rate (${(mathMs / n).toFixed(3)} ms per check); the two disagree on ${disagree} of ${n} verdicts (${undecided} undecided).`);
}

main();
