import type { FsNode } from "../../filetree/node.js";
import { findingsPerLayer, visibleByLayer } from "./by-layer.js";
import { defineDetector } from "./detector.js";
import { listNames } from "./format.js";

const SETUID = 0o4000;
const SETGID = 0o2000;

const special = (n: FsNode): boolean =>
  (n.entry?.kind === "file" || n.entry?.kind === "hardlink") &&
  (n.entry.mode & (SETUID | SETGID)) !== 0;

function label(n: FsNode): string {
  const e = n.entry!;
  const bits = [
    e.mode & SETUID ? `setuid uid ${e.uid}` : "",
    e.mode & SETGID ? `setgid gid ${e.gid}` : "",
  ].filter(Boolean);
  return `${n.name} (${bits.join(", ")})`;
}

export default defineDetector({
  id: "setuid-file",
  meta: {
    severity: "warning",
    category: "security",
    summary: "files with the setuid or setgid bit",
    looksFor:
      "visible regular files (and hard links) whose mode has 04000 (setuid) or 02000 (setgid)",
    docs: {
      what: "Lists setuid and setgid files in the final filesystem, grouped by the layer that wrote them, with the owner they run as.",
      why: "A setuid-root binary is a privilege-escalation path for any process in the container; containers rarely need su, passwd, mount or chsh.",
      example: "FROM debian:bookworm-slim\nUSER 1000\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +\nUSER 1000\n",
    },
  },
  detect: (facts) =>
    findingsPerLayer(facts, visibleByLayer(facts, special), (nodes) => {
      const names = nodes.map(label).sort();
      return `${nodes.length} setuid/setgid file${nodes.length === 1 ? "" : "s"}: ${listNames(names, 8)}. Remove the bits (\`find / -xdev -perm /6000 -type f -exec chmod a-s {} +\`) unless the container needs them, and run with --security-opt=no-new-privileges.`;
    }),
});
