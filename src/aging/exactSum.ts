/**
 * An exact running sum of integer minor units. Terms are below 2^50 (see MAX_MINOR_UNITS), so
 * a plain number stays exact until 2^52, where it is flushed into a BigInt. This keeps the hot
 * loop on fast integer arithmetic without ever losing a cent.
 * @internal
 */
export class ExactSum {
  private small = 0;
  private big = 0n;

  add(minor: number): void {
    this.small += minor;
    if (this.small > 4_503_599_627_370_496 || this.small < -4_503_599_627_370_496) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
  }

  value(): bigint {
    return this.big + BigInt(this.small);
  }
}
