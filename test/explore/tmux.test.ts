import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT, TmuxSession } from "./tmux.js";

const EXAMPLE = "examples/bloated-app.tar";
const sessions: TmuxSession[] = [];

async function explore(o: { width: number; height: number; env?: Record<string, string> }) {
  const s = await TmuxSession.start(["explore", EXAMPLE], o);
  sessions.push(s);
  await s.waitFor((screen) => screen.includes("Files · L6"));
  return s;
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
});

// Each session starts the CLI through tsx and analyses the example image (~5-10 s here).
describe("ballast explore in a real terminal (tmux)", { timeout: 120_000 }, () => {
  it("walks layers, files, filters and help at 80×24, then quits restoring the screen", async () => {
    const s = await explore({ width: 80, height: 24 });
    let screen = await s.screen();
    const lines = screen.split("\n").filter(Boolean);
    expect(lines).toHaveLength(24);
    expect(lines.every((l) => [...l].length <= 80)).toBe(true);
    expect(screen).toContain("1/7 rows · 24 files");
    expect(screen).toMatch(/│M +381 kB +197 kB ▸ app\//);

    // Layer 1 (RUN apt-get update), only what it changed, everything expanded.
    await s.keys("[", "[", "[", "[", "[", "a", "e");
    screen = await s.waitFor((x) => x.includes("Files · L1 · changes"));
    expect(screen).toContain("Command  RUN apt-get update");
    expect(screen).toMatch(/│A +164 kB +164 kB +pkgcache\.bin/);

    // Jump from the wasted pkgcache.bin to the layer that deleted it.
    await s.keys("/", "pkgcache*", "Enter");
    await s.waitFor((x) => x.includes('"pkgcache*"') && x.includes("/4 rows"));
    await s.keys("G", "H");
    screen = await s.waitFor((x) => x.includes("hidden by layer 2"));
    expect(screen).toContain("Files · L2");
    // Layer 2 (apt-get install) rewrote it: 174,080 bytes (tarfile), the 163,840 before are waste.
    expect(screen).toMatch(/│M +174 kB +164 kB +pkgcache\.bin/);

    // The mouse wheel moves the cursor (SGR report, button 65 = wheel down).
    await s.keys("x", "a", "c", "g");
    await s.waitFor((x) => /1\/\d+ rows/.test(x) && x.includes("L2 · all"));
    await s.literal("\x1b[<65;50;10M");
    await s.waitFor((x) => /4\/\d+ rows/.test(x));

    await s.keys("?");
    await s.waitFor((x) => x.includes("Help (any key closes)"));
    await s.keys("j");
    await s.waitFor((x) => !x.includes("Help (any key closes)"));

    await s.keys("q");
    screen = await s.waitFor((x) => x.includes("EXIT=0"));
    expect(screen).not.toContain("┌─ Layers");
  });

  it("redraws on resize, degrades below 80 columns, and keeps colours off under NO_COLOR", async () => {
    const s = await explore({ width: 100, height: 30, env: { NO_COLOR: "1" } });
    const coloured = /\x1b\[(?:3[0-7]|9[0-7]|38;)/;
    expect(await s.screen(true)).not.toMatch(coloured);
    await s.tmux("resize-window", "-t", "t", "-x", "60", "-y", "20");
    let screen = await s.waitFor((x) => x.startsWith("┌─ Files · L6"));
    expect(screen.split("\n").filter(Boolean)).toHaveLength(20);
    await s.keys("Tab");
    screen = await s.waitFor((x) => x.startsWith("┌─ Layers"));
    await s.tmux("resize-window", "-t", "t", "-x", "30", "-y", "6");
    await s.waitFor((x) => x.startsWith("Terminal too small (30×6)"));
    await s.keys("C-c");
    await s.waitFor((x) => x.includes("EXIT=0"));
  });

  it("shows colours in a colour terminal, and restores the terminal on SIGTERM", async () => {
    const s = await explore({ width: 80, height: 24 });
    expect(await s.screen(true)).toMatch(/\x1b\[(?:3[0-7]|9[0-7]|38;)/);
    const shell = (await readFile(`${s.dir}/pid`, "utf8")).trim();
    const node = Number((await s.run("pgrep", "-P", shell)).trim());
    process.kill(node, "SIGTERM");
    const screen = await s.waitFor((x) => x.includes("EXIT="));
    expect(screen).toContain("EXIT=143");
    expect(screen).not.toContain("┌─ Layers");
  });

  it.each(["first frame", "key"])(
    "restores the terminal and shows the error when the %s throws (fault injected: a report whose findings throw)",
    async (when) => {
      const src = (p: string) => JSON.stringify(`${ROOT}src/${p}`);
      const script = `
import { openImage } from ${src("sources/index.ts")};
import { analyzeImage } from ${src("analysis/analyze.ts")};
import { scanImage } from ${src("analysis/scan.ts")};
import { exploreData } from ${src("explore/data.ts")};
delete process.env.CI;
// ink reads CI when it is first imported, so the view is imported after CI is gone, as the CLI does.
const { runTerminal } = await import(${src("explore/terminal.ts")});
const image = await openImage(${JSON.stringify(EXAMPLE)});
const scan = await scanImage(image);
const report = await analyzeImage(image);
let armed = ${JSON.stringify(when === "first frame")};
const findings = report.findings;
Object.defineProperty(report, "findings", { get() { if (armed) throw new Error("injected fault"); return findings; } });
const data = exploreData(report, scan.layers.map((l) => l.entries));
try {
  await runTerminal(data, { stdin: process.stdin, stdout: process.stdout, color: true, onFirstFrame: () => (armed = true) });
} catch (err) {
  console.error("caught: " + err.message);
  process.exitCode = 2;
}
`;
      const s = await TmuxSession.start([], { width: 80, height: 24, script });
      sessions.push(s);
      if (when === "key") {
        await s.waitFor((x) => x.includes("Files · L6"));
        await s.keys("j");
      }
      const screen = await s.waitFor((x) => x.includes("EXIT="));
      expect(screen).toContain("caught: injected fault");
      expect(screen).toContain("EXIT=2");
      expect(screen).not.toContain("┌─ Layers");
    },
  );
});
