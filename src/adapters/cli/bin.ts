import { readFileSync } from "node:fs";
import { main } from "./index.js";

const code = await main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: () => readFileSync(0, "utf8"),
  isTTY: process.stderr.isTTY,
  now: () => new Date(),
});
// `serve` keeps running; everything else ends with its exit code.
if (process.argv[2] !== "serve") process.exit(code);
