// `npm run build`: the one build every app instance serves (`npm run serve`) and every worker runs beside
// (`npm run worker`). Copy the repository folder with its build folder (ARBITER_DIST_DIR, `.next`) to
// each machine, or build once per machine from the same commit with the same ARBITER_DEPLOYMENT_ID.
// Skips the build when one of the same sources and deployment id is already there.
import { readFile } from "node:fs/promises";
import { buildIfChanged, deploymentIdFile } from "./lib/build-hash";
import { formatDuration, step } from "./lib/console";
import { describeError } from "../lib/describe-error";

const started = Date.now();
try {
  const built = await buildIfChanged();
  const id = (await readFile(deploymentIdFile(), "utf8")).trim();
  step(`${built ? `Built in ${formatDuration(Date.now() - started)}` : "Build: up to date"}; deployment id ${id} (${process.env.ARBITER_DIST_DIR || ".next"}/)`);
  if (!process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
    step("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY was not set: this build carries its own key. Instances serving this one build agree; set the variable (openssl rand -base64 32) on the build and every instance to keep it across builds.");
  }
} catch (error) {
  console.error(`The build failed: ${describeError(error)}`);
  process.exit(1);
}
