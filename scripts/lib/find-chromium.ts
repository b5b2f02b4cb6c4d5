import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The browser for the e2e suite: an env var, the system's Chromium, or Playwright's own download. */
export function findChromium(): { path?: string; help: string } {
  const fromEnv = process.env.ARBITER_CHROMIUM || process.env.CHROMIUM_PATH;
  const candidates = [fromEnv, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", playwrightsOwn()];
  const found = candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
  return {
    path: found,
    help:
      "No Chromium found for the e2e suite. Install one: `sudo apt-get install -y chromium` (Debian/Ubuntu; .ci/run does this), " +
      "or `npx playwright install chromium`, or point ARBITER_CHROMIUM at a Chromium or Chrome binary." +
      (fromEnv ? ` (ARBITER_CHROMIUM/CHROMIUM_PATH is set to ${fromEnv}, which does not exist.)` : ""),
  };
}

function playwrightsOwn(): string | undefined {
  try {
    const { chromium } = require("playwright-core") as { chromium: { executablePath(): string } };
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Debian's CJK font, without which Chinese pages (and their screenshots) show empty boxes. */
const CJK_FONT_PACKAGE = "fonts-noto-cjk";

function hasDebianPackage(name: string): boolean {
  const result = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
  return result.status === 0 && result.stdout.includes("install ok installed");
}

/**
 * As root on a Debian-like machine with no browser or no CJK font (a fresh CI machine), installs
 * Debian's Chromium and fonts-noto-cjk in one apt step, each only when missing, so that `npm test`
 * needs nothing it does not install itself; elsewhere it only explains.
 */
export async function findOrInstallChromium(): Promise<{ path?: string; help: string }> {
  const found = findChromium();
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) return found;
  const packages = [...(found.path ? [] : ["chromium"]), ...(hasDebianPackage(CJK_FONT_PACKAGE) ? [] : [CJK_FONT_PACKAGE])];
  if (packages.length === 0) return found;
  console.log(`Installing Debian's ${packages.join(" and ")} for the e2e suite (apt-get)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  spawnSync("apt-get", ["install", "-y", "-qq", ...packages], { stdio: "inherit", env });
  return findChromium();
}
