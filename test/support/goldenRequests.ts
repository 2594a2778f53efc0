/**
 * Checkout requests and policies for the decision golden test: a seeded generator (mulberry32),
 * so the same 240 requests come out on every machine and in every time zone. About one in five
 * is invalid on purpose (a comma decimal, an impossible date, an unknown key, a repeated id, a
 * payment after `asOf`, another customer's título), so the errors are pinned too.
 */
import { mulberry32 } from "../../bench/data.js";
import { presets, type PolicyDocument } from "../../src/index.js";

const METHODS = ["cash", "pix", "debit_card", "credit_card", "boleto", "store_credit", "check", "voucher", "bank_transfer", "digital_wallet", "other"] as const;
const STATUSES = ["open", "paid", "disputed", "renegotiated", "written_off"] as const;
const RISK = ["A", "B", "C", "D", "E"] as const;
const SEGMENTS = ["punctual", "occasional", "chronic", "new"];

/** The policies every request is decided under (presets, a rich custom policy, English, JPY, B2B). */
export const GOLDEN_POLICIES: readonly PolicyDocument[] = [
  presets.blockCreditWhenOverdue({ graceDays: 5 }),
  presets.riskClasses(),
  presets.creditLimit({ tolerancePercent: 10 }),
  {
    id: "rich",
    version: 7,
    graceDays: 3,
    ignoreOverdueBelow: "5.00",
    charges: { finePercent: 2, monthlyInterestPercent: 1 },
    rules: [
      { id: "hold", when: { fact: "onHold", op: "eq", value: true }, scope: "all", action: "deny", allowImmediateBlock: true },
      { id: "overdue-30", when: { fact: "maxDaysOverdue", op: "gt", value: 30 }, scope: "credit", action: "deny" },
      { id: "overdue-10", when: { fact: "maxDaysOverdue", op: "gte", value: 10 }, scope: "credit", action: "review", message: "{overdueCount} em atraso desde {oldestOverdueDueDate} ({rule})" },
      { id: "share", when: { all: [{ fact: "overduePercent", op: "gt", value: "33.33" }, { fact: "openBalance", op: "gt", value: "100.00" }] }, scope: "credit", action: "deny" },
      { id: "limit", when: { fact: "exposureAfterSale", op: "gt", value: { fact: "creditLimit", times: "1.1" } }, scope: "credit", action: "review" },
      { id: "expired", when: { fact: "creditLimitExpired", op: "eq", value: true }, scope: { methods: ["store_credit"] }, action: "review" },
      { id: "chronic", when: { fact: "segment", op: "in", value: ["chronic"] }, scope: { methods: ["store_credit", "boleto"], terms: ["deferred"] }, action: "deny" },
      { id: "cheques", when: { fact: "bouncedChecks", op: "gte", value: 2 }, scope: { methods: ["check"] }, action: "deny", allowImmediateBlock: true },
      { id: "bureau", when: { fact: "negativated", op: "eq", value: true }, scope: "credit", action: "deny", message: { "pt-BR": "negativado; limite {creditLimit}", en: "listed; limit {creditLimit}" } },
      { id: "vip", when: { fact: "tags", op: "includes", value: "vip" }, scope: "all", action: "warn" },
      { id: "dunning", when: { not: { fact: "dunningLevel", op: "lt", value: 3 } }, scope: "credit", action: "review" },
      { id: "attr", when: { any: [{ fact: "attributes.score", op: "lt", value: 300 }, { fact: "attributes.channel", op: "eq", value: "web" }] }, scope: "credit", action: "warn" },
      { id: "no-limit", when: { fact: "creditLimit", op: "eq", value: null }, scope: { methods: ["store_credit"], terms: ["deferred"] }, action: "warn" },
    ],
  },
  { ...presets.blockCreditWhenOverdue({ graceDays: 0, id: "english" }), locale: "en", charges: { finePercent: "2", monthlyInterestPercent: "1", dayCount: "actual" } },
  { id: "yen", version: "2026-1", currency: "JPY", rules: [
    { id: "overdue", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: "credit", action: "deny" },
    { id: "segment", when: { fact: "segment", op: "eq", value: "chronic" }, scope: "credit", action: "review" },
    { id: "available", when: { fact: "availableCredit", op: "lt", value: "0" }, scope: "credit", action: "review" },
  ] },
  { id: "b2b", version: 1, consumer: false, locale: "en", rules: [
    { id: "overdue-all", when: { fact: "overdueBalance", op: "gte", value: "1000.00" }, scope: "all", action: "deny" },
    { id: "risk", when: { fact: "riskClass", op: "in", value: ["D", "E"] }, scope: { terms: ["deferred"] }, action: "review" },
  ] },
];

const pad = (n: number): string => String(n).padStart(2, "0");

