import type { FsNode } from "../../filetree/node.js";
import { findingsPerLayer, visibleByLayer } from "./by-layer.js";
import { defineDetector } from "./detector.js";
import { listNames } from "./format.js";

const OTHER_WRITE = 0o002;
const STICKY = 0o1000;

/** /tmp-style directories (sticky bit) are the accepted exception: only owners can delete their files. */
const worldWritable = (n: FsNode): boolean => {
  const e = n.entry!;
  if ((e.mode & OTHER_WRITE) === 0) return false;
  if (e.kind === "dir") return (e.mode & STICKY) === 0;
  return e.kind === "file" || e.kind === "hardlink";
};

export default defineDetector({
  id: "world-writable",
  meta: {
    severity: "warning",
    category: "security",
    summary: "world-writable directories without the sticky bit, and world-writable files",
    looksFor:
      "visible directories with mode o+w and no sticky bit (01000), and regular files with mode o+w",
    docs: {
      what: "Lists paths any user in the container can modify, grouped by the layer that wrote them; sticky directories such as /tmp are accepted.",
      why: "A world-writable program directory lets any compromised process, whatever its user, replace code another user runs; `chmod 777` is the usual cause.",
      example: "FROM node:20-slim\nCOPY . /app\nRUN chmod -R 777 /app\nUSER node\n",
      useInstead:
        "FROM node:20-slim\nCOPY --chown=root:root . /app\nRUN mkdir -p /app/data && chown node /app/data\nUSER node\n",
    },
  },
  detect: (facts) =>
    findingsPerLayer(facts, visibleByLayer(facts, worldWritable), (nodes) => {
      const names = nodes.map((n) => `${n.name}${n.entry!.kind === "dir" ? "/" : ""}`);
      return `${nodes.length} world-writable path${nodes.length === 1 ? "" : "s"}: ${listNames(names, 8)}. Give them to the user that needs to write (chown) with mode 755/644, or add the sticky bit to shared directories.`;
    }),
});
