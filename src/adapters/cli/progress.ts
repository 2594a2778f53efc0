/**
 * A progress bar on the terminal while a big file is read (`cli-progress`, an optional peer
 * dependency of the command): bytes read of the file's size, rows, rows/s and ETA. Shown on a
 * TTY unless `--no-progress`; never on a pipe unless `--progress` asks for it.
 */
import { FileProblem } from "./ledger/index.js";

/** What a command tells the bar. */
export interface Progress {
  update(bytesRead: number, rows: number): void;
  stop(): void;
}

const NONE: Progress = { update: () => {}, stop: () => {} };

interface Bar {
  start(total: number, value: number, payload: Record<string, unknown>): void;
  update(value: number, payload: Record<string, unknown>): void;
  stop(): void;
}
type BarClass = new (options: Record<string, unknown>) => Bar;

/**
 * Starts a bar over `total` bytes when the flags and the terminal call for one.
 *
 * @example
 * ```ts
 * const progress = await startProgress({ tty: process.stderr.isTTY, stream: process.stderr, flag: undefined }, size);
 * progress.update(bytesRead, rows);
 * progress.stop();
 * ```
 */
export async function startProgress(where: { tty: boolean; stream: NodeJS.WritableStream | undefined; flag: boolean | undefined }, total: number): Promise<Progress> {
  const wanted = where.flag ?? where.tty;
  if (!wanted || where.stream === undefined || total === 0) return NONE;
  let SingleBar: BarClass;
  try {
    const name = "cli-progress";
    const module = (await import(name)) as { SingleBar?: BarClass; default?: { SingleBar: BarClass } };
    // CommonJS package: the named export comes through Node's interop, or under `default`.
    const found = module.SingleBar ?? module.default?.SingleBar;
    if (found === undefined) throw new Error("no SingleBar");
    SingleBar = found;
  } catch {
    // Asked for by name: say what is missing. Merely on a terminal: read without a bar.
    if (where.flag === true) throw new FileProblem("--progress needs the cli-progress package: npm install cli-progress");
    return NONE;
  }
  const bar = new SingleBar({
    stream: where.stream,
    format: "{bar} {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}",
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    clearOnComplete: true,
    noTTYOutput: !where.tty,
    notTTYSchedule: 2000,
    etaBuffer: 64,
  });
  const started = performance.now();
  bar.start(total, 0, { rows: "0", speed: "0" });
  return {
    update(bytesRead, rows) {
      const seconds = (performance.now() - started) / 1000;
      bar.update(bytesRead, { rows: rows.toLocaleString("pt-BR"), speed: seconds > 0 ? Math.round(rows / seconds).toLocaleString("pt-BR") : "0" });
    },
    stop: () => { bar.stop(); },
  };
}
