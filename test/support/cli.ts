import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const distCli = join(root, "dist/cli.js");

function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Node's arguments that run the `credit-block` command: the built CLI when there is one at least
 * as new as the sources (what `npm test` runs: it builds first), else the sources through tsx,
 * in the same single node process. Never builds.
 */
export const cliArgs: readonly string[] = existsSync(distCli) && statSync(distCli).mtimeMs >= newestUnder(join(root, "src"))
  ? [distCli]
  : ["--import", "tsx", join(root, "src/adapters/cli/bin.ts")];

/** Which of the two {@link cliArgs} is, for test names. */
export const cliKind = cliArgs.length === 1 ? "dist/cli.js" : "src through tsx (dist/cli.js absent or older than src)";
