import { defineDetector } from "./detector.js";
import { describeBase } from "./describe.js";
import { formatBytes } from "./format.js";

export default defineDetector({
  id: "base-image-alternative",
  meta: {
    severity: "info",
    category: "base",
    summary: "a smaller, shell-less runtime base fits what the image runs",
    looksFor:
      "os-release and distroless/Chainguard/busybox markers, libc (libc.so.6, ld-musl), runtimes (python, node, java, go, dotnet, ruby, php) and the entrypoint, matched against the per-language table of docs/guide.md#recommended-runtime-base-per-language",
    docs: {
      what: "Identifies the base image and the runtime the image runs, and suggests the runtime base docs/guide.md recommends for it, with its size, what the switch removes and what it may break.",
      why: "The base image is the largest single lever on size and CVE count (docs/guide.md#1-base-images): debian:bookworm-slim is ~75 MB with 50–150 CVEs, distroless/static ~2 MB.",
      example:
        'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\nCOPY app.py /app/\nCMD ["python3", "/app/app.py"]\n',
      useInstead: 'FROM cgr.dev/chainguard/python\nCOPY app.py /app/\nCMD ["/app/app.py"]\n',
    },
  },
  detect: (facts) => {
    const base = describeBase(
      facts.scan,
      facts.base.source === "flag" ? facts.base.layers : undefined,
    );
    const rec = base.recommendation;
    if (!rec) return [];
    const current = base.distro ? `${base.distro.prettyName ?? base.distro.id}` : base.kind;
    const images = rec.images.map((i) => (i.size ? `${i.ref} (${i.size})` : i.ref)).join(" or ");
    const size = rec.currentBaseBytes
      ? `, whose ${base.baseLayers} base layer${base.baseLayers === 1 ? "" : "s"} weigh${base.baseLayers === 1 ? "s" : ""} ${formatBytes(rec.currentBaseBytes)}`
      : "";
    const expected = rec.expectedSize ? ` Expected size: ${rec.expectedSize}.` : "";
    const removes = rec.removes.length ? ` The switch removes: ${rec.removes.join("; ")}.` : "";
    const warn = rec.warnings.length ? ` Watch out: ${rec.warnings.join(" ")}` : "";
    return [
      {
        message: `Runs ${rec.target} on ${current}${size}. Use ${images}: ${rec.why}.${expected}${removes}${warn}`,
      },
    ];
  },
});
