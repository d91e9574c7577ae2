import { describe, expect, it } from "vitest";
import shell from "../../src/analysis/findings/shell-in-image.js";
import packageManager from "../../src/analysis/findings/package-manager-in-image.js";
import networkTool from "../../src/analysis/findings/network-tool-in-image.js";
import setuid from "../../src/analysis/findings/setuid-file.js";
import worldWritable from "../../src/analysis/findings/world-writable.js";
import rootUser, { isRootUser } from "../../src/analysis/findings/root-user.js";
import exposedPorts from "../../src/analysis/findings/exposed-ports.js";
import { detect, layer } from "./image.js";

const usrmerge = {
  bin: { kind: "symlink" as const, link: "usr/bin" },
  "usr/bin/": { kind: "dir" as const },
};

describe("shell-in-image", () => {
  it("groups shells by the layer that added them and tells base from user", () => {
    const found = detect(shell, {
      layers: [
        layer({
          ...usrmerge,
          "usr/bin/dash": { size: 125000 },
          "usr/bin/sh": { kind: "symlink", link: "dash" },
        }),
        layer({ "usr/bin/bash": { size: 1265648 } }),
      ],
      history: ["debootstrap --variant=minbase bookworm", "/bin/sh -c apt-get install -y bash"],
    });
    expect(found.map((f) => [f.layer, f.origin, f.bytes, f.paths])).toEqual([
      [0, "base", 125000, ["/usr/bin/dash", "/usr/bin/sh"]],
      [1, "user", 1265648, ["/usr/bin/bash"]],
    ]);
    expect(found[0].message).toMatch(/^Shells from the base image: dash, sh\./);
    expect(found[1].message).toMatch(/^Shells added on top of the base image: bash\./);
  });
  it("finds busybox and /usr/local/bin, ignores look-alikes and directories", () => {
    const found = detect(shell, {
      layers: [
        layer({
          "bin/busybox": { size: 10 },
          "usr/local/bin/zsh": { size: 5 },
          "usr/bin/shasum": { size: 1 },
          "usr/bin/bash/": { kind: "dir" },
          "opt/sh": { size: 1 },
        }),
      ],
    });
    expect(found.flatMap((f) => f.paths)).toEqual(["/bin/busybox", "/usr/local/bin/zsh"]);
  });
  it("is silent on an image without shells", () => {
    expect(detect(shell, { layers: [layer({ app: { size: 10 } })] })).toEqual([]);
  });
});

describe("package-manager-in-image / network-tool-in-image", () => {
  const img = {
    layers: [
      layer({
        "usr/bin/apt-get": { size: 1 },
        "usr/bin/dpkg": { size: 2 },
        "usr/local/bin/pip3.12": { size: 3 },
        "usr/local/bin/npm": { kind: "symlink", link: "../lib/node_modules/npm/bin/npm-cli.js" },
        "usr/bin/curl": { size: 4 },
        "bin/nc": { kind: "symlink", link: "busybox" },
        "usr/bin/apt-config": { size: 1 },
        "usr/bin/curl-config": { size: 1 },
      }),
    ],
  };
  it("lists package managers including pip and npm", () => {
    expect(detect(packageManager, img)[0].paths).toEqual([
      "/usr/bin/apt-get",
      "/usr/bin/dpkg",
      "/usr/local/bin/npm",
      "/usr/local/bin/pip3.12",
    ]);
  });
  it("lists download tools, busybox applet links included", () => {
    const found = detect(networkTool, img);
    expect(found[0].paths).toEqual(["/bin/nc", "/usr/bin/curl"]);
    expect(found[0].severity).toBe("warning");
  });
});

describe("setuid-file", () => {
  it("reports setuid and setgid files with their owner, not plain executables", () => {
    const found = detect(setuid, {
      layers: [
        layer({
          "usr/bin/su": { size: 70000, mode: 0o4755 },
          "usr/bin/chage": { size: 80000, mode: 0o2755, gid: 42 },
          "usr/bin/ls": { size: 1, mode: 0o755 },
        }),
      ],
    });
    expect(found).toHaveLength(1);
    expect(found[0].paths).toEqual(["/usr/bin/chage", "/usr/bin/su"]);
    expect(found[0].bytes).toBe(150000);
    expect(found[0].message).toContain("chage (setgid gid 42), su (setuid uid 0)");
  });
  it("forgets a file whose bit a later layer removed", () => {
    expect(
      detect(setuid, {
        layers: [
          layer({ "usr/bin/su": { size: 1, mode: 0o4755 } }),
          layer({ "usr/bin/su": { size: 1, mode: 0o755 } }),
        ],
      }),
    ).toEqual([]);
  });
});

describe("world-writable", () => {
  it("flags o+w directories without sticky bit and o+w files, accepts /tmp", () => {
    const found = detect(worldWritable, {
      layers: [
        layer({
          "tmp/": { kind: "dir", mode: 0o1777 },
          "app/": { kind: "dir", mode: 0o777 },
          "app/run.sh": { size: 3, mode: 0o777 },
          "etc/": { kind: "dir", mode: 0o755 },
          "etc/l": { kind: "symlink", link: "x" },
        }),
      ],
    });
    expect(found.flatMap((f) => f.paths)).toEqual(["/app", "/app/run.sh"]);
  });
});

describe("root-user", () => {
  it.each([
    ["", true],
    ["root", true],
    ["0", true],
    ["0:0", true],
    ["root:staff", true],
    ["nobody", false],
    ["65532:65532", false],
    ["1000", false],
  ])("User %j → root %s", (user, root) => {
    expect(isRootUser(user)).toBe(root);
    expect(detect(rootUser, { layers: [[]], config: { User: user } })).toHaveLength(root ? 1 : 0);
  });
});

describe("exposed-ports", () => {
  it("lists ports and calls out privileged ones", () => {
    const [f] = detect(exposedPorts, {
      layers: [[]],
      config: { ExposedPorts: { "8080/tcp": {}, "80/tcp": {} } },
    });
    expect(f.message).toBe(
      "The image exposes 80/tcp, 8080/tcp. 80/tcp is below 1024: binding needs root or CAP_NET_BIND_SERVICE; listen on a high port instead.",
    );
  });
  it("is silent without ExposedPorts", () => {
    expect(detect(exposedPorts, { layers: [[]], config: {} })).toEqual([]);
  });
});
