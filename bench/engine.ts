/**
 * Decision benchmark (issue #4): a 10-rule policy, a customer with 20 open receivables and a
 * two-tender sale, decided by (a) credit-block, (b) json-rules-engine running the same rules over
 * facts precomputed once (so it does less work than (a)), (c) a hand-written function computing
 * the tender outcomes from the same raw request. Same run, same machine; ratios printed.
 */
import { Engine } from "json-rules-engine";
import { createCreditGate, type CheckoutRequestInput, type PolicyDocument } from "../src/index.js";
import type { FactSources } from "../src/engine/facts/index.js";
import { checkPolicy } from "../src/engine/policy/index.js";
import { compileCondition } from "../src/engine/predicates.js";
import { measure } from "./measure.js";

const AS_OF = "2026-11-23";
export const POLICY: PolicyDocument = {
  id: "bench", version: 1, graceDays: 5,
  rules: [
    { id: "overdue", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: "credit", action: "deny" },
    { id: "old", when: { fact: "maxDaysOverdue", op: "gt", value: 90 }, scope: "all", action: "warn" },
    { id: "big-debt", when: { fact: "overdueBalance", op: "gt", value: "5000.00" }, scope: "credit", action: "deny" },
    { id: "share", when: { fact: "overduePercent", op: "gt", value: 50 }, scope: "credit", action: "review" },
    { id: "limit", when: { fact: "exposureAfterSale", op: "gt", value: { fact: "creditLimit" } }, scope: "credit", action: "review" },
    { id: "expired", when: { fact: "creditLimitExpired", op: "eq", value: true }, scope: "credit", action: "review" },
    { id: "hold", when: { fact: "onHold", op: "eq", value: true }, scope: "credit", action: "deny" },
    { id: "risk", when: { fact: "riskClass", op: "in", value: ["D", "E"] }, scope: "credit", action: "deny" },
    { id: "checks", when: { fact: "bouncedChecks", op: "gte", value: 2 }, scope: { methods: ["check"], terms: ["deferred"] }, action: "deny" },
    { id: "dunning", when: { fact: "dunningLevel", op: "gte", value: 3 }, scope: { methods: ["boleto"], terms: ["deferred"] }, action: "review" },
  ],
};

export function benchRequest(): CheckoutRequestInput {
  const receivables = Array.from({ length: 20 }, (_, i) => ({
    id: `t${i}`, amount: `${100 + i * 7}.90`, dueDate: `2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(5 + i).padStart(2, "0")}`,
    ...(i < 8 ? { status: "paid" as const, paidDate: `2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(5 + i).padStart(2, "0")}` } : {}),
  }));
  return {
    asOf: AS_OF,
    customer: { id: "c1", creditLimit: "3000.00", riskClass: "B", dunningLevel: 1 },
    receivables,
    sale: { tenders: [{ method: "store_credit", amount: "250.00" }, { method: "pix", amount: "50.00" }] },
  };
}

const DAY = 86_400_000;
const day = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
const cents = (m: string): number => Math.round(Number(m) * 100);

/** (c) What a developer would write for this one policy: no validation, no calendar, no explanations. */
function handWritten(req: CheckoutRequestInput): string[] {
  const asOf = day(req.asOf);
  let open = 0, overdue = 0, count = 0, maxDays = 0;
  for (const r of req.receivables) {
    if (r.status === "paid") continue;
    const amount = cents(String(r.openAmount ?? r.amount));
    open += amount;
    const late = asOf - day(r.dueDate);
    if (late > 5) { overdue += amount; count++; if (late > maxDays) maxDays = late; }
  }
  const c = req.customer;
  const tenders = req.sale?.tenders ?? [];
  const credit = tenders.filter((t) => t.method === "store_credit" || t.method === "boleto").reduce((s, t) => s + cents(String(t.amount)), 0);
  const limit = c.creditLimit ? cents(String(c.creditLimit)) : null;
  const denyCredit = count > 0 || overdue > 500_000 || c.hold === true || c.riskClass === "D" || c.riskClass === "E";
  const reviewCredit = (open > 0 && overdue * 100 > open * 50) || (limit !== null && open + credit > limit);
  return tenders.map((t) => {
    const deferred = t.method === "store_credit" || t.method === "boleto";
    if (deferred && denyCredit) return "deny";
    if (t.method === "check" && (c.bouncedChecks ?? 0) >= 2) return "deny";
    if (deferred && reviewCredit) return "review";
    if (t.method === "boleto" && (c.dunningLevel ?? 0) >= 3) return "review";
    return "allow";
  });
}

/** (b) json-rules-engine with the same ten rules, over facts computed once outside the loop. */
function jsonRulesEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const add = (name: string, conditions: object) => engine.addRule({ name, conditions: { all: [conditions] } as never, event: { type: name } });
  add("overdue", { fact: "overdueCount", operator: "greaterThan", value: 0 });
  add("old", { fact: "maxDaysOverdue", operator: "greaterThan", value: 90 });
  add("big-debt", { fact: "overdueBalance", operator: "greaterThan", value: 500_000 });
  add("share", { fact: "overduePercent", operator: "greaterThan", value: 5000 });
  add("limit", { fact: "exposureAfterSale", operator: "greaterThan", value: { fact: "creditLimit" } });
  add("expired", { fact: "creditLimitExpired", operator: "equal", value: true });
  add("hold", { fact: "onHold", operator: "equal", value: true });
  add("risk", { fact: "riskClass", operator: "in", value: ["D", "E"] });
  add("checks", { fact: "bouncedChecks", operator: "greaterThanInclusive", value: 2 });
  add("dunning", { fact: "dunningLevel", operator: "greaterThanInclusive", value: 3 });
  return engine;
}

