import { describe, expect, it } from "vitest";
import { easterSunday, holidays } from "credit-block";
import { expectIssue } from "../support/expectError.js";

/**
 * Bank holidays published by ANBIMA ("Feriados Nacionais", https://www.anbima.com.br/feriados/),
 * as collected in https://github.com/philss/feriados-anbima (anual/feriados-anbima-YYYY.csv).
 * That scraper drops 12/10 (Nossa Senhora Aparecida, Lei 6.802/1980) in every year, so it is
 * added back here, as BRAZIL.md §3 notes.
 */
const ANBIMA: Record<number, string[]> = {
  2024: ["2024-01-01", "2024-02-12", "2024-02-13", "2024-03-29", "2024-04-21", "2024-05-01", "2024-05-30", "2024-09-07", "2024-10-12", "2024-11-02", "2024-11-15", "2024-11-20", "2024-12-25"],
  2025: ["2025-01-01", "2025-03-03", "2025-03-04", "2025-04-18", "2025-04-21", "2025-05-01", "2025-06-19", "2025-09-07", "2025-10-12", "2025-11-02", "2025-11-15", "2025-11-20", "2025-12-25"],
  2026: ["2026-01-01", "2026-02-16", "2026-02-17", "2026-04-03", "2026-04-21", "2026-05-01", "2026-06-04", "2026-09-07", "2026-10-12", "2026-11-02", "2026-11-15", "2026-11-20", "2026-12-25"],
  2027: ["2027-01-01", "2027-02-08", "2027-02-09", "2027-03-26", "2027-04-21", "2027-05-01", "2027-05-27", "2027-09-07", "2027-10-12", "2027-11-02", "2027-11-15", "2027-11-20", "2027-12-25"],
};

describe("holidays", () => {
  for (const [year, dates] of Object.entries(ANBIMA)) {
    it(`matches the ANBIMA bank-holiday calendar of ${year}`, () => {
      expect(holidays(Number(year)).map((h) => h.date)).toEqual(dates);
    });
  }

  it("names each day and tells national from bank holidays", () => {
    const y2026 = holidays(2026);
    expect(y2026.find((h) => h.date === "2026-04-03")).toEqual({ date: "2026-04-03", name: "Paixão de Cristo", kind: "national" });
    expect(y2026.find((h) => h.date === "2026-02-16")?.kind).toBe("bank");
    expect(y2026.find((h) => h.date === "2026-11-20")?.name).toBe("Dia Nacional de Zumbi e da Consciência Negra");
  });

  it("adds November 20 only from 2024 (Lei 14.759/2023) and October 12 only from 1980 (Lei 6.802/1980)", () => {
    expect(holidays(2023).some((h) => h.date === "2023-11-20")).toBe(false);
    expect(holidays(2024).some((h) => h.date === "2024-11-20")).toBe(true);
    expect(holidays(1979).some((h) => h.date === "1979-10-12")).toBe(false);
    expect(holidays(1980).some((h) => h.date === "1980-10-12")).toBe(true);
  });

  it("can leave out the bank-only days", () => {
    const dates = holidays(2026, { bankHolidays: false }).map((h) => h.date);
    expect(dates).not.toContain("2026-02-16");
    expect(dates).not.toContain("2026-06-04");
    expect(dates).toContain("2026-04-03");
  });

  it("merges store holidays, recurring and one-off, without duplicates", () => {
    const list = holidays(2026, {
      extra: [
        { date: "01-25", name: "Aniversário de São Paulo" },
        { date: "2026-07-09", name: "Revolução Constitucionalista" },
        { date: "2027-07-09", name: "not this year" },
        { date: "12-25", name: "duplicate of Christmas" },
      ],
    });
    expect(list.filter((h) => h.kind === "store").map((h) => h.date)).toEqual(["2026-01-25", "2026-07-09"]);
    expect(list.filter((h) => h.date === "2026-12-25")).toHaveLength(1);
    expect(holidays(2026, { extra: [{ date: "02-29", name: "leap only" }] }).some((h) => h.date.endsWith("02-29"))).toBe(false);
    expect(holidays(2028, { extra: [{ date: "02-29", name: "leap only" }] }).some((h) => h.date === "2028-02-29")).toBe(true);
  });

  it("computes Easter by Meeus/Butcher (known dates)", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2038)).toBe("2038-04-25");
    expect(easterSunday(2008)).toBe("2008-03-23");
    expect(easterSunday(1900)).toBe("1900-04-15");
    expect(easterSunday(2199)).toBe("2199-04-14");
  });

  it("rejects bad years and holiday lists naming the field", () => {
    expectIssue(() => holidays(1899), "year", "date.range");
    expectIssue(() => holidays(2026.5), "year");
    expectIssue(() => holidays(2026, { extra: [{ date: "13-01", name: "x" }] }), "extra[0].date", "date.impossible");
    expectIssue(() => holidays(2026, { extra: [{ date: "25/01", name: "x" }] }), "extra[0].date", "holiday.month_day");
    expectIssue(() => holidays(2026, { extra: [{ date: "01-25", name: "" }] }), "extra[0].name");
    expectIssue(() => holidays(2026, { extra: [{ date: "01-25", name: "x", typo: 1 } as never] }), "extra[0].typo", "unknown_key");
    expectIssue(() => holidays(2026, { weekend: [7] }), "weekend[0]");
    expectIssue(() => holidays(2026, { bankHoliday: true } as never), "bankHoliday", "unknown_key");
  });
});
