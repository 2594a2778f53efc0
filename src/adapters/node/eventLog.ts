/**
 * `serve`'s log: one JSON line per request and per event, each with its ISO `time`.
 * @internal
 */

/** Writes one event line: its name and fields beside the time. */
export type Emit = (event: string, fields?: Record<string, unknown>) => void;

/** The log writing through `writeLine` (default: stderr). A logger that throws is ignored. */
export function eventLog(writeLine: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Emit {
  return (event, fields = {}) => {
    try {
      writeLine(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));
    } catch {
      // A logger that throws (a closed stream, a full disk) must not take the sidecar down.
    }
  };
}
