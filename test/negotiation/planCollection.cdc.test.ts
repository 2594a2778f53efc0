import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addBusinessDays, addDays, CreditBlockError, dayOfWeek, daysBetween, daysOverdue, holidays, isBusinessDay, nextBusinessDay, planCollection,
  type CalendarOptions, type CollectionOptions, type CollectionStep, type ReceivableInput,
} from "credit-block";
import { demo } from "../../src/adapters/cli/demo.js";
import { expectIssue, issuesOf, snapshot } from "../support/expectError.js";

// Collection planner (#14 item 3): CDC arts. 42, 42-A, 43 §2, 71; Súmulas 359, 548 STJ.

const creditor = { name: "Loja Exemplo Ltda", document: "11.222.333/0001-81", address: "Rua Direita, 10, São Paulo/SP" };
const sign = " — {creditorName}, CNPJ {creditorDocument}";
type Step = CollectionOptions["cadence"][number];
const reminder: Step = { id: "lembrete", offsetDays: -3, channel: "sms", template: `Vence em {dueDate}, sem encargos até {payableUntil}${sign}` };
const late: Step = { id: "vencida", offsetDays: 1, channel: "email", template: `Parcela de {amount} vencida em {dueDate}, {daysOverdue} dias${sign}` };
const call: Step = { id: "ligacao", offsetDays: 15, channel: "phone", template: `Ligar: {daysOverdue} dias${sign}` };
const notice: Step = { id: "aviso", kind: "written_notice", offsetDays: 20, channel: "letter", template: `Aviso de negativação — {creditorName}, {creditorAddress}, CNPJ {creditorDocument}` };
const registration: Step = { id: "negativacao", kind: "bureau_registration", offsetDays: 30, channel: "letter", template: `Registro de {receivableId}${sign}` };
const cadence: Step[] = [reminder, late, call, notice, registration];
const base = (asOf: string, extra: Partial<CollectionOptions> = {}): CollectionOptions => ({ asOf, creditor, cadence, ...extra });
const row = (id: string, dueDate: string, extra: Partial<ReceivableInput> = {}): ReceivableInput => ({ id, customerId: `c-${id}`, amount: "100.00", dueDate, ...extra });
const contacts = (steps: CollectionStep[]) => steps.filter((s) => s.kind !== "bureau_removal");

describe("creditor identification (CDC art. 42-A)", () => {
  it("fills {creditorAddress} and refuses it when no address is given", () => {
    const cad: Step[] = [{ id: "x", offsetDays: 1, channel: "sms", template: "{creditorName}, {creditorAddress}, {creditorDocument}" }];
    const [step] = planCollection([row("t", "2026-11-10")], { asOf: "2026-11-12", creditor, cadence: cad });
    expect(step?.message).toBe("Loja Exemplo Ltda, Rua Direita, 10, São Paulo/SP, 11.222.333/0001-81");
    expectIssue(() => planCollection([], { asOf: "2026-11-12", creditor: { name: "Loja", document: "11.222.333/0001-81" }, cadence: cad }), "options.cadence[0].template", "collection.address_missing");
  });

  it("accepts a valid CPF, numeric CNPJ and alphanumeric CNPJ (IN RFB 2.229/2024)", () => {
    for (const document of ["529.982.247-25", "52998224725", "11.222.333/0001-81", "12.ABC.345/01DE-35", "12abc34501de35"]) {
      expect(planCollection([], base("2026-11-12", { creditor: { ...creditor, document } }))).toEqual([]);
    }
  });

  it("refuses a document that is no CPF or CNPJ by its check digits, naming options.creditor.document", () => {
    const cases: [string, string][] = [
      ["11.222.333/0001-80", "tax_id.check_digit"], ["12.ABC.345/01DE-34", "tax_id.check_digit"], ["529.982.247-24", "tax_id.check_digit"],
      ["111.111.111-11", "tax_id.repeated"], ["1234", "tax_id.length"], ["12.ABC.345/01DE-3X", "tax_id.characters"],
    ];
    for (const [document, code] of cases) expectIssue(() => planCollection([], base("2026-11-12", { creditor: { ...creditor, document } })), "options.creditor.document", code);
    const [problem] = issuesOf(() => planCollection([], base("2026-11-12", { creditor: { ...creditor, document: "11.222.333/0001-80" } })));
    expect(new CreditBlockError("INVALID_INPUT", problem ? [problem] : []).localized("pt-BR")[0]?.message).toMatch(/dígitos verificadores do CNPJ/);
  });
});

