import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Independent readings of a docker-archive with tar and dpkg-query, never with ballast's code. */
const sh = (script: string, args: string[] = [], input?: Buffer): Buffer =>
  execFileSync("bash", ["-c", script, "oracle", ...args], {
    maxBuffer: 1 << 30,
    ...(input ? { input } : {}),
  });

export function dockerManifest(archive: string): {
  config: { rootfs: { diff_ids: string[] } };
  layers: string[];
} {
  const [m] = JSON.parse(sh('tar -xOf "$1" manifest.json', [archive]).toString());
  const config = JSON.parse(sh('tar -xOf "$1" "$2"', [archive, m.Config]).toString());
  return { config, layers: m.Layers };
}

/** Σ regular-file sizes over every layer, from `tar -tv` listings (GNU tar: size is column 3). */
export function uncompressedBytes(archive: string): number {
  const out = sh(
    `for l in $(tar -xOf "$1" manifest.json | grep -o '[^"]*\\.tar'); do tar -xOf "$1" "$l" | tar -tvf - ; done | awk '/^-/ {s += $3} END {printf "%d", s}'`,
    [archive],
  );
  return Number(out.toString());
}

/** Compressed bytes of an oci-archive: Σ layers[].size of the manifest index.json points to. */
export function ociCompressedBytes(archive: string): number {
  const index = JSON.parse(sh('tar -xOf "$1" index.json', [archive]).toString());
  const hex = index.manifests[0].digest.split(":")[1];
  const manifest = JSON.parse(sh('tar -xOf "$1" "blobs/sha256/$2"', [archive, hex]).toString());
  return manifest.layers.reduce((s: number, l: { size: number }) => s + l.size, 0);
}

/** Installed package names of the image's final dpkg status, as dpkg-query lists them. */
export function installedPackages(archive: string): Set<string> {
  const { layers } = dockerManifest(archive);
  for (const layer of [...layers].reverse()) {
    let status: Buffer;
    try {
      status = sh(
        `tar -xOf "$1" "$2" | tar -xOf - --wildcards '*var/lib/dpkg/status' 2>/dev/null`,
        [archive, layer],
      );
    } catch {
      continue;
    }
    if (status.length === 0) continue;
    const admin = mkdtempSync(join(tmpdir(), "ballast-dpkg-"));
    mkdirSync(join(admin, "info"));
    writeFileSync(join(admin, "status"), status);
    writeFileSync(join(admin, "available"), "");
    const list = execFileSync("dpkg-query", [
      `--admindir=${admin}`,
      "-W",
      "-f=${db:Status-Status} ${Package}\\n",
    ]).toString();
    return new Set(
      list
        .split("\n")
        .filter((l) => l.startsWith("installed "))
        .map((l) => l.slice("installed ".length)),
    );
  }
  throw new Error(`${archive}: no var/lib/dpkg/status in any layer`);
}

/** Compressed size of each layer of an oci-archive, from its manifest. */
export function ociLayerSizes(archive: string): number[] {
  const index = JSON.parse(sh('tar -xOf "$1" index.json', [archive]).toString());
  const hex = index.manifests[0].digest.split(":")[1];
  const manifest = JSON.parse(sh('tar -xOf "$1" "blobs/sha256/$2"', [archive, hex]).toString());
  return manifest.layers.map((l: { size: number }) => l.size);
}

/** Regular-file bytes written by each layer of a docker-archive, from `tar -tv` listings. */
export function dockerLayerFileBytes(archive: string): number[] {
  return dockerManifest(archive).layers.map((layer) =>
    Number(
      sh(`tar -xOf "$1" "$2" | tar -tvf - | awk '/^-/ {s += $3} END {printf "%d", s}'`, [
        archive,
        layer,
      ]).toString(),
    ),
  );
}

/**
 * Bytes of regular files under `dir` in the image's root filesystem, unpacked by umoci (an
 * independent implementation of the OCI layer rules); hard links are counted once.
 */
export function unpackedBytes(layout: string, tag: string, dir: string): number {
  const out = mkdtempSync(join(tmpdir(), "ballast-umoci-"));
  // Not root: umoci cannot chown, and --rootless keeps sizes the same.
  const rootless = process.getuid?.() === 0 ? "" : "--rootless";
  sh(`umoci unpack ${rootless} --image "$1:$2" "$3/bundle" >/dev/null`, [layout, tag, out]);
  const total = sh(
    `cd "$1/bundle/rootfs" && find "./$2" -type f -printf '%i %s\\n' | sort -u | awk '{s += $2} END {printf "%d", s}'`,
    [out, dir.replace(/^\/+/, "")],
  );
  sh('rm -rf "$1"', [out]);
  return Number(total.toString());
}
