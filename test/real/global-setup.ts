import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FIXTURES_DIR, LAB_DIR } from "./fixtures.js";

const SCRIPT = fileURLToPath(new URL("./make-fixtures.sh", import.meta.url));

/**
 * Builds the real-image fixtures once per machine with test/real/make-fixtures.sh (a copy of the
 * team's shared tool, kept in the repository so that a clone alone runs the real tier)
 * (debootstrap + buildah + skopeo + registry + dockerd). A warm rebuild is skipped: the
 * SUMMARY.txt it writes last marks a complete run.
 */
export default function setup(): void {
  if (existsSync(`${FIXTURES_DIR}/SUMMARY.txt`)) return;
  execFileSync("bash", [SCRIPT], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, LAB: LAB_DIR, WITH_DOCKERD: "1", REGISTRY: "127.0.0.1:5000" },
  });
}