describe("rest days and contact hours (CDC arts. 42 and 71)", () => {
  it("plans nothing on a Sunday or a holiday", () => {
    const rows = [row("t", "2026-11-10")];
    expect(planCollection(rows, base("2026-11-22"))).toEqual([]); // Sunday
    expect(planCollection(rows, base("2026-11-20"))).toEqual([]); // Consciência Negra
    expect(planCollection(rows, base("2026-11-23")).map((s) => s.step)).toEqual(["vencida"]);
  });

  it("moves a step that falls on a rest day to the next contact day; Saturday is a contact day", () => {
    // Due Thu 05/11; +15 = Fri 20/11 (holiday) → Sat 21/11.
    const [sat] = planCollection([row("t", "2026-11-05")], base("2026-11-21"));
    expect(sat).toMatchObject({ step: "ligacao", plannedFor: "2026-11-21", movedFrom: "2026-11-20" });
    // Due Sat 31/10; Mon 02/11 is Finados, so it is payable without charges until Tue 03/11;
    // overdue steps count from there: +1 = Wed 04/11, when daysOverdue() is 4.
    const [wed] = planCollection([row("t", "2026-10-31")], base("2026-11-04"));
    expect(wed).toMatchObject({ step: "vencida", plannedFor: "2026-11-04", movedFrom: null, payableUntil: "2026-11-03", daysOverdue: 4 });
    expect(planCollection([row("t", "2026-10-31")], base("2026-11-03")).map((s) => [s.kind, s.step, s.daysOverdue])).toEqual([["reminder", "lembrete", 0]]);
  });

  it("takes the store's holidays from `calendar.extra` and can close Saturdays", () => {
    const calendar: CalendarOptions = { extra: [{ date: "11-24", name: "Feriado municipal" }] };
    expect(planCollection([row("t", "2026-11-10")], base("2026-11-24", { calendar }))).toEqual([]);
    const closed = base("2026-11-21", { contactHours: { from: "09:00", to: "18:00", saturday: null } });
    expect(planCollection([row("t", "2026-11-05")], closed)).toEqual([]);
    const [monday] = planCollection([row("t", "2026-11-05")], { ...closed, asOf: "2026-11-23" });
    expect(monday).toMatchObject({ plannedFor: "2026-11-23", movedFrom: "2026-11-20", contactWindow: { from: "09:00", to: "18:00" } });
  });

  it("returns today's contact window: the default 08:00–20:00, or the store's, Saturday's apart", () => {
    expect(planCollection([row("t", "2026-11-10")], base("2026-11-23"))[0]?.contactWindow).toEqual({ from: "08:00", to: "20:00" });
    const hours = { from: "09:00", to: "19:00", saturday: { from: "09:00", to: "13:00" } };
    expect(planCollection([row("t", "2026-11-10")], base("2026-11-21", { contactHours: hours }))[0]?.contactWindow).toEqual({ from: "09:00", to: "13:00" });
    expect(planCollection([row("t", "2026-11-10")], base("2026-11-23", { contactHours: hours }))[0]?.contactWindow).toEqual({ from: "09:00", to: "19:00" });
  });

  it("refuses a window that is not HH:mm or ends before it starts", () => {
    expectIssue(() => planCollection([], base("2026-11-23", { contactHours: { from: "20:00", to: "08:00" } })), "options.contactHours", "collection.contact_hours");
    expectIssue(() => planCollection([], base("2026-11-23", { contactHours: { from: "8:00", to: "20:00" } })), "options.contactHours.from", "invalid_format");
    expectIssue(() => planCollection([], base("2026-11-23", { contactHours: { from: "08:00", to: "24:00" } })), "options.contactHours.to", "invalid_format");
    expectIssue(() => planCollection([], base("2026-11-23", { contactHours: { from: "08:00", to: "20:00", saturday: { from: "12:00", to: "12:00" } } })), "options.contactHours.saturday", "collection.contact_hours");
  });
});

