import { defineConfig } from "vitest/config";

// Default tier: fast tests, no network, no external builders. Real-image tests live in test/real/.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/real/**", "node_modules/**", "dist/**"],
    testTimeout: 30_000,
    pool: "forks",
  },
});
