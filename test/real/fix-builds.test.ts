import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectBuilder, type Builder } from "../../src/build/builder.js";
import { compareTexts } from "../../src/build/compare.js";
import type { Comparison } from "../../src/build/measure.js";
import { fixVariants } from "../../src/cli/build-compare.js";
import { fixFile } from "../../src/cli/fix-run.js";
import { main } from "../../src/cli/main.js";
import { lintText } from "../../src/lint/lint.js";
import { BASE, BUILDAH_ARGS, RUN_LABEL, buildah, cliIO, mb, storeImageIds } from "./fix-helpers.js";
import { startPipIndex } from "./pip-index.js";

interface Case {
  name: string;
  files: Record<string, string>;
  /** Hand-written: the Dockerfile after `fix --write` and then `fix --write --unsafe-fixes`. */
  fixed: string;
  run: string[];
  output: RegExp;
  /** Measured uncompressed bytes the fixes must save at least. */
  minSaved: number;
  attribute?: boolean;
  /** Bytes (uncompressed) a fix group's step must save at least, when attributed. */
  stepSaves?: Record<string, number>;
}

const HELLO_PY = 'print("hello from python")\n';
let pipIndex = "";

function cases(): Case[] {
  return [
    {
      name: "split update/install, recommends, no cleanup, chown after COPY",
      files: {
        "app.py": HELLO_PY,
        Dockerfile: `FROM ${BASE}\n${RUN_LABEL}\nRUN apt-get update\nRUN apt-get install -y python3\nCOPY app.py /app/\nRUN chown -R nobody:nogroup /app\nUSER nobody\nCMD ["python3", "/app/app.py"]\n`,
      },
      fixed: `FROM ${BASE}\n${RUN_LABEL}\nRUN apt-get update \\\n    && apt-get install --no-install-recommends -y python3 \\\n    && apt-get clean && rm -rf /var/lib/apt/lists/*\nCOPY --chown=nobody:nogroup app.py /app/\nUSER nobody\nCMD ["python3", "/app/app.py"]\n`,
      run: ["sh", "-c", "python3 /app/app.py && stat -c %U /app /app/app.py"],
      output: /^hello from python\nnobody\nnobody\n$/,
      minSaved: 20e6,
    },
    {
      name: "pip with its cache, apt lists removed in a later layer",
      files: {
        "app.py": "import ballastdemo\nprint('hello from ballastdemo', ballastdemo.SIZE)\n",
        Dockerfile: `FROM ${BASE}\n${RUN_LABEL}\nRUN apt-get update && apt-get install -y --no-install-recommends python3-pip\nCOPY app.py /app/\nRUN rm -rf /var/lib/apt/lists/*\nRUN pip install --break-system-packages --index-url ${pipIndex} --trusted-host 127.0.0.1 ballastdemo\nCMD ["python3", "/app/app.py"]\n`,
      },
      fixed: `FROM ${BASE}\n${RUN_LABEL}\nRUN apt-get update && apt-get install -y --no-install-recommends python3-pip && apt-get clean && rm -rf /var/lib/apt/lists/*\nCOPY app.py /app/\nRUN pip install --no-cache-dir --break-system-packages --index-url ${pipIndex} --trusted-host 127.0.0.1 ballastdemo\nCMD ["python3", "/app/app.py"]\n`,
      run: ["python3", "/app/app.py"],
      output: /^hello from ballastdemo 4194304\n$/,
      minSaved: 4 << 20,
      attribute: true,
      // The wheel's 4 MiB stay in pip's HTTP cache without --no-cache-dir (pip caches plain-HTTP
      // responses only from a --trusted-host, as it does every HTTPS response from PyPI).
      stepSaves: { "pip-no-cache-dir": 4 << 20, "apt-lists-not-removed": 20e6 },
    },
    {
      name: "build toolchain kept, recommends, no cleanup",
      files: {
        "hello.c": '#include <stdio.h>\nint main(void) { puts("hello from c"); return 0; }\n',
        Dockerfile: `FROM ${BASE}\n${RUN_LABEL}\nCOPY hello.c /src/hello.c\nRUN apt-get update && apt-get install -y gcc libc6-dev && gcc -O2 -o /usr/local/bin/hello /src/hello.c\nCMD ["/usr/local/bin/hello"]\n`,
      },
      // --unsafe-fixes includes the multi-stage conversion (issue 14): gcc stays in the build stage.
      fixed: `# Build stage: the original steps.\nFROM ${BASE} AS build\nCOPY hello.c /src/hello.c\nRUN apt-get update && apt-get install --no-install-recommends -y gcc libc6-dev && gcc -O2 -o /usr/local/bin/hello /src/hello.c && apt-get clean && rm -rf /var/lib/apt/lists/*\n\n# Runtime stage (ballast fix --multi-stage): only what the program needs to run; the build tools stay in the build stage.\nFROM localhost/debian:bookworm-slim\n# the program built in the build stage\nCOPY --from=build /usr/local/bin/hello /usr/local/bin/hello\n# Moved from the single stage unchanged: LABEL, CMD (they say how the image runs).\n${RUN_LABEL}\nCMD ["/usr/local/bin/hello"]\n# Caveat: runtime libraries guessed from the -dev packages; \`ballast fix --multi-stage --verify\` finds them from the built binaries (ELF DT_NEEDED)\n`,
      run: ["/usr/local/bin/hello"],
      output: /^hello from c\n$/,
      minSaved: 30e6,
    },
  ];
}