describe("no overdue message while the título is payable without charges", () => {
  it("the demo's case: due Saturday 21/11/2026 is payable on Monday 23/11, so no 'vencida' that day", () => {
    const rows = [row("t", "2026-11-21", { amount: "822.50" })];
    const [monday] = planCollection(rows, base("2026-11-23"));
    expect(monday).toMatchObject({ kind: "reminder", step: "lembrete", daysOverdue: 0, payableUntil: "2026-11-23" });
    const [tuesday] = planCollection(rows, base("2026-11-24"));
    expect(tuesday).toMatchObject({ step: "vencida", daysOverdue: 3 });
    expect(tuesday?.message).toBe("Parcela de R$ 822,50 vencida em 21/11/2026, 3 dias — Loja Exemplo Ltda, CNPJ 11.222.333/0001-81");
    expect(tuesday?.daysOverdue).toBe(daysOverdue("2026-11-21", "2026-11-24"));
    expect(demo()).not.toMatch(/vencida em 21\/11\/2026/);
  });

  it("no reminder after the effective due date; overdue steps wait for the grace period", () => {
    const rows = [row("t", "2026-11-10")];
    expect(planCollection(rows, base("2026-11-11", { cadence: [reminder] }))).toEqual([]);
    expect(planCollection(rows, base("2026-11-12", { graceDays: 3 }))).toEqual([]);
    const [step] = planCollection(rows, base("2026-11-14", { graceDays: 3 }));
    expect(step).toMatchObject({ step: "vencida", plannedFor: "2026-11-14", daysOverdue: 4 });
    expect(step?.daysOverdue).toBe(daysOverdue("2026-11-10", "2026-11-14", { graceDays: 3 }));
  });
});

describe("negativação: written notice first (CDC art. 43 §2; Súmula 359 STJ)", () => {
  it("steps are reminders by default", () => {
    expect(planCollection([row("t", "2026-11-10")], base("2026-11-23"))[0]?.kind).toBe("reminder");
  });

  it("refuses a registration with no written notice at least 10 days before it", () => {
    expectIssue(() => planCollection([], base("2026-11-23", { cadence: [late, registration] })), "options.cadence[1].kind", "collection.registration_notice");
    expectIssue(() => planCollection([], base("2026-11-23", { cadence: [{ ...notice, offsetDays: 21 }, registration] })), "options.cadence[1].kind", "collection.registration_notice");
    expect(planCollection([], base("2026-11-23", { cadence: [{ ...notice, offsetDays: 20 }, registration] }))).toEqual([]);
  });

  it("a written notice is a letter that shows the creditor's address, after the due date", () => {
    expectIssue(() => planCollection([], base("2026-11-23", { cadence: [{ ...notice, channel: "email" }, registration] })), "options.cadence[0].channel", "collection.notice_channel");
    expectIssue(() => planCollection([], base("2026-11-23", { cadence: [{ ...notice, template: `Aviso${sign}` }, registration] })), "options.cadence[0].template", "collection.notice_address");
    expectIssue(() => planCollection([], base("2026-11-23", { cadence: [{ ...notice, offsetDays: 0 }] })), "options.cadence[0].offsetDays", "collection.notice_before_due");
    expectIssue(() => planCollection([], base("2026-11-23", { cadence: [{ ...notice, offsetDays: -20 }, { ...registration, offsetDays: 0 }] })), "options.cadence[1].offsetDays", "collection.registration_before_due");
    expectIssue(() => planCollection([], base("2026-11-23", { cadence: [notice, { ...registration, offsetDays: 1900 }] })), "options.cadence[1].offsetDays", "collection.registration_too_late");
  });

  it("sends the notice before the registration, and registers only 10 days after the notice was sent", () => {
    const rows = [row("t", "2026-10-01")]; // +30 = 31/10
    const asOf = "2026-11-05";
    expect(planCollection(rows, base(asOf))[0]).toMatchObject({ kind: "written_notice", step: "aviso", channel: "letter" });
    expectIssue(() => planCollection(rows, base(asOf, { sent: [{ receivableId: "t", step: "aviso" }] })), "options.sent[0].date", "collection.notice_date");
    expect(planCollection(rows, base(asOf, { sent: [{ receivableId: "t", step: "aviso", date: "2026-10-30" }] }))).toEqual([]);
    const [reg] = planCollection(rows, base("2026-11-09", { sent: [{ receivableId: "t", step: "aviso", date: "2026-10-30" }] }));
    expect(reg).toMatchObject({ kind: "bureau_registration", step: "negativacao", plannedFor: "2026-11-09", movedFrom: "2026-10-31" });
    const sent = [{ receivableId: "t", step: "aviso", date: "2026-10-21" }, { receivableId: "t", step: "negativacao", date: "2026-11-05" }];
    expect(planCollection(rows, base("2026-11-09", { sent }))).toEqual([]);
  });

  it("does not register a título registered elsewhere, nor one more than 5 years past due (Súmula 323 STJ)", () => {
    const sent = [{ receivableId: "t", step: "aviso", date: "2026-10-21" }];
    expect(planCollection([row("t", "2026-10-01")], base("2026-11-05", { sent, registered: [{ receivableId: "t" }] }))).toEqual([]);
    expect(planCollection([row("t", "2021-11-01")], base("2026-11-05", { sent }))).toEqual([]);
  });
});

