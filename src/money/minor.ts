/**
 * Exact arithmetic on integer minor units that stays on plain numbers while the values are safe
 * integers and moves to BigInt past 2^53, so a sum of big amounts is never silently rounded.
 * @internal
 */
export type Minor = number | bigint;

/** A BigInt that fits a safe integer becomes a number again (the fast form). @internal */
export function normMinor(value: bigint): Minor {
  return value >= -9_007_199_254_740_991n && value <= 9_007_199_254_740_991n ? Number(value) : value;
}

/** `a + b`, exactly. @internal */
export function addMinor(a: Minor, b: Minor): Minor {
  if (typeof a === "number" && typeof b === "number") {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return normMinor(BigInt(a) + BigInt(b));
}

/** `a − b`, exactly. @internal */
export function subMinor(a: Minor, b: Minor): Minor {
  if (typeof a === "number" && typeof b === "number") {
    const difference = a - b;
    if (Number.isSafeInteger(difference)) return difference;
  }
  return normMinor(BigInt(a) - BigInt(b));
}