describe("ballast fix on bloated Debian Dockerfiles, built and measured with buildah", () => {
  let root: string;
  let builder: Builder;
  let closeIndex: () => Promise<void>;
  let imagesBefore: string[];
  const results: { name: string; c: Comparison }[] = [];

  beforeAll(async () => {
    // The multi-stage conversion's runtime base for the lab's Debian: its slim sibling, here the same image.
    await buildah("tag", BASE, "localhost/debian:bookworm-slim");
    imagesBefore = await storeImageIds();
    root = await mkdtemp(path.join(tmpdir(), "ballast-fixbuilds-"));
    const index = await startPipIndex();
    pipIndex = index.url;
    closeIndex = index.close;
    builder = await detectBuilder("buildah", {
      buildahArgs: BUILDAH_ARGS,
      env: { ...process.env, BUILDAH_ISOLATION: "chroot" },
    });
  });

  afterAll(async () => {
    await closeIndex?.();
    await rm(root, { recursive: true, force: true });
    for (const { name, c } of results) {
      const steps = c.steps
        .map(
          (s) =>
            `\n    ${s.label}: ${mb(s.measure.compressed)} compressed, ${mb(s.measure.uncompressed)} uncompressed, ${s.measure.layerCount} layers`,
        )
        .join("");
      console.log(
        `${name}\n  before: ${mb(c.before.compressed)} compressed, ${mb(c.before.uncompressed)} uncompressed, ${c.before.layerCount} layers, ${mb(c.before.reclaimable)} reclaimable\n  after:  ${mb(c.after.compressed)} compressed, ${mb(c.after.uncompressed)} uncompressed, ${c.after.layerCount} layers, ${mb(c.after.reclaimable)} reclaimable${steps}`,
      );
    }
  });

  for (const [i, name] of cases().map((c, n) => [n, c.name] as const)) {
    it(name, async () => {
      const c = cases()[i];
      const dir = path.join(root, `case${i}`);
      await import("node:fs/promises").then((fs) => fs.mkdir(dir));
      for (const [f, text] of Object.entries(c.files)) await writeFile(path.join(dir, f), text);
      const file = path.join(dir, "Dockerfile");
      const original = c.files.Dockerfile;
      // The measured variants come from the original, as `fix --verify --unsafe-fixes` builds them.
      const run = await fixFile(file, { cwd: dir, ignore: [], unsafe: true, config: false });
      const { variants } = await fixVariants(run, {
        unsafe: true,
        attribute: c.attribute === true,
      });
      // Safe, then unsafe, through the command a user runs.
      for (const args of [
        ["fix", "--write", "--no-config"],
        ["fix", "--write", "--unsafe-fixes", "--no-config"],
      ]) {
        const io = cliIO(dir);
        expect(await main(args, io), io.err).toBe(0);
      }
      const fixed = await readFile(file, "utf8");
      expect(fixed).toBe(c.fixed);
      expect(variants[variants.length - 1].text).toBe(c.fixed);
      const again = await lintText(fixed);
      expect(again.filter((f) => f.fix && f.fix.applicability !== "display-only")).toEqual([]);
      const comparison = await compareTexts(builder, dir, original, variants, {
        check: async (tag) => {
          const r = await builder.run(tag, c.run);
          expect(r.code, r.stderr).toBe(0);
          expect(r.stdout).toMatch(c.output);
        },
      });
      results.push({ name: c.name, c: comparison });
      expect(comparison.before.uncompressed - comparison.after.uncompressed).toBeGreaterThanOrEqual(
        c.minSaved,
      );
      expect(comparison.after.compressed).toBeLessThan(comparison.before.compressed);
      expect(comparison.after.reclaimable).toBeLessThanOrEqual(comparison.before.reclaimable);
      if (c.attribute) expect(comparison.steps.length).toBe(variants.length);
      let previous = comparison.before;
      for (const step of comparison.steps) {
        const rule = step.label.replace(/^\+ /, "");
        const min = c.stepSaves?.[rule];
        if (min !== undefined)
          expect(previous.uncompressed - step.measure.uncompressed, rule).toBeGreaterThanOrEqual(
            min,
          );
        previous = step.measure;
      }
    });
  }

  it("leaves no image behind", async () => {
    expect(await storeImageIds()).toEqual(imagesBefore);
  });
});
