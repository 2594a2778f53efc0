/** Dates and amounts for generated histories: day `offset` after 2026-01-01, cents as money. */
const pad = (n: number): string => String(n).padStart(2, "0");

/** The civil date `offset` days after 2026-01-01 (by UTC, so the host's zone plays no part). */
export const day = (offset: number): string => {
  const d = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** Whole cents as a two-digit decimal string: 12345 → "123.45". */
export const money = (cents: number): string => `${Math.floor(cents / 100)}.${pad(cents % 100)}`;
