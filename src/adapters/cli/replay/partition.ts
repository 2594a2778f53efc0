/**
 * A history split by customer: into the shard this machine replays (`--shard i/n`) and then into
 * chunks that workers replay apart. A customer's sales, títulos and payments always travel
 * together, so each part's report is exact for its customers and `mergeReplayReports` of the
 * parts is the report of the whole (merge is associative and commutative: the result is the same
 * for any number of workers or chunks, and any order they finish in).
 */
import type { ReplayInput } from "credit-block";
import type { ListName } from "./input.js";

/** FNV-1a: a stable hash of a customer id, the same on every machine. */
export function hashOf(customerId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) {
    hash ^= customerId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** One part of the history, and the index each of its items had in the whole. */
export interface Part {
  readonly input: ReplayInput;
  readonly origin: Readonly<Record<ListName, readonly number[]>>;
}

const idOf = (item: unknown, key: "customerId" | "id" | "receivableId"): unknown => (typeof item === "object" && item !== null ? (item as Record<string, unknown>)[key] : undefined);

/**
 * Splits `input` into `chunks` parts by customer, keeping only shard `shard.index` of
 * `shard.count`. Items the library would refuse (no customer id, a payment for no título) go to
 * part 0, so the refusal is said once, with their place in the whole.
 *
 * @example
 * ```ts
 * const parts = partition(history, { index: 0, count: 1 }, 4);
 * ```
 */
export function partition(input: ReplayInput, shard: { readonly index: number; readonly count: number }, chunks: number): Part[] {
  const parts = Array.from({ length: chunks }, () => ({ sales: [] as unknown[], receivables: [] as unknown[], payments: [] as unknown[], customers: [] as unknown[], origin: { sales: [] as number[], receivables: [] as number[], payments: [] as number[], customers: [] as number[] } }));
  /** The part of a customer, or -1 when another shard has it; part 0 for what has no customer. */
  const partOf = (customerId: unknown): number => {
    if (typeof customerId !== "string") return shard.index === 0 ? 0 : -1;
    const hash = hashOf(customerId);
    if (hash % shard.count !== shard.index) return -1;
    return Math.floor(hash / shard.count) % chunks;
  };
  const place = (list: "sales" | "receivables" | "customers", items: readonly unknown[] | undefined, key: "customerId" | "id"): void => {
    if (!Array.isArray(items)) {
      // Not a list: part 0 carries it, and the library says what it should be.
      if (items !== undefined && shard.index === 0) (parts[0] as unknown as Record<string, unknown>)[list] = items;
      return;
    }
    items.forEach((item, i) => {
      const p = partOf(idOf(item, key));
      if (p < 0) return;
      const part = parts[p] as (typeof parts)[number];
      part[list].push(item);
      part.origin[list].push(i);
    });
  };
  place("sales", input.sales, "customerId");
  place("receivables", input.receivables, "customerId");
  place("customers", input.customers, "id");
  if (input.payments !== undefined) {
    const owner = new Map<unknown, number>();
    if (Array.isArray(input.receivables)) for (const r of input.receivables) owner.set(idOf(r, "id"), partOf(idOf(r, "customerId")));
    if (!Array.isArray(input.payments)) {
      if (shard.index === 0) (parts[0] as unknown as Record<string, unknown>).payments = input.payments;
    } else {
      input.payments.forEach((payment, i) => {
        const p = owner.get(idOf(payment, "receivableId")) ?? (shard.index === 0 ? 0 : -1);
        if (p < 0) return;
        const part = parts[p] as (typeof parts)[number];
        part.payments.push(payment);
        part.origin.payments.push(i);
      });
    }
  }
  return parts
    .filter((part, i) => i === 0 || part.sales.length > 0 || part.receivables.length > 0)
    .map((part) => ({
      input: {
        sales: part.sales,
        receivables: part.receivables,
        ...(input.payments === undefined ? {} : { payments: part.payments }),
        ...(input.customers === undefined ? {} : { customers: part.customers }),
      } as unknown as ReplayInput,
      origin: part.origin,
    }));
}

/**
 * The last day the whole history mentions (as `replayPolicy` finds it: sales, payments, and the
 * títulos' issue, payment and write-off dates), so every part judges losses on the same day.
 * Only well-formed dates count; the library names the others.
 *
 * @example
 * ```ts
 * lastDateOf(history); // "2026-11-30"
 * ```
 */
export function lastDateOf(input: ReplayInput): string | undefined {
  if (typeof input !== "object" || (input as unknown) === null) return undefined;
  let last: string | undefined;
  const see = (value: unknown): void => {
    if (typeof value === "string" && (last === undefined || value > last) && isCivilDate(value)) last = value;
  };
  const each = (items: unknown, keys: readonly string[]): void => {
    if (!Array.isArray(items)) return;
    for (const item of items) if (typeof item === "object" && item !== null) for (const k of keys) see((item as Record<string, unknown>)[k]);
  };
  each(input.sales, ["date"]);
  each(input.payments, ["date"]);
  each(input.receivables, ["issueDate", "paidDate", "writtenOffDate"]);
  return last;
}

/**
 * Ids listed twice across parts (the library checks within a part): a sale or título of one id
 * under two customers. Returns the first few as `[list, firstIndex, secondIndex]`.
 *
 * @example
 * ```ts
 * repeatedIds(history); // [["receivables", 3, 9]]
 * ```
 */
export function repeatedIds(input: ReplayInput): [ListName, number, number][] {
  const found: [ListName, number, number][] = [];
  if (typeof input !== "object" || (input as unknown) === null) return found;
  for (const list of ["sales", "receivables"] as const) {
    const items: unknown = input[list];
    if (!Array.isArray(items)) continue;
    const seen = new Map<unknown, number>();
    items.forEach((item, i) => {
      const id = idOf(item, "id");
      if (typeof id !== "string") return;
      const before = seen.get(id);
      if (before === undefined) seen.set(id, i);
      else if (found.length < 10) found.push([list, before, i]);
    });
  }
  return found;
}

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30), by integer civil-date math. */
function isCivilDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}
