import type { CalendarOptions } from "../../calendar/holidays.js";
import type { ChargeTerms } from "../../charges/computeCharges.js";
import type { PaymentMethod, Term } from "../../schemas/checkout.js";
import type { PixReceiver, PixWriter } from "../../schemas/pix.js";
import type { FactType } from "../facts/index.js";
import type { Operator } from "../operators.js";

/** What a rule does to the tenders in its scope. */
export type RuleAction = "deny" | "review" | "warn";

/** A comparison's right-hand side that names another fact, optionally scaled (`creditLimit × 1.1`). */
export interface FactRef {
  readonly fact: string;
  readonly times?: string | number;
}

/** A condition over facts. */
export type Condition =
  | { readonly fact: string; readonly op: Operator; readonly value: string | number | boolean | null | readonly (string | number)[] | FactRef }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

/** Which tenders a rule restricts: all, every deferred one, or by method and term. */
export type Scope = "all" | "credit" | { readonly methods?: readonly PaymentMethod[]; readonly terms?: readonly Term[] };

/** One rule of a policy. */
export interface Rule {
  readonly id: string;
  readonly description?: string;
  readonly when: Condition;
  readonly scope: Scope;
  readonly action: RuleAction;
  /** Operator message; `{factName}` placeholders are filled with the numbers. One text or one per locale. */
  readonly message?: string | { readonly "pt-BR"?: string; readonly en?: string };
  /** Stable reason code; default derived from the id (`overdue-credit` → `OVERDUE_CREDIT`). */
  readonly code?: string;
  /**
   * Lets a deny or review reach sales paid at once. For a consumer policy only on a rule whose
   * condition uses no debt fact (fraud holds, tags): see {@link definePolicy} and CDC art. 39 IX.
   */
  readonly allowImmediateBlock?: boolean;
}

/**
 * The late charges a policy asks for in `regularize` (multa and juros de mora at `asOf`), in the
 * terms of `computeCharges`. Percent-based only: a fixed value belongs to one título's own terms.
 * With `consumer: true` the multa is capped at 2% (CDC art. 52 §1) and the juros de mora at 1%
 * a.m. (Súmula 379 STJ; Decreto 22.626/1933 art. 5), exactly as in `computeCharges`.
 */
export interface PolicyCharges {
  readonly finePercent?: string | number;
  readonly monthlyInterestPercent: string | number;
  readonly dayCount?: "30" | "actual";
  readonly rounding?: "down" | "up" | "half-up" | "half-even";
}

/** A credit policy document, as JSON. */
export interface PolicyDocument {
  readonly $schema?: string;
  readonly id: string;
  readonly version: string | number;
  readonly description?: string;
  readonly currency?: string;
  readonly locale?: "pt-BR" | "en";
  readonly graceDays?: number;
  readonly calendar?: CalendarOptions;
  readonly ignoreOverdueBelow?: string;
  readonly consumer?: boolean;
  /** Late charges that `regularize` adds to each título it asks for (see {@link PolicyCharges}). */
  readonly charges?: PolicyCharges;
  /**
   * The store's Pix receiver: then `regularize.pix` carries the static BR Code for exactly
   * `payAtLeast`. `definePolicy` checks its shape and that the currency is BRL; the gate checks
   * its fields by the BCB's rules with the encoder it is given (see `createCreditGate`).
   */
  readonly pix?: PixReceiver;
  readonly rules: readonly Rule[];
}

/** A validated policy: the document with defaults filled in, frozen. */
export interface Policy extends PolicyDocument {
  readonly currency: string;
  readonly locale: "pt-BR" | "en";
  readonly graceDays: number;
  readonly consumer: boolean;
}

/** The checked right-hand side of a comparison. @internal */
export type Operand =
  | { readonly kind: "literal"; readonly value: number | string | boolean | null | readonly (string | number)[] }
  | { readonly kind: "fact"; readonly fact: string; readonly type: FactType; readonly times?: { readonly num: bigint; readonly den: bigint } };

/** A condition once checked: every fact known, every literal in comparison form. @internal */
export type CheckedCondition =
  | { readonly kind: "cmp"; readonly fact: string; readonly type: FactType; readonly op: Operator; readonly value: Operand }
  | { readonly kind: "all" | "any"; readonly items: readonly CheckedCondition[] }
  | { readonly kind: "not"; readonly item: CheckedCondition };

/** @internal */
export interface CheckedRule {
  readonly rule: Rule;
  readonly when: CheckedCondition;
  /** The facts its condition names, in order of appearance (for the default message). */
  readonly facts: readonly string[];
}

/** A policy checked and ready to compile. @internal */
export interface CheckedPolicy {
  readonly policy: Policy;
  readonly rules: readonly CheckedRule[];
  readonly digits: number;
  readonly ignoreBelowMinor: number;
  /** The policy's charge terms parsed once (their `asOfDay` is set per decision), or null. */
  readonly charges: ChargeTerms | null;
  /** The writer of the policy's Pix (`pix` and an encoder given), or undefined. */
  readonly pix: PixWriter | undefined;
}
