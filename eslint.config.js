import { readdirSync } from "node:fs";
import js from "@eslint/js";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

// ---- Feature front doors ----------------------------------------------------------------------------------------
// A feature (src/features/<name>/, a flat folder) shows others what they may use through its index.ts. Any import
// that reaches into another feature's other files is an error:
// - inside a feature, `../<other>/<file>` unless <file> is index.ts;
// - everywhere else (app, container, web, workers, the seed, integration and browser tests), any path through
//   `features/<name>/` unless it ends at index.ts — integration tests drive features as the app does, so a feature
//   can be reshaped inside without breaking them;
// - a feature's own unit tests (tests/unit/features/<name>/) may import its inner files: a unit is tested as itself.
// Platform modules (src/platform) are libraries: they import no feature at all. Benchmarks (bench/) measure one inner
// query on purpose and are left out.
const FEATURES = readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const FRONT_DOOR = "Import another feature only through its front door, features/<name>/index.ts (see eslint.config.js).";

/** Any path into a feature folder other than `feature` that does not end at its index.ts. */
function deepImport(except) {
  const other = except ? `(?!${except}/)` : "";
  return { regex: `(^|/)features/${other}[^/]+/(?!index\\.ts$).+`, message: FRONT_DOOR };
}

/** From inside a feature: a sibling feature's inner file. */
function siblingDeepImport(feature) {
  return { regex: `^\\.\\./(?!${feature}/)[^./][^/]*/(?!index\\.ts$).+`, message: FRONT_DOOR };
}

const restricted = (...patterns) => ["error", { patterns }];

export default tseslint.config(
  { ignores: ["node_modules/", "src/generated/", "var/", "public/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly", Buffer: "readonly", setInterval: "readonly", clearInterval: "readonly", NodeJS: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["warn", { allow: ["error", "warn"] }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["src/cli/**", "bench/**", "tests/**", "prisma/**"],
    rules: { "no-console": "off" },
  },
  {
    files: ["src/**/*.ts", "workers/**/*.ts", "tests/**/*.ts", "prisma/**/*.ts"],
    rules: { "no-restricted-imports": restricted(deepImport()) },
  },
  {
    files: ["src/platform/**/*.ts"],
    rules: {
      "no-restricted-imports": restricted({ regex: "(^|/)features/", message: "src/platform is a library for the features: it imports none of them." }),
    },
  },
  ...FEATURES.map((feature) => ({
    files: [`src/features/${feature}/**/*.ts`],
    rules: { "no-restricted-imports": restricted(deepImport(feature), siblingDeepImport(feature)) },
  })),
  ...FEATURES.map((feature) => ({
    files: [`tests/unit/features/${feature}/**/*.ts`],
    rules: { "no-restricted-imports": restricted(deepImport(feature)) },
  })),
  // No import cycle in the code that runs, between features (which may only meet at their front doors) or anywhere
  // else: a cycle of ES modules can hand a feature an export before it is initialised.
  {
    files: ["src/**/*.ts", "workers/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".json"] })],
      // Which files the rule reads to follow imports, and with which parser.
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
);
