#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
// The CLI owns its process, so it can choose how V8 compiles WebAssembly: baseline (Liftoff)
// only. Otherwise V8 spent ~0.5 s of background CPU optimising tree-sitter's huge parser
// functions after every shell parse, and the process waited for it before it could exit
// (`ballast lint` 0.70 s → 0.38 s). The other wasm here, undici's HTTP parser, did not slow.
setFlagsFromString("--liftoff-only");
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
