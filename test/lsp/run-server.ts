import { setFlagsFromString } from "node:v8";

// The CLI from sources, for tests that spawn `ballast lsp --stdio` as an editor would; V8 flags as bin/ballast.js sets them.
setFlagsFromString("--liftoff-only");
const { main } = await import("../../src/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
