import type { ImageDetector } from "./detector.js";

const fence = (code: string) => `\`\`\`dockerfile\n${code.trimEnd()}\n\`\`\``;
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** A detector's documentation as Markdown, under the headings the lint rules use (DESIGN.md habits 7, 15). */
export function detectorMarkdown(d: ImageDetector, heading = "#"): string {
  const { meta } = d;
  const sub = `${heading}#`;
  return [
    `${heading} ${d.id}`,
    "",
    `${meta.summary}. Severity: ${meta.severity}. Category: ${meta.category}. Image detector (\`ballast analyze\`).`,
    "",
    `Looks for: ${meta.looksFor}.`,
    "",
    `${sub} What it does`,
    "",
    meta.docs.what,
    "",
    `${sub} Why it matters`,
    "",
    meta.docs.why,
    "",
    `${sub} Example`,
    "",
    fence(meta.docs.example),
    "",
    `${sub} Use instead`,
    "",
    fence(meta.docs.useInstead),
    "",
  ].join("\n");
}

/** docs/detectors.md: what each detector looks for, then each one's documentation. Generated; a test keeps it current. */
export function detectorsDocument(detectors: readonly ImageDetector[]): string {
  return [
    "# ballast image detectors",
    "",
    "<!-- Generated from the detector metadata in src/analysis/findings/ (detectorsDocument); do not edit by hand.",
    "     Regenerate: UPDATE_DOCS=1 npx vitest run test/findings/docs.test.ts -->",
    "",
    "`ballast analyze` runs these over the image and reports them in `findings[]` with `rule`, `severity`, `bytes`, `paths`,",
    "`layer`, `createdBy` and `origin` (`base` when the layer came with the base image, `user` otherwise). Leftover bytes are",
    "counted per layer from the layer's own tar entries, so a file a later layer deletes still counts where it was written.",
    "",
    "| detector | category | severity | looks for |",
    "|---|---|---|---|",
    ...detectors.map(
      (d) =>
        `| [\`${d.id}\`](#${d.id}) | ${d.meta.category} | ${d.meta.severity} | ${cell(d.meta.looksFor)} |`,
    ),
    "",
    ...BASE_SECTION,
    ...detectors.map((d) => detectorMarkdown(d, "##")),
  ].join("\n");
}

/** How report.base is computed; kept beside the code it describes (base-layers.ts, identify.ts, recommend.ts). */
const BASE_SECTION = [
  "## Base image, runtimes and recommendation (`report.base`)",
  "",
  "- **Distribution** from `/etc/os-release` (or `/usr/lib/os-release`); distroless by its `PRETTY_NAME` or a dpkg",
  "  `status.d/` without `status`; Chainguard/Wolfi by `ID` and `HOME_URL`; busybox by `/bin/busybox`; scratch when",
  "  none of these exist.",
  "- **Base/user boundary** (`baseLayers`, `baseLayersSource`), first rule that applies: `--base-layers N`;",
  "  buildah/podman's `FROM <name>` history comment; the first BuildKit entry after another builder's;",
  "  the last `CMD`/`ENTRYPOINT` followed by a layer (where the base's Dockerfile ended); leading entries that are",
  "  not Dockerfile instructions (debootstrap, apko); a gap of more than a day in `created`. Findings in base",
  '  layers carry `origin: "base"`.',
  "- **Packages** from dpkg `status` (and distroless `status.d/`) or apk `installed`; rpm databases are noticed",
  "  but not parsed. Toolchain bytes come from dpkg's `info/<pkg>.list` files, else the database's installed size.",
  "- **libc** from `libc.so.6` (glibc) or `ld-musl-*.so.1`; **runtimes** (python, node, java, go, dotnet, ruby,",
  "  php) with versions from the official images' `*_VERSION` variables, the package database, or paths.",
  "- **Entrypoint**: the first MiB of the program `Entrypoint`/`Cmd` starts is read; its ELF program headers",
  "  say static, glibc or musl, and Go's build-ID note and buildinfo give the Go version.",
  "- **Recommendation** from the per-language table of docs/guide.md#recommended-runtime-base-per-language, with the guide's base sizes, what the switch removes",
  "  and warnings (musl for Python/Node, CA certificates on scratch, shell-form CMD, scripts, cgo).",
  "",
  "`ballast analyze --dockerfile IMAGE` prints the Dockerfile reconstructed from the config history (classic",
  "builder `#(nop)`, `/bin/sh -c`, BuildKit `# buildkit`, ARG prefixes `|N A=b`, kaniko); `ballast analyze` also",
  "runs the Dockerfile lint rules over it and reports their findings against the layer each step produced.",
  "",
];

/** The detector with this id, for `ballast rule ID`. */
export function findDetector(
  detectors: readonly ImageDetector[],
  id: string,
): ImageDetector | undefined {
  return detectors.find((d) => d.id === id);
}
