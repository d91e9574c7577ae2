import type { CliIO } from "./io.js";

/** Progress of reading an image, drawn on one stderr line. All methods are no-ops when silent. */
export interface Progress {
  /** For `OpenOptions.onProgress`: only `layer: -1` events (a whole-image transfer such as an engine's save stream) are drawn here; layer reads come through the analyzer hooks. */
  onSource(event: { layer: number; bytes: number }): void;
  /** Call once the image is open: the layers' stored sizes are the totals. */
  begin(layerSizes: number[]): void;
  onLayerBytes(layer: number, bytes: number): void;
  onLayerDone(layer: number): void;
  /** Clears the line; call before printing the report or an error. */
  end(): void;
}

const REDRAW_MS = 100;
const SILENT: Progress = {
  onSource() {},
  begin() {},
  onLayerBytes() {},
  onLayerDone() {},
  end() {},
};

/** Whether to draw: a terminal on stderr, not `--quiet`, not CI (where logs keep every redraw). */
export function progressEnabled(io: CliIO, quiet: boolean): boolean {
  const ci = io.env.CI;
  return io.stderrIsTTY && !quiet && !(ci && ci !== "0" && ci.toLowerCase() !== "false");
}

export function createProgress(io: CliIO, quiet: boolean, now: () => number = Date.now): Progress {
  if (!progressEnabled(io, quiet)) return SILENT;
  let total = 0;
  let layers = 0;
  let done = 0;
  let bytes = 0;
  let sourceBytes = 0;
  let drawn = false;
  let last = 0;
  const draw = (line: string, force = false) => {
    const t = now();
    if (!force && t - last < REDRAW_MS) return;
    last = t;
    drawn = true;
    io.stderr(`\r\x1b[2K${line}`);
  };
  return {
    onSource(event) {
      if (event.layer !== -1) return;
      sourceBytes = event.bytes;
      draw(`receiving image  ${formatBytes(sourceBytes)}`);
    },
    begin(layerSizes) {
      total = layerSizes.reduce((a, b) => a + b, 0);
      layers = layerSizes.length;
      draw(`reading layers  0/${layers}  0 B / ${formatBytes(total)}`, true);
    },
    onLayerBytes(_layer, n) {
      bytes += n;
      draw(`reading layers  ${done}/${layers}  ${formatBytes(bytes)} / ${formatBytes(total)}`);
    },
    onLayerDone() {
      done++;
      draw(
        `reading layers  ${done}/${layers}  ${formatBytes(bytes)} / ${formatBytes(total)}`,
        true,
      );
    },
    end() {
      if (drawn) io.stderr("\r\x1b[2K");
      drawn = false;
    },
  };
}

/** 1536 → "1.5 KiB"; binary units, as `du -h` and the report use. */
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}
