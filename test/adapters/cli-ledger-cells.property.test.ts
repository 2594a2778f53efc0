/**
 * Cells of back-office files, by property: dates through `DateReader` in every shape exports
 * write them and in several host time zones, amounts through `readAmount` as pt-BR and English
 * exports (and Intl) write them, and `writeCsv` read back by a real CSV parser.
 *
 * The zone is switched inside the test (Node applies a new `process.env.TZ` at once), so the
 * date property is checked in America/Sao_Paulo and Pacific/Kiritimati even where .ci/run's
 * time-zone matrix does not rerun this file.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { DateReader, readAmount, type DateOrder } from "../../src/adapters/cli/ledger/cells.js";
import { neutralize, writeCsv } from "../../src/adapters/cli/output.js";

const parseCsv = (text: string, options: { delimiter: string; bom: boolean }): string[][] => parse(text, { ...options, relax_column_count: true });

const ZONES = ["UTC", "America/Sao_Paulo", "Pacific/Kiritimati"] as const;

/** Runs `f` with the host zone set to `zone`, then puts the zone back. */
function inZone<T>(zone: string, f: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

const pad = (n: number | bigint, width = 2) => String(n).padStart(width, "0");
const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const monthLength = (y: number, m: number) => (m === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

interface Civil { y: number; m: number; d: number }
const iso = ({ y, m, d }: Civil) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

const years = fc.oneof(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 9999 }));
const civil: fc.Arbitrary<Civil> = years
  .chain((y) => fc.integer({ min: 1, max: 12 }).chain((m) => fc.integer({ min: 1, max: monthLength(y, m) }).map((d) => ({ y, m, d }))))
;
const time = fc.record({ h: fc.integer({ min: 0, max: 23 }), min: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }) });

/** `c` written in `order`, in one of the shapes exports use. */
function written(c: Civil, order: DateOrder, shape: number, t: { h: number; min: number; s: number }): string {
  if (order === "iso") {
    const date = iso(c);
    return [date, `${date} ${pad(t.h)}:${pad(t.min)}`, `${date}T${pad(t.h)}:${pad(t.min)}:${pad(t.s)}`, `${date} ${pad(t.h)}:${pad(t.min)}:${pad(t.s)}`][shape % 4] as string;
  }
  const [a, b] = order === "dmy" ? [c.d, c.m] : [c.m, c.d];
  const y = pad(c.y, 4);
  return [
    `${pad(a)}/${pad(b)}/${y}`, // dd/MM/yyyy
    `${a}/${b}/${y}`, // d/M/yyyy
    `${pad(a)}/${pad(b)}/${y} ${pad(t.h)}:${pad(t.min)}`, // with a time
    `${a}/${b}/${y} ${t.h}:${pad(t.min)}:${pad(t.s)}`, // Excel's d/M/yyyy H:mm:ss
  ][shape % 4] as string;
}

