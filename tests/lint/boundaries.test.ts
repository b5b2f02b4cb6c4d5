import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The import boundaries of eslint.config.mjs, proved by linting small snippets as if they were files
 * in each folder (the files need not exist: ESLint picks the config by path). Each refusal is paired
 * with an allowed neighbour, so that a rule that refused everything would fail here too.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  // The first lint loads the whole config and its plugins (seconds); the snippets after it are quick.
  await eslint.lintText("export {};\n", { filePath: "lib/example/warm-up.ts" });
}, 60_000);

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [];\n`, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === "no-restricted-imports").map((message) => message.message);
}

describe("lib/ imports nothing of ours outside lib/", () => {
  it.each([
    ['import { getDb } from "@/server/db/client";'],
    ['import { AppError } from "@/server/errors";'],
    ['import type { Actor } from "@/server/authz/load-actor";'],
    ['import { AppError } from "../../server/errors";'],
    ['import Page from "@/app/page";'],
    ['import { Button } from "@/components/ui/button";'],
    ['import { cx } from "../../components/ui/cx";'],
  ])("refuses %s", async (code) => {
    expect(await restrictedImports("lib/example/boundary-probe.ts", code)).not.toEqual([]);
  });

  it("allows lib/ and packages", async () => {
    expect(await restrictedImports("lib/example/boundary-probe.ts", 'import { z } from "zod";\nimport { roles } from "@/lib/vocabulary";\nimport { x } from "../conversation";\nimport { y } from "./server-side-names";')).toEqual([]);
  });
});

describe("components/ imports server/ only with import type", () => {
  it.each([
    ['import { canAnnotate } from "@/server/authz/permissions";'],
    ['import { listUsers, type PublicUser } from "@/server/services/users/list-users";'],
    ['import { AppError } from "../../server/errors";'],
  ])("refuses %s", async (code) => {
    expect(await restrictedImports("components/example/boundary-probe.tsx", code)).not.toEqual([]);
  });

  it.each([['import type { Actor } from "@/server/authz/actor";'], ['import { type Actor } from "@/server/authz/actor";'], ['import { cx } from "@/components/ui/cx";']])(
    "allows %s",
    async (code) => {
      expect(await restrictedImports("components/example/boundary-probe.tsx", code)).toEqual([]);
    },
  );
});

describe("a service folder's internal/ helpers are for server code only", () => {
  it.each([
    ["app/example/page.tsx", 'import { loadItem } from "@/server/services/annotation/internal/load-item";'],
    ["app/api/example/route.ts", 'import { findPromptSet } from "../../../server/services/prompt-sets/internal/find-prompt-set";'],
    ["components/example/probe.tsx", 'import type { PublicUser } from "@/server/services/users/internal/public-user";'],
  ])("refuses in %s: %s", async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).not.toEqual([]);
  });

  it("allows the verbs in app/ and the helpers in server/", async () => {
    expect(await restrictedImports("app/example/page.tsx", 'import { listUsers } from "@/server/services/users/list-users";')).toEqual([]);
    expect(await restrictedImports("server/services/annotation/example-verb.ts", 'import { loadItem } from "./internal/load-item";')).toEqual([]);
  });
});

describe("only server/ imports the database client or pg", () => {
  const databaseImports = [
    'import { getDb } from "@/server/db/client";',
    'import type { Role } from "@/server/db/generated/enums";',
    'import { Prisma } from "@prisma/client";',
    'import pg from "pg";',
    'import { from } from "pg-copy-streams";',
  ];
  for (const filePath of ["app/example/page.tsx", "components/example/probe.tsx", "lib/example/probe.ts"]) {
    it.each(databaseImports.map((code) => [code]))(`${filePath} refuses %s`, async (code) => {
      expect(await restrictedImports(filePath, code)).not.toEqual([]);
    });
  }

  it("server/ may", async () => {
    expect(await restrictedImports("server/example/probe.ts", databaseImports.join("\n"))).toEqual([]);
  });

  it("app/ may call services", async () => {
    expect(await restrictedImports("app/example/page.tsx", 'import { listUsers } from "@/server/services/users/list-users";')).toEqual([]);
  });
});

describe("words on pages come from the catalogues (react/jsx-no-literals)", () => {
  async function literals(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((message) => message.ruleId === "react/jsx-no-literals").map((message) => message.message);
  }
  const component = (body: string) => `export function Probe({ t }: { t: (key: string) => string }) {\n  return ${body};\n}\n`;

  it("refuses English text inline in a component or a page", async () => {
    expect(await literals("components/example/probe.tsx", component("<p>Save changes</p>"))).not.toEqual([]);
    expect(await literals("app/example/probe.tsx", component("<span>No prompts yet</span>"))).not.toEqual([]);
  });

  it("allows text from t(), punctuation and names that read the same in every language", async () => {
    expect(await literals("components/example/probe.tsx", component('<p>{t("save")} → <code>manifest.json</code></p>'))).toEqual([]);
  });
});
