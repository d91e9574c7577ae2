import type { FsNode } from "../../filetree/node.js";
import type { BaseImageReport } from "../../model/report.js";
import type { ImageFacts } from "./facts.js";

type Kind = BaseImageReport["kind"];
type Family = BaseImageReport["family"];

const FAMILY_OF_ID: Record<string, Family> = {
  debian: "debian",
  ubuntu: "debian",
  alpine: "alpine",
  wolfi: "wolfi",
  chainguard: "wolfi",
  fedora: "rhel",
  rhel: "rhel",
  centos: "rhel",
  rocky: "rhel",
  almalinux: "rhel",
  amzn: "rhel",
  ol: "rhel",
  sles: "suse",
  opensuse: "suse",
  "opensuse-leap": "suse",
  "opensuse-tumbleweed": "suse",
};

/** Distribution, flavour and family from os-release and marker files (distroless status.d, busybox). */
export function identifyBase(
  facts: ImageFacts,
): Pick<BaseImageReport, "kind" | "distro" | "family"> {
  const os = facts.osRelease;
  const id = (os.ID ?? "").toLowerCase();
  const distro = id
    ? {
        id,
        ...(os.VERSION_ID ? { versionId: os.VERSION_ID } : {}),
        ...(os.PRETTY_NAME ? { prettyName: os.PRETTY_NAME } : {}),
      }
    : null;
  const family: Family = FAMILY_OF_ID[id] ?? (id ? "other" : "none");
  // gcr.io/distroless writes PRETTY_NAME="Distroless" and keeps dpkg data only as status.d/ (no status file).
  const distroless =
    /distroless/i.test(`${os.PRETTY_NAME ?? ""} ${os.HOME_URL ?? ""}`) ||
    (!!facts.node("var/lib/dpkg/status.d") && !facts.node("var/lib/dpkg/status"));
  if (distroless)
    return { kind: "distroless", distro, family: family === "none" ? "debian" : family };
  if (id === "chainguard" || /chainguard/i.test(os.HOME_URL ?? ""))
    return { kind: "chainguard", distro, family: "wolfi" };
  if (id === "wolfi") return { kind: "wolfi", distro, family };
  if (id === "debian" || id === "ubuntu" || id === "alpine") return { kind: id, distro, family };
  if (family === "rhel" || family === "suse") return { kind: family, distro, family };
  if (id) return { kind: "other", distro, family };
  const busybox = ["bin/busybox", "usr/bin/busybox"].some((p) => facts.node(p)?.entry);
  if (busybox) return { kind: "busybox", distro: null, family: "none" };
  // No os-release and no busybox: nothing of a distribution is there, as in FROM scratch.
  return {
    kind: facts.root.children?.size && hasOsTree(facts.root) ? "other" : "scratch",
    distro: null,
    family: "none",
  };
}

/** A distribution without os-release still has /etc/passwd and an /usr tree of binaries. */
function hasOsTree(root: FsNode): boolean {
  return !!root.children?.get("usr")?.children?.get("bin")?.children?.size;
}

const LIB_DIRS = ["lib", "lib64", "usr/lib", "usr/lib64"];

/** glibc when libc.so.6 exists (directly or in a multiarch dir), musl when the musl loader does. */
export function detectLibc(facts: ImageFacts): Pick<BaseImageReport, "libc" | "libcVersion"> {
  const version = facts.packages.packages.find(
    (p) => p.name === "libc6" || p.name === "glibc" || p.name === "musl",
  )?.version;
  for (const dir of LIB_DIRS) {
    const node = facts.node(dir);
    for (const [name, child] of node?.children ?? []) {
      if (/^ld-musl-.*\.so\.1$/.test(name))
        return { libc: "musl", ...(version ? { libcVersion: version } : {}) };
      if (name === "libc.so.6" || child.children?.has("libc.so.6"))
        return { libc: "glibc", ...(version ? { libcVersion: version } : {}) };
    }
  }
  return { libc: "none" };
}
