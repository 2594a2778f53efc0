import { CreditBlockError, parseInput, ReceivableSchema, type ReceivableInput } from "credit-block";
import { FileProblem } from "./problems.js";
import { RejectedRows } from "./rejected.js";

/**
 * A JSON ledger (an array, or `{ receivables: [...] }`) already parsed from its file; entries the
 * schema refuses are left out and reported by their index.
 *
 * @example
 * ```ts
 * const { receivables } = readJsonLedger([{ id: "t1", amount: "10.00", dueDate: "2026-01-10" }], "ledger.json");
 * ```
 */
export function readJsonLedger(data: unknown, name: string): { receivables: ReceivableInput[]; rejected: RejectedRows } {
  const list = Array.isArray(data) ? data : typeof data === "object" && data !== null ? (data as { receivables?: unknown }).receivables : undefined;
  if (!Array.isArray(list)) throw new FileProblem(`${name}: the JSON ledger must be an array of receivables or { "receivables": [...] }`);
  const receivables: ReceivableInput[] = [];
  const rejected = new RejectedRows();
  list.forEach((r: unknown, i) => {
    try {
      parseInput(ReceivableSchema, r);
      receivables.push(r as ReceivableInput);
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      rejected.add(i + 1, `receivables[${i}]: ${error.issues.map((x) => `${x.path}: ${x.message}`).join("; ")}`);
    }
  });
  return { receivables, rejected };
}
