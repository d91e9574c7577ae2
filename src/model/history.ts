import type { HistoryEntry, ImageConfig } from "./image.js";

/**
 * Turns a history `created_by` into the Dockerfile instruction a reader recognises:
 * classic builder `/bin/sh -c #(nop)  CMD …` and `/bin/sh -c apt-get …`, BuildKit
 * `RUN /bin/sh -c … # buildkit`, ARG prefixes `|2 A=1 B=2 /bin/sh -c …`, kaniko `RUN …`.
 */
export function instructionOf(createdBy: string): string {
  let s = createdBy.trim();
  if (!s) return "";
  s = s.replace(/\s+# buildkit$/, "");
  const nop = /^\/bin\/sh -c #\(nop\)\s+(.*)$/s.exec(s);
  if (nop) return nop[1].trim();
  // BuildKit keeps the ARG prefix after "RUN ": `RUN |1 A=b /bin/sh -c …`.
  s = s.replace(/^(RUN\s+)?\|\d+(?:\s+\S+=\S*)*\s+/, "$1");
  // A SHELL instruction changes the prefix: `/bin/bash -o pipefail -c …`.
  const run =
    /^(?:RUN\s+)?\/(?:usr\/)?bin\/(?:ba|da|a)?sh(?:\s+-o\s+\S+|\s+-[eux]+)*\s+-c\s+(.*)$/s.exec(s);
  if (run) return `RUN ${run[1].trim()}`;
  return s;
}

/**
 * The history entry that produced each layer: history entries marked `empty_layer`
 * (ENV, CMD, …) made no layer, the others map to layers in order (image-spec config.md).
 */
export function historyPerLayer(config: ImageConfig): (HistoryEntry | undefined)[] {
  const producing = (config.history ?? []).filter((h) => !h.empty_layer);
  return config.rootfs.diff_ids.map((_, i) => producing[i]);
}
