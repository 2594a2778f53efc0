/**
 * One part of a replay, as a worker runs it (or the command itself, with one worker): the
 * policies as their JSON documents, the assumptions with the end date fixed for every part.
 * The answer is a report or the library's refusal as plain data (an error class does not cross
 * a thread).
 */
import { CreditBlockError, definePolicy, replayPolicy, type Issue, type ReplayInput, type ReplayReport } from "credit-block";

/** What a part needs. */
export interface ReplayTask {
  readonly policy: unknown;
  readonly compare?: unknown;
  readonly lossAfterDays?: number;
  readonly conversion?: string;
  /** The whole history's last day (every part judges losses on it); absent: the part's own. */
  readonly endDate?: string | undefined;
  readonly input: ReplayInput;
}

/** A part's report, or the library's refusal. */
export type ReplayAnswer = { readonly report: ReplayReport } | { readonly refused: { readonly code: string; readonly issues: readonly Issue[] } };

/**
 * Replays one part.
 *
 * @example
 * ```ts
 * runTask({ policy, endDate: "2026-12-01", input: { sales: [], receivables: [] } });
 * ```
 */
export function runTask(task: ReplayTask): ReplayAnswer {
  try {
    return {
      report: replayPolicy(task.input, {
        policy: definePolicy(task.policy),
        ...(task.compare === undefined ? {} : { compare: definePolicy(task.compare) }),
        ...(task.lossAfterDays === undefined ? {} : { lossAfterDays: task.lossAfterDays }),
        ...(task.conversion === undefined ? {} : { conversion: task.conversion }),
        ...(task.endDate === undefined ? {} : { endDate: task.endDate }),
      }),
    };
  } catch (error) {
    if (error instanceof CreditBlockError) return { refused: { code: error.code, issues: error.issues } };
    throw error;
  }
}
