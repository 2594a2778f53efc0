/**
 * Exact sums of integer minor units. Terms are below 2^50 (see MAX_MINOR_UNITS), so a float64
 * cell holds an exact integer until 2^52; past that the cell is flushed into a BigInt. The hot
 * loops stay on fast integer arithmetic without ever losing a cent.
 */
const LIMIT = 4_503_599_627_370_496; // 2^52

/** One exact running sum. @internal */
export class ExactSum {
  private small = 0;
  private big = 0n;

  add(minor: number): void {
    this.small += minor;
    if (this.small > LIMIT || this.small < -LIMIT) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
  }

  value(): bigint {
    return this.big + BigInt(this.small);
  }
}

/**
 * Many exact sums in one growable Float64Array: one cache-friendly block instead of an object
 * per customer and band, which is what keeps aging a million rows fast.
 * @internal
 */
export class ExactSums {
  private cells: Float64Array;
  private readonly spill = new Map<number, bigint>();

  constructor(capacity: number) {
    this.cells = new Float64Array(Math.max(16, capacity));
  }

  ensure(size: number): void {
    if (size <= this.cells.length) return;
    let capacity = this.cells.length;
    while (capacity < size) capacity *= 2;
    const grown = new Float64Array(capacity);
    grown.set(this.cells);
    this.cells = grown;
  }

  add(index: number, minor: number): void {
    const cells = this.cells;
    const sum = (cells[index] as number) + minor;
    if (sum > LIMIT || sum < -LIMIT) {
      this.spill.set(index, (this.spill.get(index) ?? 0n) + BigInt(sum));
      cells[index] = 0;
    } else cells[index] = sum;
  }

  value(index: number): bigint {
    return BigInt(this.cells[index] ?? 0) + (this.spill.get(index) ?? 0n);
  }

  /** Exact value as a number when it is a safe integer (always, for one customer's balances). */
  safeValue(index: number): number {
    return this.spill.size === 0 ? (this.cells[index] ?? 0) : Number(this.value(index));
  }

  reset(): void {
    this.cells.fill(0);
    // Map#clear allocates a fresh table: skip it in the (usual) case where nothing spilled.
    if (this.spill.size > 0) this.spill.clear();
  }
}
