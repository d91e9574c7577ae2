import type { Finding } from "../../src/model/finding.js";
import type { ImageReport, LayerReport, WasteItem } from "../../src/model/report.js";

/** A hand-built report: layer sizes and waste items given, every total derived from them. */
export function makeReport(o: {
  layers: [compressed: number, size: number, createdBy?: string, id?: string][];
  waste?: Partial<WasteItem>[];
  findings?: Finding[];
  reference?: string;
}): ImageReport {
  const layers: LayerReport[] = o.layers.map(([compressedSize, size, createdBy, id], index) => ({
    index,
    digest: `sha256:${(id ?? String(index)).padStart(64, "a")}`,
    diffId: `sha256:${(id ?? String(index)).padStart(64, "b")}`,
    mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
    compression: "gzip",
    compressedSize,
    size,
    createdBy: createdBy ?? `RUN step ${index}`,
    added: 1,
    modified: 0,
    deleted: 0,
    visibleBytes: size,
  }));
  const items: WasteItem[] = (o.waste ?? []).map((w, i) => ({
    path: `/waste/${i}`,
    size: 0,
    files: 1,
    layer: 0,
    createdBy: "",
    hiddenBy: 0,
    hiddenByCreatedBy: "",
    kind: "deleted",
    ...w,
  }));
  const sum = (k: WasteItem["kind"]) =>
    items.filter((i) => i.kind === k).reduce((s, i) => s + i.size, 0);
  const uncompressed = layers.reduce((s, l) => s + l.size, 0);
  const reclaimable = sum("shadowed") + sum("deleted");
  return {
    schemaVersion: 1,
    image: {
      reference: o.reference ?? "oci:/tmp/x",
      transport: "oci",
      manifestMediaType: "application/vnd.oci.image.manifest.v1+json",
      configDigest: `sha256:${"c".repeat(64)}`,
      os: "linux",
      architecture: "amd64",
      user: "",
      entrypoint: null,
      cmd: null,
      env: [],
      exposedPorts: [],
      labels: {},
    },
    size: {
      compressed: layers.reduce((s, l) => s + l.compressedSize, 0),
      uncompressed,
      visible: uncompressed - reclaimable,
      files: 10,
    },
    layerCount: layers.length,
    layers,
    waste: { reclaimable, shadowed: sum("shadowed"), deleted: sum("deleted"), items },
    duplicates: { bytes: 0, groups: [] },
    largestFiles: [],
    largestDirectories: [],
    dive: {
      efficiency: 1,
      sizeBytes: uncompressed,
      userSizeBytes: uncompressed - (layers[0]?.size ?? 0),
      wastedBytes: 0,
      userWastedPercent: 0,
      inefficientFiles: [],
    },
    findings: o.findings ?? [],
  };
}

export const finding = (
  rule: string,
  severity: Finding["severity"],
  paths?: string[],
): Finding => ({ rule, severity, message: `${rule} message`, ...(paths ? { paths } : {}) });
