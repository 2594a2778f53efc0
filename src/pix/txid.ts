/**
 * A txid for the títulos a payment settles, derived from their ids alone, so the store can match
 * a Pix it receives to what it asked for without keeping a table: the same títulos always give
 * the same txid, in any order.
 *
 * The txid of a static BR Code is at most 25 characters of `[A-Za-z0-9]` (BCB, "Manual de
 * Padrões para Iniciação do Pix", Anexo I, field 62-05). Written here in upper-case base 36
 * (digits and A–Z: a PSP that upper-cases it changes nothing), 25 characters hold 129 bits: the
 * 128-bit FNV-1a hash (Fowler–Noll–Vo, IETF draft-eastlake-fnv) of the sorted ids, each
 * prefixed with its length so no two lists write the same bytes.
 * @module pix
 */
import { CreditBlockError, issue, type Issue } from "credit-block";

const FNV_PRIME = (1n << 88n) + (1n << 8n) + 0x3bn;
const FNV_OFFSET = 144066263297769815596495629667062367629n;
const MASK = (1n << 128n) - 1n;

/** 128-bit FNV-1a of the UTF-16 code units of `text`, each as two bytes (big-endian). */
function fnv1a128(text: string): bigint {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    hash = ((hash ^ BigInt(unit >> 8)) * FNV_PRIME) & MASK;
    hash = ((hash ^ BigInt(unit & 0xff)) * FNV_PRIME) & MASK;
  }
  return hash;
}

/** The ids checked (strings, not empty, no repeats) and sorted, or the issues at `path[i]`. @internal */
export function checkReceivableIds(ids: unknown, path: string): { ids: string[] } | { issues: Issue[] } {
  if (!Array.isArray(ids)) return { issues: [issue(path, "invalid_type", { expected: "array of título ids", received: ids === null ? "null" : typeof ids })] };
  if (ids.length === 0) return { issues: [issue(path, "too_small", { minimum: "one título id" })] };
  const issues: Issue[] = [];
  const first = new Map<string, number>();
  ids.forEach((id: unknown, i) => {
    if (typeof id !== "string" || id === "") issues.push(issue(`${path}[${i}]`, "invalid_type", { expected: "non-empty string (a título id)", received: typeof id === "string" ? "empty string" : id === null ? "null" : typeof id }));
    else if (first.has(id)) issues.push(issue(`${path}[${i}]`, "duplicate_id", { id, first: `${path}[${String(first.get(id))}]` }));
    else first.set(id, i);
  });
  if (issues.length > 0) return { issues };
  return { ids: [...first.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}

/**
 * The txid (25 characters, `[0-9A-Z]`) of a Pix that pays the títulos `receivableIds`: the same
 * ids, in any order, always give the same txid; different lists give different ones (a 128-bit
 * hash: a collision is not a practical concern for a store's títulos). An empty list, a repeated
 * id or one that is not a non-empty string is a CreditBlockError at `receivableIds[i]`.
 *
 * @example
 * ```ts
 * txidFor(["t-2026-001", "t-2026-002"]) === txidFor(["t-2026-002", "t-2026-001"]); // true
 * txidFor(["t-2026-001"]).length; // 25
 * txidFor([]); // throws CreditBlockError: receivableIds needs at least one título id
 * ```
 */
export function txidFor(receivableIds: readonly string[]): string {
  const checked = checkReceivableIds(receivableIds, "receivableIds");
  if ("issues" in checked) throw new CreditBlockError("INVALID_INPUT", checked.issues);
  return txidOfSorted(checked.ids);
}

/** The txid of ids already checked and sorted. @internal */
export function txidOfSorted(ids: readonly string[]): string {
  return fnv1a128(ids.map((id) => `${id.length}:${id}`).join(",")).toString(36).toUpperCase().padStart(25, "0");
}