describe("removal after payment (Súmula 548 STJ)", () => {
  const paid = (paidDate?: string) => row("t", "2026-10-01", { status: "paid", openAmount: "0.00", ...(paidDate ? { paidDate } : {}) });
  const registered = [{ receivableId: "t", step: "negativacao", date: "2026-11-02" }];

  it("plans the removal within 5 business days of payment, holidays counted out", () => {
    const [step] = planCollection([paid("2026-11-13")], base("2026-11-16", { sent: registered }));
    // Fri 13/11 → 16, 17, 18, 19 (20/11 holiday), 23/11.
    expect(step).toMatchObject({ kind: "bureau_removal", step: "bureau_removal", paidDate: "2026-11-13", dueBy: "2026-11-23", channel: null, registeredOn: "2026-11-02" });
    expect(step?.message).toBe("Solicitar ao cadastro de inadimplentes a exclusão do registro do título t até 23/11/2026 (pago em 13/11/2026; Súmula 548 do STJ)");
  });

  it("also for títulos registered outside the cadence, on any day, once (until recorded as sent)", () => {
    const sunday = planCollection([paid("2026-11-20")], base("2026-11-22", { registered: [{ receivableId: "t" }] }));
    expect(sunday).toMatchObject([{ kind: "bureau_removal", dueBy: "2026-11-27", registeredOn: null }]);
    expect(planCollection([paid("2026-11-20")], base("2026-11-23", { registered: [{ receivableId: "t" }], sent: [{ receivableId: "t", step: "bureau_removal" }] }))).toEqual([]);
    expect(planCollection([paid("2026-11-20")], base("2026-11-19", { registered: [{ receivableId: "t" }] }))).toEqual([]);
    expect(planCollection([paid("2026-11-20")], base("2026-11-23"))).toEqual([]); // never registered
  });

  it("a removal is a task, not a contact: the customer still gets the day's contact", () => {
    const rows = [paid("2026-11-13"), { ...row("u", "2026-11-10"), customerId: "c-t" }];
    expect(planCollection(rows, base("2026-11-16", { sent: registered })).map((s) => [s.customerId, s.kind, s.receivableId, s.step])).toEqual([
      ["c-t", "reminder", "u", "vencida"],
      ["c-t", "bureau_removal", "t", "bureau_removal"],
    ]);
  });

  it("refuses a paid registered título without paidDate, naming it", () => {
    expectIssue(() => planCollection([paid()], base("2026-11-16", { sent: registered })), "receivables[0].paidDate", "collection.removal_paid_date");
  });
});

