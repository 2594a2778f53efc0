import { readFileSync } from "node:fs";
import { main } from "./index.js";

const code = await main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: () => readFileSync(0, "utf8"),
  isTTY: process.stderr.isTTY,
  progressStream: process.stderr,
  now: () => new Date(),
});
// `serve` resolves only once the server has stopped (SIGTERM/SIGINT, drained) or failed to
// start; every command ends with its exit code, so a service manager sees failures.
// Output to a pipe is written asynchronously: exiting at once would cut a big report at 64 kB.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write("", () => { resolve(); }));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
