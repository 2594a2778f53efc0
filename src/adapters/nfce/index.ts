/**
 * `credit-block/nfce`: the NF-e/NFC-e payment group (`detPag`: `tPag`, `vPag`, `indPag`, `xPag`)
 * and credit-block tenders, both ways, so a POS that already emits NFC-e can ask the engine with
 * the payment group it has.
 *
 * Codes: Informe Técnico 2024.002 v1.11 (tPag table), NT 2016.002 (`indPag`: 0 à vista,
 * 1 a prazo) — https://www.nfe.fazenda.gov.br/portal/listaConteudo.aspx?tipoConteudo=ndIjl+iEFdE=
 * @module adapters/nfce
 */
import { compareMoney, CreditBlockError, issue, parseInput, subtractMoney, sumMoney, TenderSchema, toMoney, type Issue, type PaymentMethod, type Term, type TenderInput } from "credit-block";
import { invalidType, kind } from "../options.js";

/** A `detPag` entry of the NF-e/NFC-e. */
export interface NfcePayment {
  /** Payment type, two digits. */
  readonly tPag: string;
  /** Amount, decimal string or number. */
  readonly vPag: string | number;
  /** 0 à vista, 1 a prazo. */
  readonly indPag?: 0 | 1 | "0" | "1";
  /** Description, required with tPag 99. */
  readonly xPag?: string;
}

/** One code of the tPag table: its name and the tender it means. */
export interface TpagCode {
  readonly name: string;
  readonly method: PaymentMethod;
  /** The term; with `byIndPag`, the term when indPag is absent. */
  readonly term: Term;
  /**
   * Whether `indPag` says who waits for the money. Only where the store itself may carry the
   * risk (cheque pré-datado, boleto, outros). A card, PIX, voucher or transfer pays the store
   * now whatever the customer owes its bank, so `indPag` 1 on them (card installments, as many
   * emitters write it) is not the store's credit; a crediário is the store's credit whatever
   * `indPag` 0 an emitter writes on every entry.
   */
  readonly byIndPag?: true;
}

/** The tPag table in force (IT 2024.002 v1.11), with the tender each code means. */
export const TPAG: Readonly<Record<string, TpagCode>> = {
  "01": { name: "Dinheiro", method: "cash", term: "immediate" },
  "02": { name: "Cheque", method: "check", term: "immediate", byIndPag: true },
  "03": { name: "Cartão de Crédito", method: "credit_card", term: "immediate" },
  "04": { name: "Cartão de Débito", method: "debit_card", term: "immediate" },
  "05": { name: "Cartão da Loja (Private Label), Crediário Digital, Outros Crediários", method: "store_credit", term: "deferred" },
  "10": { name: "Vale Alimentação", method: "voucher", term: "immediate" },
  "11": { name: "Vale Refeição", method: "voucher", term: "immediate" },
  "12": { name: "Vale Presente", method: "voucher", term: "immediate" },
  "13": { name: "Vale Combustível", method: "voucher", term: "immediate" },
  "15": { name: "Boleto Bancário", method: "boleto", term: "deferred", byIndPag: true },
  "16": { name: "Depósito Bancário", method: "bank_transfer", term: "immediate" },
  "17": { name: "PIX – Dinâmico", method: "pix", term: "immediate" },
  "18": { name: "Transferência bancária, Carteira Digital", method: "digital_wallet", term: "immediate" },
  "19": { name: "Programa de fidelidade, Cashback, Crédito Virtual", method: "other", term: "immediate" },
  "20": { name: "PIX – Estático", method: "pix", term: "immediate" },
  "21": { name: "Crédito em Loja", method: "other", term: "immediate" },
  "22": { name: "Pagamento Eletrônico não Informado – falha de hardware do sistema emissor", method: "other", term: "immediate" },
  "23": { name: "PIX – Automático", method: "pix", term: "immediate" },
  "24": { name: "TEF Book Transfer", method: "bank_transfer", term: "immediate" },
  "90": { name: "Sem Pagamento", method: "other", term: "immediate" },
  "91": { name: "Pagamento Posterior", method: "other", term: "deferred" },
  "99": { name: "Outros", method: "other", term: "immediate", byIndPag: true },
};

