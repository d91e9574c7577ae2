import type { LayerEntry } from "../../tar/layer-entry.js";
import { leftoverDetector } from "./leftovers.js";

const NAME = /^((?:.*\/)?core(?:\.\d+)?)$/;

/** ELF header (elf(5)): magic 7f 45 4c 46, then e_type at offset 16 (little or big endian); ET_CORE is 4. */
export function isElfCore(entry: LayerEntry): boolean {
  const b = entry.content;
  if (!b || b.length < 18 || b.readUInt32BE(0) !== 0x7f454c46) return false;
  return (b[5] === 2 ? b.readUInt16BE(16) : b.readUInt16LE(16)) === 4;
}

export default leftoverDetector({
  id: "leftover-core-dumps",
  label: "core dumps",
  advice: "Delete the core file in the RUN that crashed, and check why a build step dumped core.",
  contains: ["core"],
  roots: [NAME],
  captures: [NAME],
  accept: isElfCore,
  meta: {
    severity: "warning",
    category: "size",
    summary: "ELF core dumps (core, core.PID) left by a crashing build step",
    looksFor: "files named core or core.<pid> whose first bytes are an ELF header of type ET_CORE",
    docs: {
      what: "Reports, per layer, core dump files, recognised by their ELF header rather than their name alone.",
      why: "A core dump is a memory image of a crashed process: large, useless at run time, and it may hold secrets that were in memory.",
      example: "FROM debian:bookworm-slim\nRUN ulimit -c unlimited && ./flaky-build.sh || true\n",
      useInstead: "FROM debian:bookworm-slim\nRUN ./flaky-build.sh\n",
    },
  },
});
