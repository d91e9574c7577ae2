import { captureIO } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";

/** Analyzes one image `times` times in this process and prints RSS and heap at start and end (flat memory). */
export async function soak(image: string, times: number): Promise<void> {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  await main(["analyze", image, "--format", "json"], captureIO());
  global.gc?.();
  const start = process.memoryUsage();
  for (let i = 0; i < times; i++) {
    const code = await main(["analyze", image, "--format", "json"], captureIO());
    if (code !== 0 && code !== 1) throw new Error(`analyze exited ${code} on run ${i}`);
  }
  global.gc?.();
  const end = process.memoryUsage();
  console.log(
    `soak: analyze ${image.split("/").pop()} ${times} times: RSS ${mb(start.rss)} → ${mb(end.rss)}, heap ${mb(start.heapUsed)} → ${mb(end.heapUsed)}`,
  );
}
