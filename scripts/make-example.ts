/**
 * Generates examples/bloated-app.tar, the small image the README's first command analyzes:
 * an oci-archive with gzip layers that makes the usual mistakes on purpose — apt lists
 * removed a layer too late, a .deb and a pip cache left behind, a compiler kept, a .git
 * directory copied in, a duplicated asset, `chown -R` storing the app twice, root user.
 * Deterministic: the same bytes on every run (fixed mtimes, seeded pseudo-random content).
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import tarStream from "tar-stream";

type Entry = {
  name: string;
  content?: Buffer | string;
  type?: "directory" | "symlink";
  linkname?: string;
  mode?: number;
  uid?: number;
};
const MTIME = new Date("2026-01-01T00:00:00Z");

/** xorshift32 bytes: incompressible like real binaries, reproducible from a seed. */
function noise(seed: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Package-index-like text: compresses the way real apt lists do. */
function packagesList(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      `Package: pkg-${i}\nVersion: 1.${i % 17}.${i % 5}-${i % 3}\nArchitecture: amd64\nInstalled-Size: ${(i * 37) % 9000}\nDepends: libc6 (>= 2.36), lib${i % 97}\nDescription: example package number ${i}\nSHA256: ${createHash("sha256").update(String(i)).digest("hex")}\n`,
    );
  }
  return lines.join("\n");
}

/** Versions as Debian 12 ships them, so runtime and libc detection read real-looking data. */
const VERSIONS: Record<string, string> = {
  "base-files": "12.4+deb12u8",
  bash: "5.2.15-2+b7",
  libc6: "2.36-9+deb12u9",
  apt: "2.6.1",
  dpkg: "1.21.22",
  curl: "7.88.1-10+deb12u8",
  "ca-certificates": "20230311",
  python3: "3.11.2-1+b1",
  "python3.11": "3.11.2-6+deb12u4",
  gcc: "4:12.2.0-3",
  "gcc-12": "12.2.0-14",
  "libc6-dev": "2.36-9+deb12u9",
};

/** What the base layer installed; the apt-get layer adds to it. */
const BASE_PACKAGES = ["base-files", "bash", "libc6", "apt", "dpkg", "curl", "ca-certificates"];

function dpkgStatus(packages: string[]): string {
  return packages
    .map(
      (p) =>
        `Package: ${p}\nStatus: install ok installed\nPriority: optional\nArchitecture: amd64\nVersion: ${VERSIONS[p]}\n`,
    )
    .join("\n");
}

