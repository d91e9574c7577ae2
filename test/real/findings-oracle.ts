import { execFileSync } from "node:child_process";

/** Independent readings of an oci-archive's layers with GNU tar, never with ballast's code. */
const sh = (script: string, args: string[] = []): string =>
  execFileSync("bash", ["-c", script, "oracle", ...args], { maxBuffer: 1 << 30 }).toString();

/** Regular files of layer `n` of an oci-archive, as `tar -tvz` lists them (size is column 3). */
export function layerFiles(archive: string, n: number): Map<string, number> {
  const index = JSON.parse(sh('tar -xOf "$1" index.json', [archive]));
  const manifest = JSON.parse(
    sh('tar -xOf "$1" "blobs/sha256/$2"', [archive, index.manifests[0].digest.split(":")[1]]),
  );
  const blob = manifest.layers[n].digest.split(":")[1];
  const files = new Map<string, number>();
  for (const line of sh('tar -xOf "$1" "blobs/sha256/$2" | tar -tvzf -', [archive, blob]).split(
    "\n",
  )) {
    const m = /^-\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.*)$/.exec(line);
    if (m) files.set(m[2].replace(/^\.\//, ""), Number(m[1]));
  }
  return files;
}

/** Σ sizes of a layer's regular files whose path matches. */
export function bytesUnder(files: Map<string, number>, re: RegExp): number {
  let total = 0;
  for (const [path, size] of files) if (re.test(path)) total += size;
  return total;
}

/** One file's content from layer `n` (for dpkg .list files). */
export function layerFile(archive: string, n: number, path: string): string {
  const index = JSON.parse(sh('tar -xOf "$1" index.json', [archive]));
  const manifest = JSON.parse(
    sh('tar -xOf "$1" "blobs/sha256/$2"', [archive, index.manifests[0].digest.split(":")[1]]),
  );
  return sh('tar -xOf "$1" "blobs/sha256/$2" | tar -xOzf - "$3"', [
    archive,
    manifest.layers[n].digest.split(":")[1],
    path,
  ]);
}
