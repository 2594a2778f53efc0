import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChunkDecoder, decideEncoding } from "../../src/adapters/cli/ledger/encoding.js";
import { openCsvLedger } from "../../src/adapters/cli/ledger/index.js";

const dir = mkdtempSync(join(tmpdir(), "credit-block-chunks-"));
const text = fc.string({ unit: fc.constantFrom("a", "é", "ç", "ã", "€", "😀", ";", "\n", "1"), maxLength: 200 });

describe("reading a file in chunks: every boundary gives the same text", () => {
  it("the UTF-8 decoder joins sequences cut by a chunk boundary, and its buffers are its own (property)", () => {
    fc.assert(fc.property(text, fc.integer({ min: 1, max: 7 }), (value, size) => {
      const bytes = Buffer.from(value, "utf8");
      const decoder = new ChunkDecoder(decideEncoding(bytes, "t.csv"), "t.csv");
      // One reused read buffer, as the reader uses it: a view kept across reads would be overwritten.
      const buffer = Buffer.alloc(size);
      const out: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) {
        const n = bytes.copy(buffer, 0, at, Math.min(at + size, bytes.length));
        out.push(Buffer.from(decoder.push(buffer.subarray(0, n), false) as Uint8Array));
      }
      out.push(Buffer.from(decoder.push(new Uint8Array(0), true) as Uint8Array));
      expect(Buffer.concat(out).toString("utf8")).toBe(value);
    }), { numRuns: 500 });
  });

  it("a ledger read 1 to 64 bytes at a time gives the receivables and lines read at once (property)", async () => {
    const names = fc.string({ unit: fc.constantFrom("J", "o", "s", "é", "ç", "ã", ";", '"', " "), minLength: 1, maxLength: 8 });
    const row = fc.record({ name: names, cents: fc.integer({ min: 1, max: 99_999_999 }), day: fc.integer({ min: 1, max: 28 }), month: fc.integer({ min: 1, max: 12 }) });
    await fc.assert(fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 64 }), fc.boolean(), async (rows, size, bom) => {
      const money = (c: number) => `${Math.floor(c / 100).toLocaleString("pt-BR")},${String(c % 100).padStart(2, "0")}`;
      const lines = ["Título;Cliente;Valor;Vencimento", ...rows.map((r, i) => `T${i};"${r.name.replace(/"/g, '""')}";${money(r.cents)};${String(r.day).padStart(2, "0")}/${String(r.month).padStart(2, "0")}/2026`)];
      const path = join(dir, "l.csv");
      writeFileSync(path, (bom ? "\uFEFF" : "") + lines.join("\r\n") + "\r\n");
      const read = async (chunkSize?: number) => {
        const ledger = await openCsvLedger(path, { ...(chunkSize ? { chunkSize } : {}), dateFormat: "dd/MM/yyyy" });
        const receivables = [...ledger.receivables];
        return { receivables, lines: receivables.map((_, i) => ledger.lineOf(i)), rejected: ledger.rejected.report() };
      };
      const whole = await read();
      expect(whole.rejected).toEqual([]);
      expect(whole.receivables.map((r) => r.customerId)).toEqual(rows.map((r) => r.name.trim() || undefined));
      expect(await read(size)).toEqual(whole);
    }), { numRuns: 150 });
  });
});
