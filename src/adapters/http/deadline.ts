/**
 * Waiting on a hook of the embedder's (loading a customer, a readiness probe) for a bounded time.
 * @internal
 */

/**
 * What `start` resolves to, unless `ms` pass first: then its signal is aborted and the promise
 * rejects with `new Error(reason)`. A `start` that throws rejects the same way as one that
 * rejects; the timer never outlives the wait.
 */
export async function withDeadline<T>(start: (signal: AbortSignal) => Promise<T>, ms: number, reason: string): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      start(controller.signal),
      new Promise<never>((_, reject) => { timer = setTimeout(() => { controller.abort(); reject(new Error(reason)); }, ms); }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