describe("bad input", () => {
  it("names the path of every problem and throws only CreditBlockError", () => {
    expectIssue(() => planCollection([], base("2026-11-23", { cadence: [{ ...late, id: "bureau_removal" }] })), "options.cadence[0].id", "collection.reserved_step");
    expectIssue(() => planCollection([], base("2026-11-23", { cadence: [late, { ...call, id: "vencida" }] })), "options.cadence[1].id", "duplicate_id");
    expectIssue(() => planCollection([], base("2026-11-23", { calendar: { extra: [{ date: "13-01", name: "x" }] } })), "options.calendar.extra[0].date");
    expectIssue(() => planCollection([], base("2026-11-23", { graceDays: -1 })), "options.graceDays");
    expectIssue(() => planCollection([], { ...base("2026-11-23"), kind: "x" } as never), "options.kind", "unknown_key");
    expectIssue(() => planCollection([], { ...base("2026-11-23"), asOf: null } as never), "options.asOf");
    expectIssue(() => planCollection([], base("2026-11-23", { sent: [{ receivableId: "t", step: "aviso", date: "2026-13-01" }] })), "options.sent[0].date");
    expectIssue(() => planCollection(null as never, base("2026-11-23")), "receivables");
    expectIssue(() => planCollection([], null as never), "options");
  });

  it("never modifies its inputs", () => {
    const rows = [row("t", "2026-10-01"), row("p", "2026-10-01", { status: "paid", openAmount: "0.00", paidDate: "2026-11-13" })];
    const options = base("2026-11-16", { sent: [{ receivableId: "t", step: "aviso", date: "2026-10-21" }], registered: [{ receivableId: "p", date: "2026-11-01" }], calendar: { extra: [{ date: "12-08", name: "x" }] } });
    const before = snapshot({ rows, options });
    planCollection(rows, options);
    expect({ rows, options }).toEqual(before);
  });

  it("the TSDoc example runs as documented", () => {
    const options: CollectionOptions = {
      asOf: "2026-11-23",
      creditor: { name: "Loja Exemplo Ltda", document: "11.222.333/0001-81", address: "Rua Direita, 10, São Paulo/SP" },
      cadence: [
        { id: "lembrete", offsetDays: -2, channel: "sms", template: "{creditorName} ({creditorDocument}): parcela de {amount}, vencimento {dueDate}, sem encargos até {payableUntil}." },
        { id: "atraso", offsetDays: 1, channel: "whatsapp", template: "{creditorName} ({creditorDocument}): parcela de {amount} em aberto há {daysOverdue} dias." },
        { id: "aviso", kind: "written_notice", offsetDays: 20, channel: "letter", template: "{creditorName}, {creditorAddress}, {creditorDocument}: aviso de inclusão em cadastro de inadimplentes." },
        { id: "negativacao", kind: "bureau_registration", offsetDays: 30, channel: "letter", template: "{creditorName} ({creditorDocument}): registro do título {receivableId}." },
      ],
    };
    const rows = [
      { id: "t1", customerId: "c1", amount: "150.00", dueDate: "2026-11-21" },
      { id: "t2", customerId: "c2", amount: "90.00", dueDate: "2026-11-10" },
    ];
    expect(planCollection(rows, options).map((s) => [s.receivableId, s.step, s.daysOverdue])).toEqual([["t1", "lembrete", 0], ["t2", "atraso", 13]]);
    expect(planCollection(rows, { ...options, asOf: "2026-11-24" }).map((s) => [s.step, s.daysOverdue])).toEqual([["atraso", 3], ["atraso", 14]]);
    expect(planCollection(rows, { ...options, asOf: "2026-11-22" })).toEqual([]);
  });
});

// ---- properties (≥ 1,000 runs each) ----

