import { compileCalendar } from "../calendar/businessDays.js";
import type { CalendarOptions } from "../calendar/holidays.js";
import { dayNumber, fromDayNumber, monthLength, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue, type Issue } from "../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY } from "../money/currency.js";
import { MoneyDecimal } from "../money/decimal.js";
import { divideFor, roundDec, type RoundingMode } from "../money/rounding.js";
import { decToMoney, moneyDec, type Money } from "../money/toMoney.js";
import { checkoutSchemas, type ReceivableInput } from "../schemas/checkout.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";
import { ChargeTermsSchema, CONSUMER_MAX_FINE_PERCENT, CONSUMER_MAX_MONTHLY_INTEREST_PERCENT, type ChargeTermsInput } from "./terms.js";

/** What one título owes at a date: principal and each late charge, each rounded once. */
export interface Charges {
  /** The open balance the charges run on (openAmount, or amount). */
  readonly principal: Money;
  readonly correction: Money;
  readonly fine: Money;
  readonly interest: Money;
  readonly total: Money;
  /** Calendar days from the original due date to the charge date; 0 when nothing is charged. */
  readonly daysLate: number;
  /** The due date moved to the next business day: paying up to it costs nothing. */
  readonly effectiveDueDate: ISODate;
  /** Index months applied, in order. */
  readonly indexMonths: string[];
  /** The date charges ran until: `asOf`, or `freezeOn` when earlier. */
  readonly chargedUntil: ISODate;
  /** Product of `(1 + v/100)` over `indexMonths`, never below 1 (see {@link computeCharges}). */
  readonly correctionFactor: string;
}

/** Parsed terms. @internal */
export type ChargeTerms = ReturnType<typeof parseTerms>;

/** @internal */
export function parseTerms(input: unknown, path = "terms") {
  const parsed = safeParseReporting(ChargeTermsSchema, input);
  if (!parsed.success) throw new CreditBlockError("INVALID_INPUT", fromZodIssues(parsed.error.issues, path));
  const t = parsed.data;
  const currency = t.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency, `${path}.currency`);
  const money = (v: string | number | undefined, field: string): MoneyDecimal | undefined => {
    if (v === undefined) return undefined;
    const dec = moneyDec(v, currency, `${path}.${field}`);
    if (dec.isNegative()) throw new CreditBlockError("INVALID_INPUT", [issue(`${path}.${field}`, "money.negative", { value: String(v) })]);
    return dec;
  };
  return {
    asOfDay: dayNumber(t.asOf, `${path}.asOf`),
    freezeDay: t.freezeOn === undefined ? Number.POSITIVE_INFINITY : dayNumber(t.freezeOn, `${path}.freezeOn`),
    finePercent: t.finePercent === undefined ? undefined : new MoneyDecimal(t.finePercent),
    fineAmount: money(t.fineAmount, "fineAmount"),
    monthlyRate: t.monthlyInterestPercent === undefined ? undefined : new MoneyDecimal(t.monthlyInterestPercent).div(100),
    dailyAmount: money(t.dailyInterestAmount, "dailyInterestAmount"),
    compounding: t.compounding ?? "simple",
    dayCount: t.dayCount ?? "30",
    correction: t.correction,
    rounding: (t.rounding ?? "down") as RoundingMode,
    consumer: t.consumer ?? true,
    calendar: compileCalendar(t.calendar as CalendarOptions | undefined, `${path}.calendar`),
    currency,
    digits,
    /** Where these terms sit in the caller's input, for errors found at compute time. */
    path,
  };
}

