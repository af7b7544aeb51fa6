import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/fixtures/**", "**/node_modules/**"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: "forks",
    globalSetup: ["test/setup/global.ts"],
    // @actions/workflow-parser imports JSON without an import attribute: let vite transform it.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
