/**
 * `serve`'s signal handling: SIGTERM and SIGINT drain, SIGHUP reloads, for as long as the
 * server is open.
 * @internal
 */
import type { Server } from "node:http";
import type { Server as HttpsServer } from "node:https";

/** The drains signals started in this process (several servers may share one). */
const signalStops = new Set<Promise<void>>();

/** Listens for the signals until `server` closes: `stop` on SIGTERM/SIGINT, `reload` on SIGHUP. */
export function handleSignals(server: Server | HttpsServer, stop: (signal: string) => Promise<void>, reload: () => Promise<boolean>): void {
  const onStop = (signal: string) => {
    // Listening for the signal took its default (exit) away. If nobody else listens, ending
    // the process is ours: a handler still awaiting its database after the cut must not keep
    // a stopped service alive until the service manager kills it.
    const ours = process.listenerCount(signal) === 0;
    signalStops.add(stop(signal));
    // A second of grace for the embedder's own cleanup (closing its database pool), unref'd:
    // a process that ends by itself never waits for it.
    if (ours) void Promise.all(signalStops).then(() => { setTimeout(() => process.exit(), 1_000).unref(); });
  };
  const onHup = () => void reload();
  process.once("SIGTERM", onStop);
  process.once("SIGINT", onStop);
  process.on("SIGHUP", onHup);
  server.once("close", () => {
    process.off("SIGTERM", onStop);
    process.off("SIGINT", onStop);
    process.off("SIGHUP", onHup);
  });
}
