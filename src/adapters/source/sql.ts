/**
 * The store's SQL as the drivers take it: the named `$customerId` parameter becomes `$1`.
 * @internal
 */
import { CreditBlockError, issue, type Issue } from "credit-block";

/** The queries a source runs, by the name a bad row is reported under. */
export type QueryName = "customer" | "receivables" | "pendingOrders" | "ledger";

/** A query ready for a driver: its text with positional parameters, and how many it takes. */
export interface PreparedQuery {
  readonly name: QueryName;
  readonly text: string;
  readonly takesCustomerId: boolean;
}

// `$customerId` outside quotes and comments is the one named parameter. Quoted text, quoted
// identifiers, comments and dollar-quoted bodies are copied untouched, so a literal that happens
// to contain "$customerId" is not a parameter.
const TOKENS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|(\$[A-Za-z_][A-Za-z0-9_]*\$)[\s\S]*?\1|\$([A-Za-z_][A-Za-z0-9_]*|\d+)/g;

/**
 * Turns `$customerId` into `$1`, refusing any other placeholder (`$2`, `$cliente`): a query the
 * store wrote for another tool would otherwise fail on every checkout instead of at start-up.
 */
export function prepareQuery(name: QueryName, sql: string, path: string, needsCustomerId: boolean): PreparedQuery | Issue {
  const seen: { found: boolean; other: string | null } = { found: false, other: null };
  const text = sql.replace(TOKENS, (token: string, _tag: string | undefined, placeholder: string | undefined) => {
    if (placeholder === undefined) return token;
    if (placeholder === "customerId") {
      seen.found = true;
      return "$1";
    }
    seen.other ??= `$${placeholder}`;
    return token;
  });
  const found = seen.found;
  if (seen.other !== null) return issue(path, "invalid_value", { options: needsCustomerId ? "SQL whose one parameter is $customerId" : "SQL without parameters" });
  if (needsCustomerId && !found) return issue(path, "invalid_format", { format: "query: it must use the $customerId parameter" });
  if (!needsCustomerId && found) return issue(path, "invalid_format", { format: "query: it reads every customer and takes no $customerId" });
  return { name, text, takesCustomerId: found };
}

/** Throws the issues of a source configuration together. */
export function throwIfAny(issues: readonly Issue[]): void {
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
}