describe("DateReader: the civil date written, in every host zone", () => {
  it("switching process.env.TZ takes effect here (else the zone loop below proves nothing)", () => {
    expect(inZone("Pacific/Kiritimati", () => new Date(2026, 0, 1).getTimezoneOffset())).toBe(-840);
    expect(inZone("America/Sao_Paulo", () => new Date(2026, 0, 1).getTimezoneOffset())).toBe(180);
  });

  for (const zone of ZONES) {
    it(`any valid date, as dd/MM/yyyy, d/M/yyyy, with a time, MM/dd/yyyy or yyyy-MM-dd, reads as the same ISO date (TZ=${zone})`, () => {
      inZone(zone, () => {
        fc.assert(fc.property(civil, fc.constantFrom<DateOrder>("dmy", "mdy", "iso"), fc.nat(3), time, (c, order, shape, t) => {
          expect(new DateReader(order).read(written(c, order, shape, t))).toBe(iso(c));
        }), {
          numRuns: 600,
          // Days when clocks jump at midnight in America/Sao_Paulo (DST starts), leap days, the epoch's edges.
          examples: [
            [{ y: 2018, m: 11, d: 4 }, "dmy", 0, { h: 0, min: 30, s: 0 }], [{ y: 2016, m: 10, d: 16 }, "iso", 1, { h: 0, min: 0, s: 0 }],
            [{ y: 2024, m: 2, d: 29 }, "mdy", 1, { h: 23, min: 59, s: 59 }], [{ y: 2000, m: 2, d: 29 }, "dmy", 3, { h: 0, min: 0, s: 0 }],
            [{ y: 1, m: 1, d: 1 }, "iso", 0, { h: 0, min: 0, s: 0 }], [{ y: 9999, m: 12, d: 31 }, "dmy", 3, { h: 23, min: 59, s: 59 }],
            [{ y: 1995, m: 1, d: 1 }, "dmy", 0, { h: 0, min: 0, s: 0 }], [{ y: 1994, m: 12, d: 30 }, "iso", 3, { h: 23, min: 59, s: 59 }],
          ],
        });
      });
    });

    it(`days past the month's end, 29/02 of common years, month 0 or 13+, day 0: no date (TZ=${zone})`, () => {
      const beyond = years.chain((y) => fc.integer({ min: 1, max: 12 }).filter((m) => monthLength(y, m) < 31).chain((m) => fc.integer({ min: monthLength(y, m) + 1, max: 31 }).map((d) => ({ y, m, d }))));
      const badMonth = fc.record({ y: years, m: fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })), d: fc.integer({ min: 1, max: 28 }) });
      const dayZero = fc.record({ y: years, m: fc.integer({ min: 1, max: 12 }), d: fc.constant(0) });
      inZone(zone, () => {
        fc.assert(fc.property(fc.oneof(beyond, badMonth, dayZero), fc.constantFrom<DateOrder>("dmy", "mdy", "iso"), fc.nat(3), time, (c, order, shape, t) => {
          expect(new DateReader(order).read(written(c, order, shape, t))).toBeNull();
        }), { numRuns: 400, examples: [[{ y: 2026, m: 2, d: 31 }, "dmy", 0, { h: 0, min: 0, s: 0 }], [{ y: 2025, m: 2, d: 29 }, "dmy", 0, { h: 0, min: 0, s: 0 }], [{ y: 1900, m: 2, d: 29 }, "iso", 0, { h: 0, min: 0, s: 0 }], [{ y: 2026, m: 13, d: 1 }, "dmy", 0, { h: 0, min: 0, s: 0 }]] });
        for (const text of ["31/02/2026", "29/02/2025", "29/02/2100", "01/13/2026", "2026-02-30", "2026-13-01"]) expect(new DateReader(text.includes("-") ? "iso" : "dmy").read(text)).toBeNull();
        expect(new DateReader("mdy").read("13/01/2026")).toBeNull();
      });
    });
  }

  // Pacific/Kiritimati went from UTC−10 to UTC+14 and skipped 1994-12-31; Apia skipped 2011-12-30.
  it("a day the host zone skipped still reads as itself (TZ=Pacific/Kiritimati, 1994-12-31)", () => {
    inZone("Pacific/Kiritimati", () => {
      expect(new DateReader("dmy").read("31/12/1994")).toBe("1994-12-31");
      expect(new DateReader("dmy").read("31/12/1994 10:00")).toBe("1994-12-31");
      expect(new DateReader("iso").read("1994-12-31")).toBe("1994-12-31");
    });
    inZone("Pacific/Apia", () => {
      expect(new DateReader("dmy").read("30/12/2011")).toBe("2011-12-30");
    });
  });
});

/** Canonical decimal of `cents`: "-1234.56". */
const canonical = (cents: bigint) => `${cents < 0n ? "-" : ""}${(cents < 0n ? -cents : cents) / 100n}.${pad((cents < 0n ? -cents : cents) % 100n)}`;

function grouped(whole: bigint, group: string): string {
  let digits = String(whole);
  const parts: string[] = [];
  while (digits.length > 3) {
    parts.unshift(digits.slice(-3));
    digits = digits.slice(0, -3);
  }
  return [digits, ...parts].join(group);
}

/** `cents` as an export writes it: thousands grouped or not, "R$ " or "R$" or nothing before. */
function writtenAmount(cents: bigint, mark: "," | ".", group: boolean, prefix: number): string {
  const abs = cents < 0n ? -cents : cents;
  const digits = `${group ? grouped(abs / 100n, mark === "," ? "." : ",") : String(abs / 100n)}${mark}${pad(abs % 100n)}`;
  const sign = cents < 0n ? "-" : "";
  if (mark === "." || prefix === 0) return `${sign}${digits}`;
  // pt-BR exports put the sign before the symbol ("-R$ 5,00") or after it ("R$ -5,00").
  if (prefix === 1) return `${sign}R$ ${digits}`;
  if (prefix === 2) return `${sign}R$${digits}`;
  return `R$ ${sign}${digits}`;
}

