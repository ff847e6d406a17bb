import { defineConfig } from "vitest/config";

/** The fresh-copy test: installs and starts a copy of the repository, no shared global setup. */
export default defineConfig({
  test: {
    include: ["src/**/*.fresh.ts"],
    hookTimeout: 600_000,
    testTimeout: 60_000,
  },
});
