import type { FactSources, FactType } from "./facts/index.js";

/** Comparison operators of a condition. */
export const OPERATORS = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "notIn", "includes"] as const;
/** One of {@link OPERATORS}. */
export type Operator = (typeof OPERATORS)[number];

/** A fact's value as a condition sees it. @internal */
export type Value = number | bigint | string | boolean | null | readonly string[] | undefined;

/** Reads one fact (or a literal) at an evaluation. @internal */
export type Read = (s: FactSources) => Value;
/** A compiled condition: a plain closure over one evaluation's fact sources. @internal */
export type Predicate = (s: FactSources) => boolean;

/** What the right-hand side of a comparison compiles to. @internal */
export type CompiledOperand =
  /** A literal or another fact, optionally scaled by `times` (`creditLimit × 1.1`). */
  | { readonly kind: "value"; readonly get: Read; readonly times?: { readonly num: bigint; readonly den: bigint } }
  /** The literal list of `in` / `notIn`. */
  | { readonly kind: "list"; readonly items: readonly (string | number)[] }
  /** The literal `includes` looks for. */
  | { readonly kind: "needle"; readonly item: string | number | boolean | null };

/**
 * One operator, declared once: the fact types it applies to, the right-hand side it takes, and
 * how a comparison with it compiles to a closure. Adding an operator is one entry (plus its
 * name in {@link OPERATORS} and its tests).
 * @internal
 */
export interface OperatorEntry {
  readonly types: readonly FactType[];
  /** `value`: a literal or a fact reference; `list`: a literal list; `needle`: one literal. */
  readonly operand: "value" | "list" | "needle";
  /** It may compare with `null` (a fact that is not set). */
  readonly acceptsNull: boolean;
  compile(left: Read, right: CompiledOperand): Predicate;
}

const isNumeric = (v: Value): v is number | bigint => typeof v === "number" || typeof v === "bigint";

// Money sums past 2^53 are BigInts: a number and a BigInt compare exactly with < and ==.
const equal = (a: Value, b: Value): boolean => a === b || (isNumeric(a) && isNumeric(b) && a == b);

/** Absent facts (no credit limit, no risk class) never satisfy an ordering. */
const ordered = (a: Value, b: Value): boolean =>
  a !== null && b !== null && a !== undefined && b !== undefined && (typeof a === typeof b || (isNumeric(a) && isNumeric(b)));

type Order = (a: number | bigint, b: number | bigint) => boolean;

/** `left op right × num/den`, exactly, with BigInt (money and counts are integers). */
function scaled(left: Value, right: Value, times: { readonly num: bigint; readonly den: bigint }, test: Order, whenNotNumeric: boolean): boolean {
  if (!isNumeric(left) || !isNumeric(right)) return whenNotNumeric;
  return test(BigInt(left) * times.den, BigInt(right) * times.num);
}

function valueOperand(right: CompiledOperand): Extract<CompiledOperand, { kind: "value" }> {
  if (right.kind !== "value") throw new TypeError(`a comparison needs a value, got a ${right.kind}`);
  return right;
}

const NUMERIC_AND_TEXT: readonly FactType[] = ["money", "count", "percent", "attribute"];

function equality(negate: boolean): OperatorEntry {
  return {
    types: ["money", "count", "percent", "boolean", "string", "attribute"],
    operand: "value",
    acceptsNull: true,
    compile(left, right) {
      const { get, times } = valueOperand(right);
      if (times) return (s) => scaled(left(s), get(s), times, (a, b) => (a === b) !== negate, negate);
      return (s) => equal(left(s), get(s)) !== negate;
    },
  };
}

function ordering(test: Order): OperatorEntry {
  return {
    types: NUMERIC_AND_TEXT,
    operand: "value",
    acceptsNull: false,
    compile(left, right) {
      const { get, times } = valueOperand(right);
      if (times) return (s) => scaled(left(s), get(s), times, test, false);
      return (s) => {
        const a = left(s);
        const b = get(s);
        return ordered(a, b) && test(a as number, b as number);
      };
    },
  };
}

function membership(negate: boolean): OperatorEntry {
  return {
    types: ["count", "string", "attribute"],
    operand: "list",
    acceptsNull: false,
    compile(left, right) {
      if (right.kind !== "list") throw new TypeError(`"in" needs a list, got a ${right.kind}`);
      const set = new Set(right.items);
      return (s) => {
        const v = left(s);
        return ((typeof v === "string" || typeof v === "number") && set.has(v)) !== negate;
      };
    },
  };
}

/** The operators, one entry each. @internal */
export const OPERATOR_TABLE: Readonly<Record<Operator, OperatorEntry>> = {
  eq: equality(false),
  ne: equality(true),
  gt: ordering((a, b) => a > b),
  gte: ordering((a, b) => a >= b),
  lt: ordering((a, b) => a < b),
  lte: ordering((a, b) => a <= b),
  in: membership(false),
  notIn: membership(true),
  includes: {
    types: ["list"],
    operand: "needle",
    acceptsNull: false,
    compile(left, right) {
      if (right.kind !== "needle") throw new TypeError(`"includes" needs one literal, got a ${right.kind}`);
      const needle = right.item;
      return (s) => {
        const list = left(s);
        return Array.isArray(list) && (list as readonly unknown[]).includes(needle);
      };
    },
  },
};

/** The operators that apply to each fact type, in the order of {@link OPERATORS}. @internal */
export const OPERATORS_BY_TYPE: Readonly<Record<FactType, readonly Operator[]>> = Object.fromEntries(
  (["money", "count", "percent", "boolean", "string", "list", "attribute"] as const).map((type) => [type, OPERATORS.filter((op) => OPERATOR_TABLE[op].types.includes(type))]),
) as unknown as Record<FactType, readonly Operator[]>;

/** Whether `op` is one of {@link OPERATORS}. @internal */
export function isOperator(op: unknown): op is Operator {
  return typeof op === "string" && Object.hasOwn(OPERATOR_TABLE, op);
}
