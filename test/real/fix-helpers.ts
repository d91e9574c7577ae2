import { randomBytes } from "node:crypto";
import { captureIO } from "../../src/cli/io.js";
import { execFile } from "../../src/build/exec.js";
import { LAB_DIR } from "./fixtures.js";

/** The buildah store make-fixtures.sh fills (it holds the debootstrap base image). */
export const STORE = `${LAB_DIR}/store-overlay`;
export const BUILDAH_ARGS = [
  "--storage-driver",
  "overlay",
  "--root",
  `${STORE}/root`,
  "--runroot",
  `${STORE}/run`,
];
export const BASE = "localhost/debian:bookworm-minbase";
/** Env for ballast's builder: the fixture store, chroot isolation (no daemon, no user namespaces). */
export const BUILD_ENV = {
  BALLAST_BUILDAH_ARGS: BUILDAH_ARGS.join(" "),
  BUILDAH_ISOLATION: "chroot",
};
/** A label per test run, so that no build reuses a cached layer from an earlier run. */
export const RUN_LABEL = `LABEL ballast.test-run=${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

export const buildah = (...args: string[]) => execFile("buildah", [...BUILDAH_ARGS, ...args]);

/** Image ids in the store, to check a test leaves nothing behind. */
export async function storeImageIds(): Promise<string[]> {
  const r = await buildah("images", "--all", "--quiet", "--no-trunc");
  return r.stdout.split("\n").filter(Boolean).sort();
}

/** Working containers in the store. */
export async function storeContainerIds(): Promise<string[]> {
  const r = await buildah("containers", "--all", "--quiet", "--notruncate");
  return r.stdout.split("\n").filter(Boolean).sort();
}

export function cliIO(cwd: string) {
  return captureIO({ cwd, env: { ...process.env, ...BUILD_ENV } });
}

export const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
