import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Only server/ talks to the database: the Prisma client (ours or the package) and node-postgres. */
const databaseGroup = {
  regex: "(^|/)db/(generated|client)(/|$)|^@prisma/|^pg(-[a-z-]+)?$",
  message: "Only server/ talks to the database (the Prisma client, @prisma/* and pg).",
};
/** components/ may name server/ types (import type) but never load server code into the browser. */
const serverTypesOnlyGroup = {
  regex: "^(@/|(\\.{1,2}/)+)server(/|$)",
  allowTypeImports: true,
  message: "components/ may import server/ only with `import type`; shared shapes live in lib/<feature>/contracts.ts.",
};
/** A service folder's internal/ helpers serve its own verbs (and other server code): pages, routes and components call the verbs. */
const serviceInternalsGroup = {
  regex: "(^|/)server/services/[^/]+/internal(/|$)",
  message: "server/services/<area>/internal/ holds helpers of that area's verbs; call a verb (server/services/<area>/<verb>-<entity>.ts) instead.",
};
/** lib/ is pure and runs anywhere: it imports nothing of ours outside lib/. */
const libGroups = ["server", "app", "components"].map((folder) => ({
  regex: `^(@/|(\\.{1,2}/)+)${folder}(/|$)`,
  message: `lib/ is pure and imports nothing from ${folder}/ (arrows point one way: ${folder}/ may import lib/).`,
}));

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", ".arbiter/**", ".test-run/**", "server/db/generated/**", "next-env.d.ts", "node_modules/**"]),
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Words on the page come from the catalogues (messages/*.json): JSX text in pages and components is
    // refused, except punctuation, arrows and names that read the same in every language (formats, file
    // names, keys). It sees JSX text only, not strings in props or expressions.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "react/jsx-no-literals": [
        "error",
        {
          noStrings: false,
          ignoreProps: true,
          allowedStrings: ["/", "(", ")", ",", ":", "·", "–", "…", "→", "↑", "↓", "⠿", "x", "r", "Enter", "UTC", "sha256", "manifest.json", "ground_truth", "solution", "zip", "tar.gz", "JSONL", "CSV", "Parquet", "English", "中文"],
        },
      ],
    },
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  // Boundaries (house style: arrows point one way; app and components -> server and lib; server -> lib;
  // lib -> nothing of ours). ESLint's own no-restricted-imports checks each group on its own, so a
  // type-only import that one group allows is still refused by another group that does not.
  // tests/lint/boundaries.test.ts proves that each of these fires.
  {
    files: ["app/**", "components/**", "lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [databaseGroup, serviceInternalsGroup] }] },
  },
  {
    files: ["components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [databaseGroup, serverTypesOnlyGroup, serviceInternalsGroup] }] },
  },
  {
    files: ["lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [databaseGroup, ...libGroups] }] },
  },
]);
