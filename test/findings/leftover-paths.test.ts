import aptLists from "../../src/analysis/findings/leftover-apt-lists.js";
import aptArchives from "../../src/analysis/findings/leftover-apt-archives.js";
import apkCache from "../../src/analysis/findings/leftover-apk-cache.js";
import rpmCache from "../../src/analysis/findings/leftover-rpm-cache.js";
import pipCache from "../../src/analysis/findings/leftover-pip-cache.js";
import nodeCache from "../../src/analysis/findings/leftover-node-cache.js";
import goCache from "../../src/analysis/findings/leftover-go-cache.js";
import jvmCache from "../../src/analysis/findings/leftover-jvm-build-cache.js";
import cargoCache from "../../src/analysis/findings/leftover-cargo-cache.js";
import pyc, { sourceOf } from "../../src/analysis/findings/leftover-python-bytecode.js";
import gitDir from "../../src/analysis/findings/leftover-git-dir.js";
import docs from "../../src/analysis/findings/leftover-docs.js";
import headers from "../../src/analysis/findings/leftover-headers-static-libs.js";
import tests from "../../src/analysis/findings/leftover-package-tests.js";
import temp from "../../src/analysis/findings/leftover-temp-files.js";
import { pathTable } from "./table.js";

pathTable(aptLists, {
  hit: ["var/lib/apt/lists/x_Packages"],
  miss: ["var/lib/apt/extended_states", "var/cache/apt/pkgcache.bin", "var/lib/apt/listsx/a"],
});
pathTable(aptArchives, {
  hit: [
    "var/cache/apt/pkgcache.bin",
    "var/cache/apt/srcpkgcache.bin",
    "var/cache/apt/archives/python3_3.11.2-1_amd64.deb",
    "var/cache/apt/archives/partial/x.deb",
  ],
  miss: ["var/lib/apt/lists/x", "var/cache/debconf/config.dat", "usr/share/apt/x.deb"],
});
pathTable(apkCache, {
  hit: ["var/cache/apk/APKINDEX.abc.tar.gz", "etc/apk/cache/curl-8.apk"],
  miss: ["lib/apk/db/installed", "etc/apk/repositories"],
});
pathTable(rpmCache, {
  hit: [
    "var/cache/dnf/fedora-abc/repodata/primary.xml.zst",
    "var/cache/yum/x86_64/7/base/repomd.xml",
    "var/cache/libdnf5/x.solv",
    "var/cache/zypp/raw/x",
  ],
  miss: ["var/lib/rpm/rpmdb.sqlite", "var/lib/dnf/history.sqlite"],
});
pathTable(pipCache, {
  hit: ["root/.cache/pip/http-v2/a/b", "home/app/.cache/pip/wheels/x.whl", "tmp/xdg/.cache/pip/x"],
  miss: ["root/.cache/other/x", "usr/lib/python3/dist-packages/pip/cache.py"],
});
pathTable(nodeCache, {
  hit: [
    "root/.npm/_cacache/content-v2/sha512/ab/cd",
    "usr/local/share/.cache/yarn/v6/npm-x.tgz",
    "home/node/.cache/pnpm/x",
    "root/.local/share/pnpm/store/v3/files/x",
    "app/.pnpm-store/v3/x",
    "root/.cache/node-gyp/20.1.0/include/node/node.h",
  ],
  miss: [
    "root/.npm/_logs/debug.log",
    "app/node_modules/x/index.js",
    "usr/local/lib/node_modules/npm/lib/cache.js",
  ],
});
pathTable(goCache, {
  hit: [
    "root/.cache/go-build/ab/cdef-d",
    "go/pkg/mod/github.com/x/y@v1/a.go",
    "root/go/pkg/mod/cache/download/x.zip",
  ],
  miss: ["usr/local/go/pkg/tool/linux_amd64/compile", "go/bin/app"],
});
pathTable(jvmCache, {
  hit: [
    "root/.m2/repository/org/x/x.jar",
    "home/gradle/.gradle/caches/modules-2/x.jar",
    "root/.gradle/wrapper/dists/gradle-8/x.zip",
  ],
  miss: ["app/app.jar", "root/.gradle/gradle.properties"],
});
pathTable(cargoCache, {
  hit: [
    "root/.cargo/registry/cache/x.crate",
    "usr/local/cargo/registry/index/x",
    "usr/local/cargo/git/checkouts/x",
  ],
  miss: ["usr/local/cargo/bin/cargo", "root/.cargo/config.toml"],
});
// Each .pyc comes with its .py source, as pip installs them; sourceless bytecode is covered in leftovers.test.ts.
pathTable(
  pyc,
  {
    hit: [
      "usr/local/lib/python3.12/site-packages/requests/__pycache__/api.cpython-312.pyc",
      "usr/lib/python3/dist-packages/apt/__pycache__/x.cpython-311.opt-1.pyc",
      "opt/venv/lib/python3.12/site-packages/six.pyc",
    ],
    miss: [
      "usr/lib/python3.11/__pycache__/os.cpython-311.pyc",
      "app/__pycache__/main.cpython-312.pyc",
      "usr/local/lib/python3.12/site-packages/requests/api.py",
    ],
  },
  undefined,
  (p) => ({ [sourceOf(p)]: { size: 1 } }),
);
pathTable(gitDir, {
  hit: ["app/.git/objects/pack/pack-1.pack", ".git/HEAD", "src/vendor/lib/.git/config"],
  miss: ["app/.gitignore", "app/.github/workflows/ci.yml", "app/git/x"],
});
pathTable(docs, {
  hit: [
    "usr/share/doc/bash/copyright",
    "usr/share/man/man1/ls.1.gz",
    "usr/share/info/coreutils.info.gz",
    "usr/share/locale/fr/LC_MESSAGES/x.mo",
    "usr/local/share/man/man1/x.1",
  ],
  miss: [
    "usr/share/zoneinfo/UTC",
    "usr/lib/locale/C.utf8/LC_CTYPE",
    "usr/share/i18n/SUPPORTED",
    "app/doc/readme.md",
  ],
});
pathTable(headers, {
  hit: [
    "usr/include/stdio.h",
    "usr/local/include/python3.12/Python.h",
    "usr/lib/x86_64-linux-gnu/libc_nonshared.a",
    "usr/local/lib/libfoo.a",
    "lib/x86_64-linux-gnu/libz.a",
  ],
  miss: ["usr/lib/x86_64-linux-gnu/libc.so.6", "app/include/x.h", "usr/share/data.a"],
});
pathTable(tests, {
  hit: [
    "usr/local/lib/python3.12/site-packages/numpy/core/tests/test_x.py",
    "usr/local/lib/python3.12/site-packages/pandas/tests/a.py",
    "app/node_modules/lodash/test/x.js",
    "app/node_modules/@scope/pkg/__tests__/x.js",
    "usr/lib/python3.11/test/regrtest.py",
  ],
  miss: [
    "app/tests/test_app.py",
    "usr/local/lib/python3.12/site-packages/pytest/x.py",
    "app/node_modules/testing-lib/index.js",
  ],
});
pathTable(temp, { hit: ["tmp/build.tar.gz", "var/tmp/x/y"], miss: ["tmpx/a", "app/tmp/a"] });