const START = "2026-01-01";
const dayArb = (span: number) => fc.integer({ min: 0, max: span }).map((d) => addDays(START, d));
const calendarArb: fc.Arbitrary<CalendarOptions> = fc.record({
  extra: fc.array(fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }).map(({ month, day }) => ({ date: `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, name: "Feriado da loja" })), { maxLength: 4 }),
  bankHolidays: fc.boolean(),
});
const rowsArb = (asOf: string) =>
  fc.array(fc.record({ customer: fc.integer({ min: 1, max: 4 }), due: fc.integer({ min: -120, max: 30 }) }), { minLength: 1, maxLength: 8 })
    .map((list) => list.map((r, i) => row(`t${i}`, addDays(asOf, r.due), { customerId: `c${r.customer}` })));
const scenarioArb = dayArb(700).chain((asOf) => fc.record({
  asOf: fc.constant(asOf),
  rows: rowsArb(asOf),
  calendar: calendarArb,
  graceDays: fc.integer({ min: 0, max: 10 }),
  saturday: fc.boolean(),
}));
const optionsOf = (s: { asOf: string; calendar: CalendarOptions; graceDays: number; saturday: boolean }): CollectionOptions =>
  base(s.asOf, { calendar: s.calendar, graceDays: s.graceDays, contactHours: { from: "08:00", to: "20:00", ...(s.saturday ? {} : { saturday: null }) } });

const isRestDay = (date: string, calendar: CalendarOptions, saturday: boolean): boolean =>
  dayOfWeek(date) === 0 || (!saturday && dayOfWeek(date) === 6) || holidays(Number(date.slice(0, 4)), calendar).some((h) => h.date === date);

describe("collection properties", () => {
  it("no contact is ever planned for, or made on, a Sunday or holiday", () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      for (const step of contacts(planCollection(s.rows, optionsOf(s)))) {
        expect(isRestDay(step.plannedFor, s.calendar, s.saturday)).toBe(false);
        expect(isRestDay(s.asOf, s.calendar, s.saturday)).toBe(false);
      }
    }), { numRuns: 1000 });
  });

  it("no overdue step while the título can be paid without charges; no reminder after that", () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const byId = new Map(s.rows.map((r) => [r.id, r]));
      for (const step of contacts(planCollection(s.rows, optionsOf(s)))) {
        const due = byId.get(step.receivableId)?.dueDate ?? "";
        const effective = nextBusinessDay(due, s.calendar);
        expect(step.payableUntil).toBe(effective);
        if (step.offsetDays > 0 || step.plannedFor > effective) {
          expect(s.asOf > effective).toBe(true);
          expect(step.daysOverdue).toBeGreaterThan(0);
        } else expect(s.asOf <= effective).toBe(true);
      }
    }), { numRuns: 1000 });
  });

  it("{daysOverdue} is what daysOverdue() returns with the same calendar and grace", () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const cad: Step[] = [reminder, { ...late, template: `{daysOverdue}${sign}` }, { ...call, template: `{daysOverdue}${sign}` }];
      const byId = new Map(s.rows.map((r) => [r.id, r]));
      for (const step of contacts(planCollection(s.rows, { ...optionsOf(s), cadence: cad }))) {
        const expected = daysOverdue(byId.get(step.receivableId)?.dueDate ?? "", s.asOf, { graceDays: s.graceDays, calendar: s.calendar });
        expect(step.daysOverdue).toBe(expected);
        if (step.offsetDays > 0) expect(step.message.startsWith(`${expected} — `)).toBe(true);
      }
    }), { numRuns: 1000 });
  });

  it("a cadence with a registration and no letter notice ≥ 10 days before it is always refused", () => {
    const stepArb = fc.record({
      kind: fc.constantFrom("reminder", "written_notice", "bureau_registration"),
      offsetDays: fc.integer({ min: 1, max: 90 }),
    });
    fc.assert(fc.property(fc.array(stepArb, { minLength: 1, maxLength: 6 }), (list) => {
      const cad: Step[] = list.map((s, i) => ({ id: `s${i}`, kind: s.kind, offsetDays: s.offsetDays, channel: "letter", template: `{creditorAddress}${sign}` }));
      const regs = list.map((s, i) => [s, i] as const).filter(([s]) => s.kind === "bureau_registration");
      const lacking = regs.filter(([r]) => !list.some((n) => n.kind === "written_notice" && n.offsetDays <= r.offsetDays - 10));
      const run = () => planCollection([], base("2026-11-23", { cadence: cad }));
      if (lacking.length === 0) expect(run()).toEqual([]);
      else for (const [, i] of lacking) expectIssue(run, `options.cadence[${i}].kind`, "collection.registration_notice");
    }), { numRuns: 1000 });
  });

  it("every paid registered título yields one removal due exactly 5 business days after payment", () => {
    const arb = fc.record({
      calendar: calendarArb,
      paid: fc.array(fc.record({ paid: dayArb(700), registered: fc.boolean(), lag: fc.integer({ min: 0, max: 10 }) }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(fc.property(arb, ({ calendar, paid }) => {
      const asOf = addDays(START, 710);
      const rows = paid.map((p, i) => row(`p${i}`, addDays(p.paid, -p.lag), { status: "paid", openAmount: "0.00", paidDate: p.paid }));
      const registered = rows.filter((_, i) => paid[i]?.registered).map((r) => ({ receivableId: r.id }));
      const removals = planCollection(rows, base(asOf, { calendar, registered })).filter((s) => s.kind === "bureau_removal");
      expect(removals.map((s) => s.receivableId).sort()).toEqual(registered.map((r) => r.receivableId).sort());
      for (const s of removals) {
        expect(s.dueBy).toBe(addBusinessDays(s.paidDate, 5, calendar));
        let business = 0;
        for (let d = addDays(s.paidDate, 1); d <= s.dueBy; d = addDays(d, 1)) if (isBusinessDay(d, calendar)) business++;
        expect(business).toBe(5);
        expect(isBusinessDay(s.dueBy, calendar)).toBe(true);
      }
    }), { numRuns: 1000 });
  });

  it("over daily runs: a step is never sent twice, one contact per customer a day, and every registration comes ≥ 10 days after a letter", () => {
    const arb = fc.record({
      start: dayArb(365),
      dues: fc.array(fc.record({ customer: fc.integer({ min: 1, max: 3 }), due: fc.integer({ min: -40, max: 5 }) }), { minLength: 1, maxLength: 4 }),
      skip: fc.array(fc.boolean(), { minLength: 70, maxLength: 70 }), // days the store did not run the planner
    });
    fc.assert(fc.property(arb, ({ start, dues, skip }) => {
      const rows = dues.map((d, i) => row(`t${i}`, addDays(start, d.due), { customerId: `c${d.customer}` }));
      const sent: { receivableId: string; step: string; date: string }[] = [];
      for (let day = 0; day < 70; day++) {
        if (skip[day]) continue;
        const asOf = addDays(start, day);
        const steps = contacts(planCollection(rows, base(asOf, { sent })));
        const customers = steps.map((s) => s.customerId);
        expect(new Set(customers).size).toBe(customers.length);
        for (const s of steps) {
          expect(sent.some((x) => x.receivableId === s.receivableId && x.step === s.step)).toBe(false);
          if (s.kind === "bureau_registration") {
            const letters = sent.filter((x) => x.receivableId === s.receivableId && x.step === "aviso");
            expect(letters.some((x) => daysBetween(x.date, asOf) >= 10)).toBe(true);
          }
          sent.push({ receivableId: s.receivableId, step: s.step, date: asOf });
        }
      }
    }), { numRuns: 1000 });
  });

  it("any CNPJ body, numeric or alphanumeric, with its mod-11 digits is accepted and with other digits refused", () => {
    const w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const w2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const digit = (body: string, w: number[]) => {
      let total = 0;
      for (let i = 0; i < body.length; i++) total += (body.charCodeAt(i) - 48) * (w[i] ?? 0);
      const rest = total % 11;
      return rest < 2 ? 0 : 11 - rest;
    };
    const bodyArb = fc.array(fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".split(/(?:)/u)), { minLength: 12, maxLength: 12 }).map((c) => c.join(""));
    fc.assert(fc.property(bodyArb, fc.integer({ min: 1, max: 99 }), (body, shift) => {
      fc.pre(!/^(.)\1*$/.test(body));
      const d1 = digit(body, w1);
      const good = `${body}${d1}${digit(body + String(d1), w2)}`;
      const bad = `${body}${String((Number(good.slice(12)) + shift) % 100).padStart(2, "0")}`;
      expect(planCollection([], base("2026-11-23", { creditor: { ...creditor, document: good } }))).toEqual([]);
      expectIssue(() => planCollection([], base("2026-11-23", { creditor: { ...creditor, document: bad } })), "options.creditor.document", "tax_id.check_digit");
    }), { numRuns: 1000 });
  });

  it("hostile option values give a CreditBlockError or a plan, never a crash, never a mutation", () => {
    const keys = ["asOf", "cadence", "sent", "registered", "creditor", "graceDays", "calendar", "contactHours", "blockAfterDays"] as const;
    fc.assert(fc.property(fc.constantFrom(...keys), fc.anything(), (key, value) => {
      const options = { ...base("2026-11-23"), [key]: value };
      const rows = [row("t", "2026-10-01")];
      const before = snapshot({ options, rows });
      try {
        planCollection(rows, options);
      } catch (error) {
        expect(error).toBeInstanceOf(CreditBlockError);
      }
      expect({ options, rows }).toEqual(before);
    }), { numRuns: 1000 });
  });
});
