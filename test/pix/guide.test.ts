import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runInThisContext } from "node:vm";
import ts from "typescript";
import { createCreditGate, presets } from "credit-block";
import * as boleto from "credit-block/boleto";
import * as pix from "credit-block/pix";

/**
 * The first snippet of the guide "Let the customer pay now", run as written: each `// → value`
 * comment (after an expression, on its line or the next) is checked against what the expression
 * gives. test/docs-snippets.test.ts type-checks the same snippet.
 */
const guide = readFileSync(fileURLToPath(new URL("../../docs/guides/let-the-customer-pay-now.md", import.meta.url)), "utf8");
const code = /```ts\n([\s\S]*?)```/.exec(guide)?.[1] ?? "";
const MODULES: Record<string, Record<string, unknown>> = { "credit-block/pix": pix, "credit-block/boleto": boleto };

/** The snippet with its imports taken out (their names become parameters) and each `// →` turned into a check. */
function instrument(source: string): { body: string; names: string[]; values: unknown[] } {
  const names: string[] = [];
  const values: unknown[] = [];
  const lines: string[] = [];
  for (const line of source.split("\n")) {
    const imported = /^import \{ ([^}]+) \} from "([^"]+)";$/.exec(line);
    if (imported) {
      for (const name of (imported[1] ?? "").split(",").map((n) => n.trim())) {
        names.push(name);
        values.push(MODULES[imported[2] ?? ""]?.[name]);
      }
      continue;
    }
    const next = /^\s*\/\/ → (.+)$/.exec(line);
    const same = /^(\s*)(.+);\s*\/\/ → (.+)$/.exec(line);
    if (next) {
      const previous = lines.pop() ?? "";
      const statement = /^(\s*)(.+);$/.exec(previous);
      if (!statement) throw new Error(`no expression before "${line}"`);
      lines.push(`${statement[1] ?? ""}__check(${statement[2] ?? ""}, ${JSON.stringify(next[1])});`);
    } else if (same) {
      lines.push(`${same[1] ?? ""}__check(${same[2] ?? ""}, ${JSON.stringify(same[3])});`);
    } else {
      lines.push(line);
    }
  }
  return { body: lines.join("\n"), names, values };
}

describe("guide: Let the customer pay now", () => {
  it("imports only the subpaths' public names", () => {
    const { names, values } = instrument(code);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(values.every((v) => typeof v === "function")).toBe(true);
  });

  it("every value the snippet shows is what the library gives", () => {
    const decision = createCreditGate(presets.blockCreditWhenOverdue()).decide({
      asOf: "2026-11-23", customer: { id: "c1" },
      receivables: [{ id: "t-2026-001", amount: "120.00", dueDate: "2026-09-10" }, { id: "t-2026-002", amount: "80.00", dueDate: "2026-10-10" }],
      sale: { tenders: [{ method: "store_credit", amount: "300.00" }] },
    });
    expect(decision.regularize).not.toBeNull();
    const checked: string[] = [];
    const check = (value: unknown, expected: string) => {
      checked.push(expected);
      if (expected.startsWith("{")) expect(value).toMatchObject(runInThisContext(`(${expected})`) as object);
      else expect(value).toEqual(JSON.parse(expected));
    };
    const { body, names, values } = instrument(code);
    const js = ts.transpileModule(body, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    const snippet = runInThisContext(`(function (__check, decision, ${names.join(", ")}) {\n${js}\n})`) as (...args: unknown[]) => void;
    snippet(check, decision, ...values);
    expect(checked).toHaveLength(3);
  });
});