/**
 * Late charges of one título at `terms.asOf`, by the Brazilian defaults (each configurable):
 *
 * - **Nothing before the effective due date.** A due date on a weekend or bank holiday is payable
 *   on the next business day without charge (CC art. 132 §1; Lei 7.089/1983); once that day has
 *   passed, days count from the **original** due date (STJ, REsp 1.954.924).
 * - **Monetary correction** (`correction`): the factor is the product of `(1 + v/100)` over the
 *   index months, start and end months included, no pro rata (BCB method,
 *   https://www4.bcb.gov.br/pec/correcao/metodologiaInd.asp?frame=1; CC art. 389 p.u. makes IPCA
 *   the default index). Months default to the due date's month through the month before the
 *   charge date. A missing month is an error naming it. A negative accumulated factor is not
 *   applied below the nominal value (STJ, REsp 1.265.580/RS). An empty series means no correction.
 * - **Multa** once, on the (corrected) installment, as a percent or a value. For consumers
 *   (`consumer: true`, the default) a percent above 2% is refused: CDC art. 52 §1
 *   (https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm), extended to every consumer
 *   contract by Decreto 2.181/1997 art. 22 XIX. B2B terms may set more (CC arts. 412–413).
 * - **Juros de mora** simple, pro rata die: `base × rate/30 × days` (`dayCount: "30"`, market
 *   practice) or by the days of each month (`"actual"`); never on the multa nor on earlier interest
 *   (Decreto 22.626/1933 art. 4, https://www.planalto.gov.br/ccivil_03/decreto/d22626.htm).
 *   `compounding: "daily"` only for contracts that say so. Or a fixed value per day
 *   (`dailyInterestAmount`, CNAB 240 juros code 1). The rate is always the caller's: the agreed
 *   rate, or the taxa legal of CC art. 406 (Selic − IPCA, Lei 14.905/2024), which changes monthly.
 *   For consumers the agreed rate may not exceed **1% a.m.** (Súmula 379 STJ: "os juros moratórios
 *   poderão ser convencionados até o limite de 1% ao mês"; Decreto 22.626/1933 art. 5; CC art. 406,
 *   https://www.planalto.gov.br/ccivil_03/leis/2002/l10406compilada.htm): a higher
 *   `monthlyInterestPercent` is refused (`charges.interest_cap`), and so is a `dailyInterestAmount`
 *   above 1% ÷ 30 of the (corrected) open balance per day, rounded up to the cent as banks register
 *   the CNAB "valor por dia" (`charges.daily_interest_cap` at `terms.dailyInterestAmount`, checked
 *   when charges accrue, since it depends on the balance). `consumer: false` lifts both.
 * - **Freeze** (`freezeOn`): no charge accrues after it (an agreement, a court hearing — CDC art.
 *   104-A §2 interrupts mora charges of an absent creditor).
 * - **Rounding**: each charge is rounded to the cent once, `down` by default: rounding up risks an
 *   undue charge that CDC art. 42 p.u. refunds in double.
 *
 * Charges run on the open balance (`openAmount`): partial payments stop the charges on the part paid.
 *
 * @example
 * ```ts
 * // R$ 100,00 due 2026-11-03, paid 10 days late, multa 2%, juros 1% a.m.
 * computeCharges(
 *   { id: "t1", amount: "100.00", dueDate: "2026-11-03" },
 *   { asOf: "2026-11-13", finePercent: "2", monthlyInterestPercent: "1" },
 * );
 * // { principal: "100.00", correction: "0.00", fine: "2.00", interest: "0.33", total: "102.33", daysLate: 10, … }
 *
 * // Juros de mora above 1% a.m. for a consumer: CreditBlockError, issue
 * // { path: "terms.monthlyInterestPercent", code: "charges.interest_cap" } (Súmula 379 STJ).
 * computeCharges({ id: "t1", amount: "100.00", dueDate: "2026-11-03" }, { asOf: "2026-11-13", monthlyInterestPercent: "2" });
 * // R$ 0,04 a day on R$ 100,00 is above 1% a.m. (0.0333… rounded up = R$ 0,04 is the most): refused only above it.
 * computeCharges({ id: "t1", amount: "100.00", dueDate: "2026-11-03" }, { asOf: "2026-11-13", dailyInterestAmount: "0.05" }); // throws
 * ```
 */
export function computeCharges(receivable: ReceivableInput, terms: ChargeTermsInput): Charges {
  // Both inputs are checked before either error is thrown, so the caller sees every problem.
  let t: ChargeTerms | undefined;
  const issues: Issue[] = [];
  try {
    t = parseTerms(terms);
  } catch (error) {
    if (!(error instanceof CreditBlockError)) throw error;
    issues.push(...error.issues);
  }
  const currency = t?.currency ?? DEFAULT_CURRENCY;
  const parsed = safeParseReporting(checkoutSchemas(currency).receivable, receivable);
  if (!parsed.success) issues.unshift(...fromZodIssues(parsed.error.issues, "receivable"));
  if (!t || !parsed.success) throw new CreditBlockError("INVALID_INPUT", issues);
  const r = parsed.data;
  const principal = r.status === "paid" ? new MoneyDecimal(0) : new MoneyDecimal(r.openAmount ?? r.amount);
  return chargesOf(principal, dayNumber(r.dueDate, "receivable.dueDate"), t);
}