/** Codes that existed and were withdrawn, refused with that reason. */
const RETIRED = new Set(["06", "07", "08", "09", "14"]);

/** What one `detPag` entry means for the credit check. */
type Entry =
  | { readonly kind: "tender"; readonly tender: TenderInput }
  | { readonly kind: "none" } // 90 Sem Pagamento: no payment at all
  | { readonly kind: "later" }; // 91 Pagamento Posterior: the rest of vNF, paid later

function readEntry(payment: NfcePayment, path: string): Entry {
  if (typeof payment !== "object" || (payment as unknown) === null || Array.isArray(payment)) {
    throw invalidType(path, "{ tPag, vPag }", payment);
  }
  const raw: unknown = payment.tPag;
  const code = typeof raw === "string" ? raw.slice(0, 8).padStart(2, "0") : typeof raw === "number" && Number.isInteger(raw) ? String(raw).padStart(2, "0") : `(${kind(raw)})`;
  const entry = Object.hasOwn(TPAG, code) ? TPAG[code] : undefined;
  if (!entry) throw new CreditBlockError("INVALID_INPUT", [issue(`${path}.tPag`, "nfce.unknown_code", { code, why: RETIRED.has(code) ? "retired" : "not in the table in force (IT 2024.002 v1.11)" })]);
  const amount = toMoney(payment.vPag, { path: `${path}.vPag` });
  if ((code === "90" || code === "91") && amount !== "0.00") throw new CreditBlockError("INVALID_INPUT", [issue(`${path}.vPag`, "nfce.zero_value", { code, value: amount })]);
  if (code === "99" && !payment.xPag) throw new CreditBlockError("INVALID_INPUT", [issue(`${path}.xPag`, "nfce.xpag")]);
  if (code === "90") return { kind: "none" };
  if (code === "91") return { kind: "later" };
  const ind: unknown = payment.indPag;
  const term: Term = !entry.byIndPag ? entry.term : ind === 1 || ind === "1" ? "deferred" : ind === 0 || ind === "0" ? "immediate" : entry.term;
  return { kind: "tender", tender: { method: entry.method, term, amount } };
}

/**
 * A credit-block tender from an NFC-e payment entry. The term is who carries the risk (DESIGN:
 * a card sale in installments is `immediate` for the store, the issuer carries it). So `indPag`
 * decides it only for `02` cheque (pré-datado), `15` boleto (à vista or a prazo) and `99`
 * outros; `05` crediário is always `deferred`, and cards, PIX, vouchers and transfers always
 * `immediate`, whatever `indPag` an emitter writes (CDC art. 39 IX: a card sale is never
 * refused as if it were the store's credit). 90 (Sem Pagamento) gives no tender (`null`); 90
 * and 91 need `vPag` 0.00 (SEFAZ rejection 904); 99 needs `xPag`. Unknown or retired codes are
 * an error naming the code.
 *
 * 91 (Pagamento Posterior) is a sale on credit whose value is the part of the note's total not
 * paid now: one entry alone cannot say how much, so it is an error here; read the whole group
 * with {@link tendersFromNfce} and the note's `vNF`.
 *
 * @example
 * ```ts
 * tenderFromNfce({ tPag: "05", vPag: "300.00", indPag: 1 }); // { method: "store_credit", term: "deferred", amount: "300.00" }
 * tenderFromNfce({ tPag: "17", vPag: 50 });                  // { method: "pix", term: "immediate", amount: "50.00" }
 * ```
 */
export function tenderFromNfce(payment: NfcePayment, path = "detPag"): TenderInput | null {
  const entry = readEntry(payment, path);
  if (entry.kind === "later") throw new CreditBlockError("INVALID_INPUT", [issue(`${path}.tPag`, "nfce.deferred_total")]);
  return entry.kind === "tender" ? entry.tender : null;
}

/**
 * The NFC-e payment entry for a tender: a crediário sale is `05` with `indPag` 1; PIX is `17`
 * (dynamic QR, the POS default); a digital wallet is `18`; anything without its own code is `99`
 * with `xPag`.
 *
 * @example
 * ```ts
 * nfceFromTender({ method: "store_credit", amount: "300.00" }); // { tPag: "05", vPag: "300.00", indPag: 1 }
 * ```
 */