async function tar(entries: Entry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => pack.on("end", r));
  for (const e of entries) {
    const type = e.type ?? "file";
    // A file entry without a buffer would wait for its body to be streamed in.
    const body =
      e.content !== undefined
        ? Buffer.from(e.content)
        : type === "file"
          ? Buffer.alloc(0)
          : undefined;
    pack.entry(
      {
        name: e.name,
        type,
        linkname: e.linkname,
        mode: e.mode ?? (type === "directory" ? 0o755 : 0o644),
        uid: e.uid ?? 0,
        gid: e.uid ?? 0,
        mtime: MTIME,
        size: body?.length ?? 0,
      },
      body,
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

const dirs = (...names: string[]): Entry[] =>
  names.map((name) => ({ name: `${name}/`, type: "directory" }));
const appPy = `import os\nfrom http.server import HTTPServer, SimpleHTTPRequestHandler\nHTTPServer(("", int(os.environ.get("PORT", "8080"))), SimpleHTTPRequestHandler).serve_forever()\n`;
const logo = noise(7, 96 * 1024);

export const LAYERS: { createdBy: string; entries: Entry[] }[] = [
  {
    createdBy: "/bin/sh -c #(nop) ADD file:3d6e1a4c0b5f… in / ",
    entries: [
      ...dirs(
        "bin",
        "etc",
        "usr",
        "usr/bin",
        "usr/lib",
        "usr/lib/x86_64-linux-gnu",
        "var",
        "var/lib",
        "var/lib/dpkg",
        "tmp",
        "etc/ssl",
        "etc/ssl/certs",
      ),
      {
        name: "etc/os-release",
        content:
          'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
      },
      { name: "etc/debian_version", content: "12.8\n" },
      { name: "bin/bash", content: noise(1, 320 * 1024), mode: 0o755 },
      { name: "bin/sh", type: "symlink", linkname: "bash" },
      { name: "usr/bin/apt-get", content: noise(2, 48 * 1024), mode: 0o755 },
      { name: "usr/bin/dpkg", content: noise(3, 96 * 1024), mode: 0o755 },
      { name: "usr/bin/curl", content: noise(4, 64 * 1024), mode: 0o755 },
      { name: "usr/lib/x86_64-linux-gnu/libc.so.6", content: noise(5, 480 * 1024), mode: 0o755 },
      {
        name: "etc/ssl/certs/ca-certificates.crt",
        content:
          "-----BEGIN CERTIFICATE-----\n" +
          noise(6, 3000).toString("base64") +
          "\n-----END CERTIFICATE-----\n",
      },
      {
        name: "var/lib/dpkg/status",
        content: dpkgStatus(BASE_PACKAGES),
      },
    ],
  },
  {
    createdBy: "/bin/sh -c apt-get update",
    entries: [
      ...dirs("var/lib/apt", "var/lib/apt/lists", "var/cache", "var/cache/apt"),
      {
        name: "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages",
        content: packagesList(2500),
      },
      {
        name: "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease",
        content: packagesList(60),
      },
      { name: "var/cache/apt/pkgcache.bin", content: noise(8, 160 * 1024) },
    ],
  },
  {
    createdBy: "/bin/sh -c apt-get install -y python3 gcc",
    entries: [
      ...dirs(
        "usr/lib/python3.11",
        "usr/lib/python3.11/__pycache__",
        "usr/include",
        "var/cache/apt/archives",
      ),
      { name: "usr/bin/python3.11", content: noise(9, 560 * 1024), mode: 0o755 },
      { name: "usr/bin/python3", type: "symlink", linkname: "python3.11" },
      {
        name: "usr/lib/python3.11/os.py",
        content: "# os module\n" + "def f():\n    return 1\n".repeat(900),
      },
      { name: "usr/lib/python3.11/__pycache__/os.cpython-311.pyc", content: noise(10, 24 * 1024) },
      { name: "usr/bin/gcc-12", content: noise(11, 240 * 1024), mode: 0o755 },
      { name: "usr/bin/gcc", type: "symlink", linkname: "gcc-12" },
      {
        name: "usr/include/stdio.h",
        content: "/* stdio */\n" + "extern int printf(const char *, ...);\n".repeat(300),
      },
      {
        name: "var/cache/apt/archives/python3.11_3.11.2-6+deb12u4_amd64.deb",
        content: noise(12, 200 * 1024),
      },
      { name: "var/cache/apt/pkgcache.bin", content: noise(13, 170 * 1024) },
      {
        name: "var/lib/dpkg/status",
        content: dpkgStatus([
          ...BASE_PACKAGES,
          "python3",
          "python3.11",
          "gcc",
          "gcc-12",
          "libc6-dev",
        ]),
      },
    ],
  },
  {
    createdBy: "COPY . /app # buildkit",
    entries: [
      ...dirs("app", "app/static", "app/.git", "app/.git/objects", "app/.git/objects/pack"),
      { name: "app/app.py", content: appPy },
      { name: "app/requirements.txt", content: "requests==2.32.3\n" },
      { name: "app/static/logo.png", content: logo },
      { name: "app/static/logo@1x.png", content: logo },
      { name: "app/.git/HEAD", content: "ref: refs/heads/main\n" },
      { name: "app/.git/objects/pack/pack-5f1d.pack", content: noise(14, 180 * 1024) },
    ],
  },
  {
    createdBy: "RUN /bin/sh -c pip install -r /app/requirements.txt # buildkit",
    entries: [
      ...dirs(
        "root",
        "root/.cache",
        "root/.cache/pip",
        "root/.cache/pip/http",
        "usr/local",
        "usr/local/lib",
        "usr/local/lib/python3.11",
        "usr/local/lib/python3.11/site-packages",
        "usr/local/lib/python3.11/site-packages/requests",
      ),
      {
        name: "root/.cache/pip/http/requests-2.32.3-py3-none-any.whl",
        content: noise(15, 64 * 1024),
      },
      {
        name: "usr/local/lib/python3.11/site-packages/requests/__init__.py",
        content: "# requests\n" + "import sys\n".repeat(400),
      },
    ],
  },
  {
    createdBy: "RUN /bin/sh -c rm -rf /var/lib/apt/lists/* # buildkit",
    entries: [
      {
        name: "var/lib/apt/lists/.wh.deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages",
      },
      { name: "var/lib/apt/lists/.wh.deb.debian.org_debian_dists_bookworm_InRelease" },
    ],
  },
  {
    createdBy: "RUN /bin/sh -c chown -R 1000:1000 /app # buildkit",
    entries: [
      { name: "app/", type: "directory", uid: 1000 },
      { name: "app/app.py", content: appPy, uid: 1000 },
      { name: "app/requirements.txt", content: "requests==2.32.3\n", uid: 1000 },
      { name: "app/static/logo.png", content: logo, uid: 1000 },
      { name: "app/static/logo@1x.png", content: logo, uid: 1000 },
    ],
  },
];

const sha = (b: Buffer | string) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

/** Writes the example image to `out`. */
export async function writeExample(out: string): Promise<void> {
  const blobs: Entry[] = [];
  const put = (data: Buffer) => {
    const digest = sha(data);
    if (!blobs.some((b) => b.name.endsWith(digest.slice(7))))
      blobs.push({ name: `blobs/sha256/${digest.slice(7)}`, content: data });
    return { digest, size: data.length };
  };
  const tars = await Promise.all(LAYERS.map((l) => tar(l.entries)));
  const layers = tars.map((t) => ({
    mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
    ...put(gzipSync(t, { level: 9 })),
  }));
  const history = LAYERS.flatMap((l, i) => [
    { created: MTIME.toISOString(), created_by: l.createdBy },
    ...(i === 0
      ? [
          {
            created: MTIME.toISOString(),
            created_by: '/bin/sh -c #(nop)  CMD ["bash"]',
            empty_layer: true,
          },
        ]
      : []),
  ]);
  history.push({
    created: MTIME.toISOString(),
    created_by: "ENV API_TOKEN=sk_live_example_not_a_real_token",
    empty_layer: true,
  });
  history.push({
    created: MTIME.toISOString(),
    created_by: 'CMD ["python3", "/app/app.py"]',
    empty_layer: true,
  });
  const config = Buffer.from(
    JSON.stringify({
      created: MTIME.toISOString(),
      architecture: "amd64",
      os: "linux",
      config: {
        Env: [
          "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          "API_TOKEN=sk_live_example_not_a_real_token",
        ],
        Cmd: ["python3", "/app/app.py"],
        WorkingDir: "/app",
        ExposedPorts: { "8080/tcp": {} },
      },
      rootfs: { type: "layers", diff_ids: tars.map(sha) },
      history,
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", ...put(config) },
      layers,
    }),
  );
  const index = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        ...put(manifest),
        annotations: { "org.opencontainers.image.ref.name": "bloated-app" },
        platform: { architecture: "amd64", os: "linux" },
      },
    ],
  };
  const archive = await tar([
    { name: "oci-layout", content: JSON.stringify({ imageLayoutVersion: "1.0.0" }) },
    { name: "index.json", content: JSON.stringify(index) },
    ...dirs("blobs", "blobs/sha256"),
    ...blobs,
  ]);
  writeFileSync(out, archive);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await writeExample(process.argv[2] ?? "examples/bloated-app.tar");
