// Runs one `ballast` command in a fresh process, from the built package (dist/), and prints
// its wall time, CPU time and peak RSS as JSON: the measure is the process's own.
const { main } = await import(new URL("../dist/cli/main.js", import.meta.url).href);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let err = "";
const code = await main(process.argv.slice(2), {
  stdout: () => undefined,
  stderr: (t) => void (err += t),
  stderrIsTTY: false,
  stdoutIsTTY: false,
  env: process.env,
  cwd: process.cwd(),
});
if (code !== 0) {
  process.stderr.write(err);
  process.exit(code);
}
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
