import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    hookTimeout: 60_000,
    testTimeout: 60_000,
    // One embedded database per file; files run one at a time on a 2-core machine.
    fileParallelism: false,
  },
});
