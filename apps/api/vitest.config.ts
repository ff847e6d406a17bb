import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships index.mjs (Vite's pick) and index.js (Node's pick for Pothos): one realm only.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: ["src/testing/global-setup.ts"],
    hookTimeout: 120_000,
    testTimeout: 60_000,
    // One embedded database per file; files run one at a time on a 2-core machine.
    fileParallelism: false,
  },
});