/** `count` requests for `currency` (BRL has cents, JPY none), from `seed`. */
export function goldenRequests(count: number, seed: number, currency: "BRL" | "JPY" = "BRL"): unknown[] {
  const random = mulberry32(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const base = Date.UTC(2026, 10, 23);
  const date = (offset: number): string => {
    const d = new Date(base + offset * 86_400_000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  };
  const money = (minor: number): string => (currency === "JPY" ? String(Math.floor(minor / 100)) : `${Math.floor(minor / 100)}.${pad(minor % 100)}`);
  const requests: unknown[] = [];
  for (let n = 0; n < count; n++) {
    const asOfOffset = int(40) - 20;
    const asOf = date(asOfOffset);
    const customer: Record<string, unknown> = { id: `C${n}` };
    if (chance(0.6)) customer.creditLimit = chance(0.1) ? null : money(int(500_000));
    if (chance(0.2)) customer.creditLimitExpiresOn = date(asOfOffset + int(60) - 30);
    if (chance(0.3)) customer.pendingExposure = money(int(100_000));
    if (chance(0.3)) customer.riskClass = pick(RISK);
    if (chance(0.1)) customer.hold = chance(0.5) ? true : { reason: "conferir cadastro" };
    if (chance(0.3)) customer.dunningLevel = int(5);
    if (chance(0.2)) customer.bouncedChecks = int(4);
    if (chance(0.2)) customer.negativated = chance(0.5);
    if (chance(0.3)) customer.tags = chance(0.5) ? ["vip"] : ["atacado", "vip"].slice(0, 1 + int(2));
    if (chance(0.3)) customer.attributes = { score: int(1000), channel: pick(["web", "loja"]) };
    if (chance(0.25)) {
      customer.overrides = [{
        ...(chance(0.7) ? { rule: pick(["overdue", "overdue-30", "overdue-10", "limit", "share", "risk-class", "credit-limit"]) } : {}),
        until: date(asOfOffset + int(20) - 5),
        by: "gerente",
        reason: "cliente antigo",
        ...(chance(0.5) ? { maxAmount: money(int(300_000) + 100) } : {}),
      }];
    }
    const receivables: Record<string, unknown>[] = [];
    const receivableCount = int(9);
    for (let i = 0; i < receivableCount; i++) {
      const amount = int(400_000) + 100;
      const dueOffset = asOfOffset - int(150) + 30;
      const r: Record<string, unknown> = { id: `T${n}-${i}`, amount: money(amount), dueDate: date(dueOffset) };
      const roll = random();
      if (roll < 0.3 && dueOffset - 1 < asOfOffset) {
        r.status = "paid";
        r.paidDate = date(Math.min(asOfOffset, dueOffset + int(40) - 5));
      } else if (roll < 0.45) {
        r.openAmount = money(int(amount));
      } else if (roll < 0.55) {
        r.status = pick(STATUSES);
        if (r.status === "paid") r.paidDate = date(Math.min(asOfOffset, dueOffset));
      }
      if (chance(0.2)) r.issueDate = date(dueOffset - 30);
      if (chance(0.2)) r.customerId = customer.id;
      if (chance(0.1)) r.method = pick(METHODS);
      receivables.push(r);
    }
    const request: Record<string, unknown> = { asOf, customer, receivables };
    if (chance(0.9)) {
      const tenders: Record<string, unknown>[] = [];
      const tenderCount = 1 + int(3);
      for (let t = 0; t < tenderCount; t++) {
        const method = pick(METHODS);
        const tender: Record<string, unknown> = { method, amount: money(int(200_000) + 100) };
        if (chance(0.3)) tender.term = pick(["immediate", "deferred"]);
        if (chance(0.2)) tender.installments = 1 + int(12);
        tenders.push(tender);
      }
      request.sale = { tenders };
    }
    if (chance(0.2)) breakOne(request, receivables, pick, int);
    requests.push(request);
  }
  return requests;
}

function breakOne(request: Record<string, unknown>, receivables: Record<string, unknown>[], pick: <T>(items: readonly T[]) => T, int: (n: number) => number): void {
  const target = receivables[int(Math.max(1, receivables.length))];
  switch (pick(["comma", "date", "key", "repeat", "paidLater", "otherCustomer", "asOf", "tender", "segment"] as const)) {
    case "comma": if (target) target.amount = "12,30"; else request.asOf = "2026-13-01"; break;
    case "date": if (target) target.dueDate = "2026-02-30"; else request.asOf = "23/11/2026"; break;
    case "key": (request.customer as Record<string, unknown>).creditlimit = "100.00"; break;
    case "repeat": if (target && receivables.length > 1) (receivables[0] as Record<string, unknown>).id = (receivables[receivables.length - 1] as Record<string, unknown>).id; else request.extra = 1; break;
    case "paidLater": if (target) { target.status = "paid"; target.paidDate = "2099-01-01"; } else request.asOf = ""; break;
    case "otherCustomer": if (target) target.customerId = "someone-else"; else request.receivables = "none"; break;
    case "asOf": request.asOf = "2026-11-31"; break;
    case "tender": request.sale = { tenders: [{ method: "barter", amount: "-1" }] }; break;
    case "segment": (request.customer as Record<string, unknown>).segment = pick(SEGMENTS); break;
  }
}