export async function benchEngine(): Promise<void> {
  console.log("\n## One checkout decision: 10 rules, 20 receivables, 2 tenders");
  const gate = createCreditGate(POLICY);
  const req = benchRequest();
  const ours = gate.decide(req);
  const theirs = handWritten(req);
  if (JSON.stringify(ours.tenders.map((t) => t.outcome)) !== JSON.stringify(theirs)) throw new Error(`outcomes differ: ${JSON.stringify(ours.tenders.map((t) => t.outcome))} vs ${JSON.stringify(theirs)}`);

  const facts = { overdueCount: 3, maxDaysOverdue: 100, overdueBalance: 50_000, overduePercent: 4000, exposureAfterSale: 260_000, creditLimit: 300_000, creditLimitExpired: false, onHold: false, riskClass: "B", bouncedChecks: 0, dunningLevel: 1 };
  const engine = jsonRulesEngine();
  const N = 2_000;
  for (let i = 0; i < 200; i++) await engine.run(facts); // warm-up
  const start = performance.now();
  for (let i = 0; i < N; i++) await engine.run(facts);
  const jreMs = (performance.now() - start) / N;

  // Like for like with (b): credit-block's compiled rules over the same precomputed facts.
  const compiled = checkPolicy(POLICY).rules.map((r) => compileCondition(r.when));
  const factValues: FactSources = {
    open: 210_000, overdue: facts.overdueBalance, overdueCount: facts.overdueCount, maxDays: facts.maxDaysOverdue, oldestDueDay: 20_400,
    limit: facts.creditLimit, limitExpired: facts.creditLimitExpired, pending: 0, saleTotal: 30_000, saleCredit: 25_000,
    customer: { id: "c1", riskClass: facts.riskClass, bouncedChecks: facts.bouncedChecks, dunningLevel: facts.dunningLevel, hold: facts.onHold },
    segment: "occasional", day: 20_500, lastPaymentDay: Number.NaN,
  };
  let sink = 0;
  const rulesOnly = measure("credit-block compiled rules", () => { for (let i = 0; i < 1_000_000; i++) for (const p of compiled) if (p(factValues)) sink++; }, 5);
  const rulesUs = rulesOnly.medianMs / 1_000_000 * 1000;
  if (sink < 0) console.log(sink);

  const n = 20_000;
  const hand = measure("hand-written decision (same request)", () => { for (let i = 0; i < n; i++) handWritten(req); }, 5);
  const lib = measure("credit-block gate.decide", () => { for (let i = 0; i < n; i++) gate.decide(req); }, 5);
  const perDecision = (m: { medianMs: number }) => (m.medianMs / n) * 1000;
  console.log(`  json-rules-engine (facts precomputed)    ${(jreMs * 1000).toFixed(2).padStart(9)} µs/decision  (${(1000 / jreMs).toFixed(0)} ops/s)`);
  console.log(`  hand-written decision                    ${perDecision(hand).toFixed(2).padStart(9)} µs/decision  (${(1e6 / perDecision(hand)).toFixed(0)} ops/s)`);
  console.log(`  credit-block gate.decide                 ${perDecision(lib).toFixed(2).padStart(9)} µs/decision  (${(1e6 / perDecision(lib)).toFixed(0)} ops/s)`);
  console.log(`  credit-block compiled rules (same facts)  ${rulesUs.toFixed(3).padStart(9)} µs/decision  (${(1e6 / rulesUs).toFixed(0)} ops/s)`);
  const vsJre = (jreMs * 1000) / rulesUs;
  const vsJreFull = (jreMs * 1000) / perDecision(lib);
  const vsHand = perDecision(lib) / perDecision(hand);
  console.log(`  like for like (rules over precomputed facts): credit-block ${vsJre.toFixed(0)}× faster than json-rules-engine (target ≥ 100×: ${vsJre >= 100 ? "met" : "MISSED"})`);
  console.log(`  full decide (validation, facts, 22 options, messages, regularize, nextChange) takes ${(1 / vsJreFull).toFixed(2)}× the time json-rules-engine takes on precomputed facts alone`);
  console.log(`  full decide is ${vsHand.toFixed(1)}× a hand-written function that computes only the tender outcomes, unvalidated (target ≤ 3×: ${vsHand <= 3 ? "met" : "MISSED"})`);

  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    const heap: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 200_000; i++) gate.decide(req);
      gc();
      heap.push(process.memoryUsage().heapUsed / 1e6);
    }
    console.log(`  1,000,000 decisions: heap after each 200,000 (MB): ${heap.map((h) => h.toFixed(1)).join(", ")}`);
  }
}
