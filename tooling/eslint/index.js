// Shared flat config: the recommended rules of ESLint and typescript-eslint,
// type-aware rules on every TypeScript file of a package's project, the React
// hooks rules, and the package boundaries as import restrictions.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** The web apps and the shared UI never import the API or anything with server I/O. */
const webBoundaries = {
  patterns: [
    { group: ["@cds/api", "@cds/api/*", "**/apps/api/**"], message: "The web apps talk to the API over GraphQL only." },
    { group: ["@prisma/*", "pg", "node:*"], message: "No server I/O in browser code." },
    { group: ["@cds/documents", "@cds/admin-units"], message: "Server-side packages: ask the API." },
  ],
};

/** The engine and the language are pure: no I/O, no database, no network, no file system. */
const pureBoundaries = {
  patterns: [
    { group: ["node:*", "fs", "path", "http", "https"], message: "criteria-core and criteria-schema do no I/O." },
    { group: ["@prisma/*", "pg", "@cds/api", "@cds/api/*"], message: "criteria-core and criteria-schema do no I/O." },
  ],
};

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "**/*.schema.json", "**/generated/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
      "no-console": "off",
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Outside a package's TypeScript project (tool configs, benchmarks): the untyped rules only.
    files: ["*.config.ts", "bench/**", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["**/*.tsx", "**/src/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
);

/** For criteria-core and criteria-schema: the rules above plus "imports nothing with I/O" in their sources. */
export const pure = [
  {
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", pureBoundaries] },
  },
];

/** For the web apps and the UI package (their eslint config runs in their own folder). */
export const web = [
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/**/*.test.ts", "src/**/*.test.tsx", "src/test-*.ts*", "src/**/test-*.ts*"],
    rules: { "no-restricted-imports": ["error", webBoundaries] },
  },
];
