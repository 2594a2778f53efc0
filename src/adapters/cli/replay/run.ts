/**
 * Runs a replay over its parts: in this thread, or across a worker pool (tinypool, an optional
 * peer dependency of the command) when `--workers` asks for more than one. The parts' reports are
 * merged in part order; since merge is associative and commutative the result is the same for
 * any worker count. A refusal by the library is said with each item's place in the whole
 * history (its CSV line when it came from a CSV).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { CreditBlockError, mergeReplayReports, type Issue, type ReplayReport } from "credit-block";
import { FileProblem } from "../ledger/problems.js";
import type { Progress } from "../progress.js";
import type { ListName } from "./input.js";
import type { Part } from "./partition.js";
import { runTask, type ReplayAnswer, type ReplayTask } from "./task.js";

/** How many threads `--workers` means: a count, or `auto` (the machine's cores, at most 8). */
export function workerCount(flag: string | undefined): number {
  if (flag === undefined || flag === "auto") return Math.min(8, availableParallelism());
  if (!/^\d{1,3}$/.test(flag) || Number(flag) < 1) throw new FileProblem(`--workers "${flag}" is not a number of threads from 1 (or auto)`);
  return Number(flag);
}

/** The worker script next to the built command (dist/replayWorker.js); absent when run from source. */
const WORKER = new URL("./replayWorker.js", import.meta.url);

type Pool = { run(task: ReplayTask): Promise<ReplayAnswer>; destroy(): Promise<void> };
type PoolClass = new (options: Record<string, unknown>) => Pool;

async function openPool(workers: number, explicit: boolean, script: URL): Promise<Pool | undefined> {
  if (workers <= 1) return undefined;
  if (script.protocol !== "file:" || !existsSync(fileURLToPath(script))) return undefined;
  try {
    const name = "tinypool";
    const module = (await import(name)) as { Tinypool?: PoolClass; default?: PoolClass };
    const Tinypool = module.Tinypool ?? module.default;
    if (Tinypool === undefined) throw new Error("no Tinypool");
    return new Tinypool({ filename: script.href, minThreads: workers, maxThreads: workers });
  } catch {
    if (explicit) throw new FileProblem("--workers needs the tinypool package: npm install tinypool (or pass --workers 1)");
    return undefined;
  }
}

const LIST_RANK: Readonly<Record<string, number>> = { customers: 0, sales: 1, payments: 2, receivables: 3 };

/**
 * A part's issues with `sales[3]…` rewritten into the item's place in the whole history, each
 * with the rank of its list and its index there, to sort the issues of every part into one list.
 */
function placedInOrder(issues: readonly Issue[], part: Part, placeOf: (list: ListName, index: number) => string | undefined): { issue: Issue; rank: number; index: number; order: number }[] {
  return placed(issues, part, placeOf).map((issue, order) => {
    const at = /^(sales|receivables|payments|customers)\[(\d+)\]/.exec(issues[order]?.path ?? "");
    const list = at?.[1] as ListName | undefined;
    return { issue, rank: list === undefined ? -1 : (LIST_RANK[list] ?? 4), index: list === undefined ? -1 : (part.origin[list][Number(at?.[2])] ?? -1), order };
  });
}

/** Rewrites `sales[3]…` of a part into the item's place in the whole history. */
function placed(issues: readonly Issue[], part: Part, placeOf: (list: ListName, index: number) => string | undefined): Issue[] {
  const rewrite = (text: string) => text.replace(/\b(sales|receivables|payments|customers)\[(\d+)\]/g, (whole, list: ListName, i: string) => {
    const index = part.origin[list][Number(i)];
    if (index === undefined) return whole;
    return placeOf(list, index) ?? `${list}[${index}]`;
  });
  return issues.map((i) => ({ ...i, path: rewrite(i.path), message: rewrite(i.message) }));
}

/**
 * Replays every part and merges their reports.
 *
 * @example
 * ```ts
 * const report = await runParts(parts, (input) => ({ policy, endDate: "2026-12-01", input }), { workers: 2, explicit: true, placeOf: () => undefined, progress });
 * ```
 */
export async function runParts(
  parts: readonly Part[],
  taskOf: (input: Part["input"]) => ReplayTask,
  how: {
    readonly workers: number;
    readonly explicit: boolean;
    readonly placeOf: (list: ListName, index: number) => string | undefined;
    readonly progress: Progress;
    /** The worker script (default: the built one next to the command). */
    readonly script?: URL;
  },
): Promise<ReplayReport> {
  const pool = await openPool(Math.min(how.workers, parts.length), how.explicit, how.script ?? WORKER);
  let done = 0;
  const finished = (part: Part, answer: ReplayAnswer): ReplayAnswer => {
    const sales: unknown = (part.input as { sales?: unknown } | null)?.sales;
    done += Array.isArray(sales) ? sales.length : 0;
    how.progress.update(done, done);
    return answer;
  };
  let answers: ReplayAnswer[];
  try {
    answers = pool === undefined
      ? parts.map((part) => finished(part, runTask(taskOf(part.input))))
      : await Promise.all(parts.map(async (part) => finished(part, await pool.run(taskOf(part.input)))));
  } finally {
    await pool?.destroy();
    how.progress.stop();
  }
  // Every part's refusal, in the order of the items in the whole history: one error as the
  // library would give over the whole (it caps the list it prints).
  const refusals = answers.flatMap((answer, i) => ("refused" in answer ? placedInOrder(answer.refused.issues, parts[i] as Part, how.placeOf) : []));
  if (refusals.length > 0) {
    const code = answers.find((a): a is Extract<ReplayAnswer, { refused: unknown }> => "refused" in a)?.refused.code ?? "INVALID_INPUT";
    refusals.sort((a, b) => a.rank - b.rank || a.index - b.index || a.order - b.order);
    throw new CreditBlockError(code as CreditBlockError["code"], refusals.map((r) => r.issue));
  }
  let report: ReplayReport | undefined;
  for (const answer of answers) if ("report" in answer) report = report === undefined ? answer.report : mergeReplayReports(report, answer.report);
  if (report === undefined) throw new FileProblem("nothing to replay");
  return report;
}