export function nfceFromTender(tender: TenderInput): NfcePayment {
  const { method, term, amount } = parseInput(TenderSchema, tender);
  const code = METHOD_CODE[method];
  return { tPag: code, vPag: amount, indPag: term === "deferred" ? 1 : 0, ...(code === "99" ? { xPag: "Outros" } : {}) };
}

const METHOD_CODE: Record<PaymentMethod, string> = {
  cash: "01", check: "02", credit_card: "03", debit_card: "04", store_credit: "05", voucher: "10", boleto: "15",
  bank_transfer: "16", pix: "17", digital_wallet: "18", other: "99",
};

/** The note's totals that {@link tendersFromNfce} needs when the group has a 91 entry. */
export interface NfceTotals {
  /** The note's total (`ICMSTot/vNF`). */
  readonly vNF?: string | number;
  /** The change given back (`pag/vTroco`), if any: what is paid now is Σ vPag − vTroco. */
  readonly vTroco?: string | number;
}

/**
 * Tenders for a whole `pag` group (the list of `detPag`), in the group's order, naming each bad
 * entry by index. `90` (Sem Pagamento) entries give no tender.
 *
 * `91` (Pagamento Posterior, IT 2024.002 v1.10, in production since 2025-11-03) means that what
 * the other entries do not pay of the note's total is paid later: the buyer owes it, so it is
 * credit, and the engine must see it. With `vNF` it becomes one `other` tender, `deferred`, of
 * `vNF − (Σ vPag − vTroco)`, where the (first) 91 entry stands; without `vNF` it is an error,
 * never a silently smaller sale.
 *
 * @example
 * ```ts
 * tendersFromNfce([{ tPag: "01", vPag: "20.00" }, { tPag: "05", vPag: "80.00", indPag: 1 }]);
 * // R$ 100,00 paid by debit card now, R$ 79,95 later:
 * tendersFromNfce([{ tPag: "04", vPag: "100.00" }, { tPag: "91", vPag: "0.00" }], { vNF: "179.95" });
 * // [{ method: "debit_card", term: "immediate", amount: "100.00" }, { method: "other", term: "deferred", amount: "79.95" }]
 * ```
 */
export function tendersFromNfce(payments: readonly NfcePayment[], totals: NfceTotals = {}): TenderInput[] {
  const list: unknown = payments;
  if (!Array.isArray(list)) throw invalidType("detPag", "array", list);
  const issues: Issue[] = [];
  const tenders: TenderInput[] = [];
  let later: number | undefined; // where the deferred tender goes
  for (const [i, p] of (list as readonly NfcePayment[]).entries()) {
    try {
      const entry = readEntry(p, `detPag[${i}]`);
      if (entry.kind === "tender") tenders.push(entry.tender);
      else if (entry.kind === "later") later ??= tenders.length;
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (later !== undefined && issues.length === 0) {
    try {
      tenders.splice(later, 0, { method: "other", term: "deferred", amount: paidLater(tenders, totals) });
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
  return tenders;
}

/** What a 91 entry stands for: the note's total less what the other entries pay now. */
function paidLater(paidNow: readonly TenderInput[], totals: NfceTotals): string {
  const given: unknown = totals;
  if (typeof given !== "object" || given === null || totals.vNF === undefined) {
    throw new CreditBlockError("INVALID_INPUT", [issue("vNF", "nfce.deferred_total")]);
  }
  const total = toMoney(totals.vNF, { path: "vNF" });
  const handed = sumMoney(paidNow.map((t) => t.amount));
  const change = totals.vTroco === undefined ? "0.00" : toMoney(totals.vTroco, { path: "vTroco" });
  if (compareMoney(change, handed) > 0) throw new CreditBlockError("INVALID_INPUT", [issue("vTroco", "too_big", { maximum: handed })]);
  const paid = subtractMoney(handed, change);
  // Something must be left to pay later, or the 91 entry contradicts the rest of the group.
  if (compareMoney(total, paid) <= 0) throw new CreditBlockError("INVALID_INPUT", [issue("vNF", "too_small", { minimum: sumMoney([paid, "0.01"]) })]);
  return subtractMoney(total, paid);
}
