/**
 * The replay worker that the command's pool (tinypool, https://github.com/tinylibs/tinypool)
 * loads in each thread: built as `dist/replayWorker.js`.
 */
import { runTask, type ReplayAnswer, type ReplayTask } from "./task.js";

/** Runs one part of a replay in this thread. @example `pool.run(task)` */
export default function replayPart(task: ReplayTask): ReplayAnswer {
  return runTask(task);
}
