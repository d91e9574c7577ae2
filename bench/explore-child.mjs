// One `ballast explore` session in a fresh process, on the built package (dist/), with ink
// drawing into a fake 120×40 terminal: time to the first screen against the analysis time,
// each scripted key's latency (model update + ink frame written), and memory.
import { Writable } from "node:stream";

const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const [{ openImage }, { scanImage }, { buildReport }, findings] = await Promise.all([
  dist("sources/index.js"),
  dist("analysis/scan.js"),
  dist("analysis/analyze.js"),
  dist("analysis/findings/index.js"),
]);

const t0 = performance.now();
// As the CLI does: the view's modules (ink, react) load while the image is read.
const view = Promise.all([
  dist("explore/data.js"),
  dist("explore/state.js"),
  dist("explore/update.js"),
  dist("explore/terminal.js"),
  import("ink"),
]);
const image = await openImage(process.argv[2]);
const scan = await scanImage(image, { capture: findings.captureFor(image.config) });
const report = buildReport(scan, {
  detectors: findings.DETECTORS,
  describeBase: findings.describeBase,
});
const analysisSeconds = (performance.now() - t0) / 1000;
const analysisPeakMB = process.resourceUsage().maxRSS / 1024;

const [{ exploreData }, { initialState }, { update }, { frame, styledLine }, { render }] =
  await view;
const { screen } = await dist("explore/screen.js");
let written = 0;
const stdout = Object.assign(
  new Writable({ write: (chunk, _e, done) => ((written += chunk.length), done()) }),
  { isTTY: true, columns: 120, rows: 40 },
);
const data = exploreData(
  report,
  scan.layers.map((l) => l.entries),
);
let state = initialState(data, 120, 40);
const ink = render(frame(state, true), {
  stdout,
  exitOnCtrlC: false,
  patchConsole: false,
  maxFps: 240,
});
const firstScreenSeconds = (performance.now() - t0) / 1000;

// A session at the 200k-file tree: expand all, page and move, filter, layer switches,
// show-only, sort, blame jumps, collapse. Each key is timed from input to frame written.
const keys = [
  "e",
  ...Array(20).fill("pagedown"),
  ...Array(30).fill("down"),
  "end",
  "home",
  "[",
  "[",
  "[",
  "]",
  "]",
  "]",
  "a",
  "a",
  "s",
  "s",
  "W",
  "W",
  "A",
  "x",
  "/",
  ..."*.bin",
  "enter",
  "/",
  "ctrl-u",
  ..."re:/d4[0-9]/f1",
  "enter",
  "x",
  ...Array(10).fill("pagedown"),
  "w",
  "H",
  "tab",
  "up",
  "up",
  "down",
  "tab",
  "c",
  "e",
  "G",
  "c",
];
const latencies = [];
// Floor: the model's answer and the same screen written as plain text, without ink.
const floors = [];
for (const key of keys) {
  const prev = state;
  let t = performance.now();
  const before = written;
  state = update(prev, key);
  ink.rerender(frame(state, true));
  if (written === before) await new Promise((r) => setImmediate(r));
  latencies.push(performance.now() - t);
  t = performance.now();
  stdout.write(
    screen(update(prev, key))
      .map((l) => styledLine(l, true))
      .join("\n"),
  );
  floors.push(performance.now() - t);
}
ink.unmount();
const p99Of = (xs) =>
  xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.99) - 1)];
const p99 = p99Of(latencies);
const floorP99 = p99Of(floors);
process.stdout.write(
  JSON.stringify({
    files: report.size.files,
    nodes: data.tree.size,
    analysisSeconds,
    firstScreenSeconds,
    keys: latencies.length,
    p50: latencies[Math.floor(latencies.length / 2)],
    p99,
    max: latencies.at(-1),
    floorP99,
    loadAverage: (await import("node:os")).loadavg()[0],
    analysisPeakMB,
    peakMB: process.resourceUsage().maxRSS / 1024,
  }),
);
