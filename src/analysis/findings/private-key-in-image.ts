import { defineDetector, type DetectedFinding } from "./detector.js";
import type { ImageFacts } from "./facts.js";
import { listNames } from "./format.js";

const NAMES = [
  /(?:^|\/)id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/,
  /\.(?:pem|key|p8|pk8|ppk)$/,
  /(?:^|\/)ssh_host_[a-z0-9]+_key$/,
];
/** Test keys that libraries ship with their test suites (urllib3, cryptography, node-forge…) are not secrets. */
const TEST_DATA = /(?:^|\/)(?:tests?|__tests__|testdata|test-?fixtures)\//;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----|PuTTY-User-Key-File-\d/;

/**
 * Reads every layer, not only the final filesystem: a key deleted by a later layer is still
 * in the layer that added it, and `docker save` or a registry pull hands it to anyone.
 */
function detect(facts: ImageFacts): DetectedFinding[] {
  const out: DetectedFinding[] = [];
  facts.scan.layers.forEach((read, layer) => {
    const keys = read.entries.filter(
      (e) =>
        e.kind === "file" &&
        e.content &&
        !TEST_DATA.test(e.path) &&
        PRIVATE_KEY.test(e.content.toString("latin1")),
    );
    if (keys.length === 0) return;
    const deleted = keys.filter((e) => facts.node(e.path)?.entry !== e);
    const note = deleted.length
      ? ` (${deleted.length} deleted by a later layer, yet still readable from this one)`
      : "";
    out.push({
      message: `${keys.length} private key${keys.length === 1 ? "" : "s"} in the layer${note}: ${listNames(
        keys.map((e) => `/${e.path}`),
        5,
      )}. Never bake keys into an image: mount them at run time (secrets, volumes) or use \`RUN --mount=type=secret\` / \`--mount=type=ssh\` during the build, and rotate any key that was pushed.`,
      bytes: keys.reduce((s, e) => s + e.size, 0),
      paths: keys.map((e) => `/${e.path}`),
      layer,
      createdBy: facts.createdBy[layer] ?? "",
    });
  });
  return out;
}

export default defineDetector({
  id: "private-key-in-image",
  captures: NAMES,
  meta: {
    severity: "error",
    category: "security",
    summary: "a PEM/OpenSSH/PuTTY private key is stored in a layer",
    looksFor:
      "files named id_rsa/id_ecdsa/id_ed25519, ssh_host_*_key, *.pem, *.key, *.p8, *.ppk whose content holds a `BEGIN … PRIVATE KEY` block, in every layer (deleted or not)",
    docs: {
      what: "Finds private keys by content in files with key-like names, in every layer, including keys a later layer deleted.",
      why: "Anyone who can pull the image can extract every layer; a private key there is published. SSH host keys baked into an image are also shared by every container started from it.",
      example:
        "FROM alpine:3.20\nCOPY id_ed25519 /root/.ssh/id_ed25519\nRUN git clone git@github.com:org/private.git /src && rm /root/.ssh/id_ed25519\n",
      useInstead:
        "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN --mount=type=ssh git clone git@github.com:org/private.git /src\n",
    },
  },
  detect,
});
