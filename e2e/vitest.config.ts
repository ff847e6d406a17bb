import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    include: ["src/**/*.e2e.ts"],
    globalSetup: ["src/global-setup.ts"],
    hookTimeout: 180_000,
    testTimeout: 120_000,
    fileParallelism: false,
  },
});
