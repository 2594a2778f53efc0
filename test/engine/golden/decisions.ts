/**
 * The golden lines: every generated request decided under two policies (and the JPY ones under
 * the JPY policy), each line the exact JSON `decide` returned or the error it threw. The test
 * compares them byte for byte with `decide.jsonl`, written once from the code before the engine
 * was restructured (`npx tsx test/engine/golden/decisions.ts > test/engine/golden/decide.jsonl`).
 */
import { createCreditGate, CreditBlockError } from "../../../src/index.js";
import { GOLDEN_POLICIES, goldenRequests } from "../../support/goldenRequests.js";

export function goldenLines(): string[] {
  const gates = GOLDEN_POLICIES.map((policy) => createCreditGate(policy));
  const lines: string[] = [];
  const decide = (request: unknown, gateIndex: number, label: string): void => {
    const gate = gates[gateIndex];
    if (gate === undefined) throw new Error(`no policy ${gateIndex}`);
    let result: unknown;
    try {
      result = { decision: gate.decide(request as never) };
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      result = { error: { code: error.code, message: error.message, issues: error.issues } };
    }
    lines.push(JSON.stringify({ case: label, policy: gate.policy.id, ...(result as object) }));
  };
  const brl = GOLDEN_POLICIES.map((p, i) => ({ p, i })).filter(({ p }) => p.currency !== "JPY").map(({ i }) => i);
  const yen = GOLDEN_POLICIES.findIndex((p) => p.currency === "JPY");
  goldenRequests(200, 2026).forEach((request, n) => {
    decide(request, brl[n % brl.length] as number, `brl-${n}`);
    decide(request, brl[(n + 3) % brl.length] as number, `brl-${n}`);
  });
  goldenRequests(40, 81, "JPY").forEach((request, n) => { decide(request, yen, `jpy-${n}`); });
  return lines;
}

if (process.argv[1]?.endsWith("decisions.ts")) process.stdout.write(`${goldenLines().join("\n")}\n`);
