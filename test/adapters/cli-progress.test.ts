import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/adapters/cli/index.js";

const dir = mkdtempSync(join(tmpdir(), "credit-block-progress-"));
const rows = Array.from({ length: 30_000 }, (_, i) => `T${i};C${i % 50};10,00;01/10/2026`);
const ledger = join(dir, "carteira.csv");
writeFileSync(ledger, ["Título;Cliente;Valor;Vencimento", ...rows].join("\r\n") + "\r\n");

/** A terminal-like stream that keeps what is drawn on it. */
function terminal(isTTY: boolean): Writable & { text: string; isTTY: boolean; columns: number } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string; isTTY: boolean; columns: number; cursorTo: () => boolean; clearLine: () => boolean; moveCursor: () => boolean };
  stream.text = "";
  stream.isTTY = isTTY;
  stream.columns = 120;
  stream.cursorTo = () => true;
  stream.clearLine = () => true;
  stream.moveCursor = () => true;
  return stream;
}

async function aging(flags: string[], tty: boolean) {
  const stream = terminal(tty);
  let out = "";
  const code = await main(["aging", "--receivables", ledger, "--as-of", "2026-11-23", "--format", "json", ...flags], {
    stdout: (t) => (out += t), stderr: () => {}, stdin: () => "", isTTY: tty, now: () => new Date(), progressStream: stream,
  });
  return { code, drawn: stream.text, report: JSON.parse(out) as { count: number } };
}

describe("progress bar (cli-progress)", () => {
  it("draws on a terminal: percentage, rows, rows/s and ETA, ending at 100% of the file", async () => {
    const { code, drawn, report } = await aging([], true);
    expect([code, report.count]).toEqual([0, 30_000]);
    expect(drawn).toMatch(/100% \| 30\.000 rows \| [\d.]+ rows\/s \| ETA \d+s/);
  });

  it("draws nothing on a pipe, or with --no-progress; --progress asks for it on a pipe", async () => {
    expect((await aging([], false)).drawn).toBe("");
    expect((await aging(["--no-progress"], true)).drawn).toBe("");
    expect((await aging(["--progress"], false)).drawn).toMatch(/rows\/s/);
  });
});
