import { defineConfig } from "vitest/config";

// Real-image tier: builds images with buildah/skopeo/dockerd and talks to a real registry.
export default defineConfig({
  test: {
    include: ["test/real/**/*.test.ts"],
    globalSetup: ["test/real/global-setup.ts"],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    pool: "forks",
    fileParallelism: false,
  },
});