const BRL = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" });
const PT = new Intl.NumberFormat("pt-BR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const EN = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const EN_PLAIN = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
// A decimal string is formatted exactly (Intl.NumberFormat v3): no binary floating point between.
const intl = (format: Intl.NumberFormat, cents: bigint) => format.format(canonical(cents) as unknown as number);

describe("readAmount: any amount in cents, as exports write it, back to its canonical decimal", () => {
  const cents = fc.oneof(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 0n, max: 100_000n }));

  it("pt-BR: 1.234,56 / 1234,56, with R$ before or not, negative too; Intl's pt-BR (R$ with a no-break space) likewise", () => {
    fc.assert(fc.property(cents, fc.boolean(), fc.nat(3), (c, group, prefix) => {
      expect(readAmount(writtenAmount(c, ",", group, prefix), ",")).toBe(canonical(c));
      expect(readAmount(intl(BRL, c), ",")).toBe(canonical(c));
      expect(readAmount(intl(PT, c), ",")).toBe(canonical(c));
    }), { numRuns: 1000, examples: [[0n, false, 0], [5n, true, 1], [-123_456n, true, 3], [100_000_000n, true, 2], [-99n, false, 1]] });
  });

  it("en: 1,234.56 / 1234.56, negative too; Intl's en-US likewise", () => {
    fc.assert(fc.property(cents, fc.boolean(), (c, group) => {
      expect(readAmount(writtenAmount(c, ".", group, 0), ".")).toBe(canonical(c));
      expect(readAmount(intl(EN, c), ".")).toBe(canonical(c));
      expect(readAmount(intl(EN_PLAIN, c), ".")).toBe(canonical(c));
    }), { numRuns: 1000, examples: [[0n, false], [123_456_789n, true], [-100_000n, true]] });
  });

  it("an amount with its cents, read with the other decimal mark, is no amount (never another number)", () => {
    fc.assert(fc.property(cents, fc.boolean(), fc.nat(3), (c, group, prefix) => {
      expect(readAmount(writtenAmount(c, ",", group, prefix), ".")).toBeNull();
      expect(readAmount(writtenAmount(c, ".", group, 0), ",")).toBeNull();
    }), { numRuns: 1000 });
  });
});

describe("writeCsv: what a real CSV parser reads back is the neutralised cells", () => {
  const special = fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", "\r\n", '"', ";", ",", "|", " ", "1", ".", "'", "\uFEFF", "é", "a"), maxLength: 8 });
  const cell = fc.oneof(special, fc.string({ unit: "binary", maxLength: 8 }), fc.string({ maxLength: 8 }));
  const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

  it("for any strings, any separator, with or without --excel (BOM + CRLF)", () => {
    fc.assert(fc.property(table, fc.constantFrom(";", ",", "\t", "|"), fc.boolean(), (rows, separator, excel) => {
      const text = writeCsv(rows, { locale: undefined, separator, excel });
      // --excel: a BOM, then the same records ended by CRLF.
      const record = (r: readonly string[]) => writeCsv([r], { locale: undefined, separator, excel: false }).slice(0, -1);
      if (excel) expect(text).toBe(`\uFEFF${rows.map(record).join("\r\n")}\r\n`);
      const parsed = parseCsv(text, { delimiter: separator, bom: excel });
      expect(parsed).toEqual(rows.map((r) => r.map(neutralize)));
      // OWASP: no cell a spreadsheet would run. A cell starts with "-" only when it is a number.
      for (const c of parsed.flat()) {
        expect(c).not.toMatch(/^[=+@\t\r]/);
        if (c.startsWith("-")) expect(c).toMatch(/^-\d+(?:[.,]\d+)?$/);
      }
    }), { numRuns: 1000, examples: [[[[""]], ";", false], [[["a"], [""]], ",", true], [[['=HYPERLINK("x")', "-5", "-x", "@SUM(A1)"]], ";", true], [[["\uFEFFa"]], "|", true]] });
  });
});