/** Charges of an open principal due on `dueDay` under parsed terms. @internal */
export function chargesOf(principal: MoneyDecimal, dueDay: number, t: ChargeTerms): Charges {
  const effectiveDue = t.calendar.nextBusinessDay(dueDay);
  const until = Math.min(t.asOfDay, t.freezeDay);
  const base = {
    effectiveDueDate: fromDayNumber(effectiveDue),
    chargedUntil: fromDayNumber(until),
  };
  const zero = decToMoney(new MoneyDecimal(0), t.digits);
  if (until <= effectiveDue || principal.isZero()) {
    return { principal: decToMoney(principal, t.digits), correction: zero, fine: zero, interest: zero, total: decToMoney(principal, t.digits), daysLate: 0, indexMonths: [], correctionFactor: "1", ...base };
  }
  const days = until - dueDay;
  const { factor, months } = correctionFactor(t, dueDay, until);
  const corrected = principal.times(factor);
  const correction = roundDec(corrected.minus(principal), t.rounding, t.digits);

  let fine: MoneyDecimal;
  if (t.fineAmount !== undefined) {
    if (t.consumer && t.fineAmount.greaterThan(corrected.times(CONSUMER_MAX_FINE_PERCENT).div(100))) {
      throw new CreditBlockError("INVALID_INPUT", [issue(`${t.path}.fineAmount`, "charges.fine_cap", { value: decToMoney(t.fineAmount, t.digits) })]);
    }
    fine = t.fineAmount;
  } else {
    fine = roundDec(divideFor(t.rounding, corrected.times(t.finePercent ?? 0), 100), t.rounding, t.digits);
  }

  let interest: MoneyDecimal;
  if (t.dailyAmount !== undefined) {
    if (t.consumer) {
      // 1% a.m. of the balance the juros run on, per day of a 30-day month, rounded UP to the
      // cent: banks register the CNAB "valor por dia" rounded up, so that cent is tolerated.
      const maximum = roundDec(divideFor("up", corrected.times(CONSUMER_MAX_MONTHLY_INTEREST_PERCENT), 3000), "up", t.digits);
      if (t.dailyAmount.greaterThan(maximum)) {
        throw new CreditBlockError("INVALID_INPUT", [issue(`${t.path}.dailyInterestAmount`, "charges.daily_interest_cap", {
          value: decToMoney(t.dailyAmount, t.digits), maximum: decToMoney(maximum, t.digits), base: decToMoney(roundDec(corrected, "half-up", t.digits), t.digits),
        })]);
      }
    }
    interest = t.dailyAmount.times(days);
  } else {
    const rate = t.monthlyRate ?? new MoneyDecimal(0);
    // Months late as an exact fraction; multiply first, divide once at the end.
    const months = t.dayCount === "30" ? { num: new MoneyDecimal(days), den: new MoneyDecimal(30) } : actualMonthFraction(dueDay, until);
    const raw = t.compounding === "daily"
      ? corrected.times(rate.plus(1).pow(months.num.div(months.den)).minus(1))
      : divideFor(t.rounding, corrected.times(rate).times(months.num), months.den);
    interest = roundDec(raw, t.rounding, t.digits);
  }

  const total = principal.plus(correction).plus(fine).plus(interest);
  return {
    principal: decToMoney(principal, t.digits),
    correction: decToMoney(correction, t.digits),
    fine: decToMoney(fine, t.digits),
    interest: decToMoney(interest, t.digits),
    total: decToMoney(total, t.digits),
    daysLate: days,
    indexMonths: months,
    correctionFactor: factor.toString(),
    ...base,
  };
}

/** lcm(28, 29, 30, 31): every month length divides it, so month fractions add up exactly. */
const MONTH_LCM = 377_580;

/** Σ over months of (days late in that month ÷ days in that month), days being (due, until], as num/den. */
function actualMonthFraction(dueDay: number, until: number): { num: MoneyDecimal; den: MoneyDecimal } {
  let total = 0;
  let day = dueDay + 1;
  while (day <= until) {
    const iso = fromDayNumber(day);
    const y = Number(iso.slice(0, 4));
    const m = Number(iso.slice(5, 7));
    const length = monthLength(y, m);
    const lastOfMonth = day + (length - Number(iso.slice(8, 10)));
    const end = Math.min(lastOfMonth, until);
    total += (end - day + 1) * (MONTH_LCM / length);
    day = end + 1;
  }
  return { num: new MoneyDecimal(total), den: new MoneyDecimal(MONTH_LCM) };
}

const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthText = (index: number): string => `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;

function correctionFactor(t: ChargeTerms, dueDay: number, until: number): { factor: MoneyDecimal; months: string[] } {
  const c = t.correction;
  if (!c || c.index.length === 0) return { factor: new MoneyDecimal(1), months: [] };
  const series = new Map<number, string>();
  const problems: Issue[] = [];
  c.index.forEach((entry, i) => {
    const key = monthIndex(entry.month);
    if (series.has(key)) problems.push(issue(`terms.correction.index[${i}].month`, "charges.index_duplicate", { month: entry.month }));
    series.set(key, entry.percent);
  });
  const from = c.from !== undefined ? monthIndex(c.from) : monthIndex(fromDayNumber(dueDay).slice(0, 7));
  const to = c.to !== undefined ? monthIndex(c.to) : monthIndex(fromDayNumber(until).slice(0, 7)) - 1;
  let factor = new MoneyDecimal(1);
  const months: string[] = [];
  for (let m = from; m <= to; m++) {
    const percent = series.get(m);
    if (percent === undefined) {
      problems.push(issue("terms.correction.index", "charges.index_missing", { month: monthText(m), from: monthText(from), to: monthText(to) }));
      continue;
    }
    factor = factor.times(new MoneyDecimal(percent).div(100).plus(1));
    months.push(monthText(m));
  }
  if (problems.length > 0) throw new CreditBlockError("INVALID_INPUT", problems);
  return { factor: factor.lessThan(1) ? new MoneyDecimal(1) : factor, months };
}
