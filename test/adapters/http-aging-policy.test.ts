import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, ageReceivables, createCreditGate, definePolicy, presets, type AgingReport, type Decision, type PolicyDocument } from "credit-block";
import { createHandler } from "credit-block/http";
import { agingDefaultsOf } from "../../src/adapters/agingPolicy.js";
import { checkedHandler } from "../support/openapi.js";

// Friday 13 November 2026, noon in São Paulo: a título due Tuesday the 10th is 3 days late.
const FRIDAY = () => new Date("2026-11-13T15:00:00Z");
// Monday 23 November 2026: after Zumbi (Friday 20th, a national holiday) and the weekend.
const MONDAY = () => new Date("2026-11-23T15:00:00Z");

type Handler = (request: Request) => Promise<Response>;
/** Every answer is checked against the OpenAPI document too (test/support/openapi.ts). */
const call = async (handler: Handler, path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
  const response = await checkedHandler(handler)(new Request(`http://pos.local${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { status: response.status, body: await response.json() };
};
const aging = async (handler: Handler, body: unknown): Promise<AgingReport> => {
  const answer = await call(handler, "/v1/aging", body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as AgingReport;
};
const decide = async (handler: Handler, body: unknown): Promise<Decision> => {
  const answer = await call(handler, "/v1/decide", body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as Decision;
};
/** The report's bands as `label amount count`, for one readable assertion. */
const bands = (report: AgingReport): string[] => report.buckets.map((b) => `${b.label} ${b.amount} ${b.count}`);
const STORE_CREDIT = { tenders: [{ method: "store_credit", amount: "50.00" }] };

describe("POST /v1/aging ages with the sidecar's policy, as /v1/decide does (#16 item 6)", () => {
  const threeDaysLate = [{ id: "t1", customerId: "c1", amount: "389.90", dueDate: "2026-11-10" }];

  it("a título 3 days late under 5 days of grace is not overdue (first band); without grace it is", async () => {
    const withGrace = createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), now: FRIDAY });
    const noGrace = createHandler({ policy: presets.blockCreditWhenOverdue(), now: FRIDAY });

    const graced = await aging(withGrace, { receivables: threeDaysLate });
    expect(graced.asOf).toBe("2026-11-13");
    expect(bands(graced).slice(0, 2)).toEqual(["a vencer 389.90 1", "1–30 dias 0.00 0"]);
    expect(graced).toMatchObject({ total: "389.90", count: 1, overdue: "0.00", overdueCount: 0 });
    expect(graced.customers).toEqual([{ customerId: "c1", buckets: ["389.90", "0.00", "0.00", "0.00", "0.00", "0.00"], total: "389.90", overdue: "0.00", overdueCount: 0, maxDaysOverdue: 0 }]);

    const strict = await aging(noGrace, { receivables: threeDaysLate });
    expect(bands(strict).slice(0, 2)).toEqual(["a vencer 0.00 0", "1–30 dias 389.90 1"]);
    expect(strict).toMatchObject({ total: "389.90", count: 1, overdue: "389.90", overdueCount: 1 });
    expect(strict.customers[0]).toMatchObject({ overdue: "389.90", overdueCount: 1, maxDaysOverdue: 3 });

    // The checkout decision of the same customer says the same thing.
    const checkout = { customer: { id: "c1" }, receivables: threeDaysLate, sale: STORE_CREDIT };
    const allowed = await decide(withGrace, checkout);
    expect(allowed.outcome).toBe("allow");
    expect(allowed.facts).toMatchObject({ overdueBalance: graced.overdue, overdueCount: graced.overdueCount, maxDaysOverdue: 0 });
    const denied = await decide(noGrace, checkout);
    expect(denied.outcome).toBe("deny");
    expect(denied.facts).toMatchObject({ overdueBalance: strict.overdue, overdueCount: strict.overdueCount, maxDaysOverdue: 3 });
  });

  it("the policy's ignoreOverdueBelow moves a residue to excluded.belowThreshold", async () => {
    const receivables = [
      { id: "t1", customerId: "c1", amount: "100.00", openAmount: "0.50", dueDate: "2026-10-01" },
      { id: "t2", customerId: "c2", amount: "200.00", dueDate: "2026-10-01" },
    ];
    const withThreshold = createHandler({ policy: presets.blockCreditWhenOverdue({ ignoreBelow: "1.00" }), now: FRIDAY });
    const report = await aging(withThreshold, { receivables });
    expect(report).toMatchObject({ total: "200.00", count: 1, overdue: "200.00", overdueCount: 1, read: 2, settled: 0 });
    expect(report.excluded).toEqual({ disputed: "0.00", belowThreshold: "0.50", writtenOff: "0.00", renegotiated: "0.00" });
    expect(bands(report)[2]).toBe("31–60 dias 200.00 1"); // 43 days
    expect(report.customers.map((c) => c.customerId)).toEqual(["c2"]);

    const without = await aging(createHandler({ policy: presets.blockCreditWhenOverdue(), now: FRIDAY }), { receivables });
    expect(without).toMatchObject({ total: "200.50", count: 2, overdue: "200.50", overdueCount: 2 });
    expect(without.excluded.belowThreshold).toBe("0.00");
    expect(bands(without)[2]).toBe("31–60 dias 200.50 2");

    // The checkout ignores the same residue: credit is not blocked for R$ 0,50.
    const decision = await decide(withThreshold, { customer: { id: "c1" }, receivables: [receivables[0]], sale: STORE_CREDIT });
    expect(decision.outcome).toBe("allow");
    expect(decision.facts).toMatchObject({ openBalance: "0.00", overdueCount: 0 });
  });

  it("a due date on a store holiday of the policy's calendar is payable on the next business day", async () => {
    // Thursday 19th, a municipal holiday of the store; Friday 20th is Zumbi; then the weekend.
    const dueOnHoliday = [{ id: "t1", customerId: "c1", amount: "120.00", dueDate: "2026-11-19" }];
    const store = createHandler({ policy: { ...presets.blockCreditWhenOverdue(), calendar: { extra: [{ date: "11-19", name: "Feriado municipal" }] } }, now: MONDAY });
    const national = createHandler({ policy: presets.blockCreditWhenOverdue(), now: MONDAY });

    const onMonday = await aging(store, { receivables: dueOnHoliday });
    expect(onMonday.asOf).toBe("2026-11-23");
    expect(bands(onMonday).slice(0, 2)).toEqual(["a vencer 120.00 1", "1–30 dias 0.00 0"]);
    expect(onMonday).toMatchObject({ overdue: "0.00", overdueCount: 0 });
    expect((await decide(store, { customer: { id: "c1" }, receivables: dueOnHoliday, sale: STORE_CREDIT })).outcome).toBe("allow");

    // Past the postponed day, the days count from the original due date (STJ, REsp 1.954.924).
    const onTuesday = await aging(store, { receivables: dueOnHoliday, options: { asOf: "2026-11-24" } });
    expect(onTuesday).toMatchObject({ overdue: "120.00", overdueCount: 1 });
    expect(onTuesday.customers[0]?.maxDaysOverdue).toBe(5);

    // A sidecar whose policy knows only the national holidays: 4 days late on Monday.
    const late = await aging(national, { receivables: dueOnHoliday });
    expect(bands(late).slice(0, 2)).toEqual(["a vencer 0.00 0", "1–30 dias 120.00 1"]);
    expect(late.customers[0]).toMatchObject({ overdueCount: 1, maxDaysOverdue: 4 });
    expect((await decide(national, { customer: { id: "c1" }, receivables: dueOnHoliday, sale: STORE_CREDIT })).outcome).toBe("deny");
  });

  it("the policy's weekend decides whether a Saturday due date is postponed", async () => {
    const dueSaturday = [{ id: "t1", customerId: "c1", amount: "75.00", dueDate: "2026-11-21" }];
    const opensSaturdays = createHandler({ policy: { ...presets.blockCreditWhenOverdue(), calendar: { weekend: [0] } }, now: MONDAY });
    const usual = createHandler({ policy: presets.blockCreditWhenOverdue(), now: MONDAY });

    const open = await aging(opensSaturdays, { receivables: dueSaturday });
    expect(open).toMatchObject({ overdue: "75.00", overdueCount: 1 });
    expect(open.customers[0]?.maxDaysOverdue).toBe(2);
    expect(bands(open)[1]).toBe("1–30 dias 75.00 1");

    const closed = await aging(usual, { receivables: dueSaturday });
    expect(closed).toMatchObject({ overdue: "0.00", overdueCount: 0 });
    expect(bands(closed)[0]).toBe("a vencer 75.00 1");
  });

  it("ages in the policy's currency", async () => {
    const yen = createHandler({ policy: { ...presets.blockCreditWhenOverdue(), currency: "JPY" }, now: FRIDAY });
    const report = await aging(yen, { receivables: [{ id: "t1", amount: "1000", dueDate: "2026-10-01" }] });
    expect(report).toMatchObject({ currency: "JPY", total: "1000", overdue: "1000" });
    expect(report.excluded.belowThreshold).toBe("0");
    // Cents are not yen: refused, as the checkout refuses them.
    const cents = await call(yen, "/v1/aging", { receivables: [{ id: "t1", amount: "10.50", dueDate: "2026-10-01" }] });
    expect(cents.status).toBe(422);
    expect((cents.body as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(["receivables[0].amount"]);
  });

  describe("the request's options win over the policy's, key by key", () => {
    const policy: PolicyDocument = {
      ...presets.blockCreditWhenOverdue({ graceDays: 5, ignoreBelow: "1.00" }),
      calendar: { extra: [{ date: "11-19", name: "Feriado municipal" }] },
    };
    const handler = createHandler({ policy, now: FRIDAY });
    const residue = { id: "r1", customerId: "c2", amount: "10.00", openAmount: "0.40", dueDate: "2026-10-01" };

    it("graceDays", async () => {
      const report = await aging(handler, { receivables: [...threeDaysLate, residue], options: { graceDays: 0 } });
      expect(report).toMatchObject({ overdue: "389.90", overdueCount: 1, total: "389.90" });
      // The other keys still come from the policy: the residue stays out.
      expect(report.excluded.belowThreshold).toBe("0.40");
      expect(report.customers[0]?.maxDaysOverdue).toBe(3);
    });

    it("ignoreBelow", async () => {
      const report = await aging(handler, { receivables: [...threeDaysLate, residue], options: { ignoreBelow: "0.00" } });
      expect(report).toMatchObject({ total: "390.30", count: 2, overdue: "0.40", overdueCount: 1 });
      expect(report.excluded.belowThreshold).toBe("0.00");
      // Grace still comes from the policy: t1 stays in the first band.
      expect(bands(report).slice(0, 3)).toEqual(["a vencer 389.90 1", "1–30 dias 0.00 0", "31–60 dias 0.40 1"]);
    });

    it("calendar, replaced as a whole", async () => {
      const dueOnHoliday = [{ id: "t1", amount: "120.00", dueDate: "2026-11-19" }];
      const withPolicyCalendar = await aging(handler, { receivables: dueOnHoliday, options: { asOf: "2026-11-23", graceDays: 0 } });
      expect(withPolicyCalendar).toMatchObject({ overdue: "0.00", overdueCount: 0 });
      const nationalOnly = await aging(handler, { receivables: dueOnHoliday, options: { asOf: "2026-11-23", graceDays: 0, calendar: {} } });
      expect(nationalOnly).toMatchObject({ overdue: "120.00", overdueCount: 1 });
      expect(nationalOnly.customers[0]?.maxDaysOverdue).toBe(4);
    });

    it("currency: the policy's threshold, an amount in reais, does not apply to yen", async () => {
      const report = await aging(handler, { receivables: [{ id: "t1", amount: "1", dueDate: "2026-10-01" }], options: { currency: "JPY" } });
      expect(report).toMatchObject({ currency: "JPY", total: "1", count: 1, overdue: "1" });
      expect(report.excluded.belowThreshold).toBe("0");
      // Naming the policy's own currency keeps its threshold.
      const reais = await aging(handler, { receivables: [residue], options: { currency: "BRL" } });
      expect(reais).toMatchObject({ currency: "BRL", total: "0.00", count: 0 });
      expect(reais.excluded.belowThreshold).toBe("0.40");
      // A threshold sent with the other currency is the request's own, and applies.
      const own = await aging(handler, { receivables: [{ id: "t1", amount: "1", dueDate: "2026-10-01" }], options: { currency: "JPY", ignoreBelow: "5" } });
      expect(own).toMatchObject({ total: "0", count: 0 });
      expect(own.excluded.belowThreshold).toBe("1");
    });

    it("a key sent as null is refused at its path, not replaced by the policy's", async () => {
      const answer = await call(handler, "/v1/aging", { receivables: threeDaysLate, options: { graceDays: null } });
      expect(answer.status).toBe(422);
      expect((answer.body as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(["options.graceDays"]);
    });
  });

  it("follows the policy in use: after a reload, aging counts with the new one", async () => {
    const handler = createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), now: FRIDAY });
    expect((await aging(handler, { receivables: threeDaysLate })).overdueCount).toBe(0);
    handler.reload(presets.blockCreditWhenOverdue());
    expect(handler.policy.graceDays).toBe(0);
    const after = await aging(handler, { receivables: threeDaysLate });
    expect(after).toMatchObject({ overdue: "389.90", overdueCount: 1 });
    expect(bands(after)[1]).toBe("1–30 dias 389.90 1");
    // A reload that fails leaves the current policy, for aging too.
    expect(() => { handler.reload({ id: "broken", version: 1, graceDays: -1, rules: [] }); }).toThrow();
    expect((await aging(handler, { receivables: threeDaysLate })).overdueCount).toBe(1);
  });

  it("uses the policy of a gate passed instead of a policy", async () => {
    const handler = createHandler({ gate: createCreditGate(presets.blockCreditWhenOverdue({ graceDays: 5 })), now: FRIDAY });
    expect(await aging(handler, { receivables: threeDaysLate })).toMatchObject({ overdue: "0.00", overdueCount: 0 });
  });

  it("without a policy, ages with the aging defaults as before (no grace, BRL)", async () => {
    const report = await aging(createHandler({ now: FRIDAY }), { receivables: threeDaysLate });
    expect(report).toMatchObject({ currency: "BRL", overdue: "389.90", overdueCount: 1 });
  });
});

describe("agingDefaultsOf", () => {
  it("is the currency and grace of a bare policy, nothing else", () => {
    const defaults = agingDefaultsOf(definePolicy({ id: "p", version: 1, rules: [] }));
    expect(defaults).toStrictEqual({ currency: "BRL", graceDays: 0 });
  });

  it("carries graceDays, calendar, ignoreOverdueBelow (as ignoreBelow) and currency", () => {
    const calendar = { extra: [{ date: "11-19", name: "Feriado municipal" }], bankHolidays: false, weekend: [0] };
    const policy = definePolicy({ id: "p", version: 1, currency: "USD", graceDays: 5, calendar, ignoreOverdueBelow: "1.50", rules: [] });
    expect(agingDefaultsOf(policy)).toStrictEqual({ currency: "USD", graceDays: 5, calendar, ignoreBelow: "1.50" });
  });

  it("spread into ageReceivables, counts what decide counts (property)", () => {
    const asOf = "2026-11-23";
    const row = fc.record({ offset: fc.integer({ min: -40, max: 5 }), cents: fc.integer({ min: 1, max: 50_000 }) });
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 8 }),
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom(undefined, "0.50", "100.00"),
        fc.constantFrom(undefined, { weekend: [0] }, { extra: [{ date: "11-19", name: "Feriado" }] }, { bankHolidays: false }),
        (rows, graceDays, ignoreOverdueBelow, calendar) => {
          const policy = definePolicy({
            ...presets.blockCreditWhenOverdue({ graceDays, ...(ignoreOverdueBelow ? { ignoreBelow: ignoreOverdueBelow } : {}) }),
            ...(calendar ? { calendar } : {}),
          });
          const receivables = rows.map((r, i) => ({ id: `t${i}`, amount: (r.cents / 100).toFixed(2), dueDate: addDays(asOf, r.offset) }));
          const report = ageReceivables(receivables, { asOf, ...agingDefaultsOf(policy) });
          const { facts } = createCreditGate(policy).decide({ asOf, customer: { id: "c" }, receivables, sale: { tenders: [{ method: "store_credit", amount: "1.00" }] } });
          expect([report.total, report.overdue, report.overdueCount, report.customers[0]?.maxDaysOverdue ?? 0])
            .toEqual([facts.openBalance, facts.overdueBalance, facts.overdueCount, facts.maxDaysOverdue]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
