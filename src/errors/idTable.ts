/**
 * A set of ids with the index where each was first seen, packed into typed arrays: about 40
 * bytes per id (its UTF-16 code units plus four integers) instead of the ~140 a `Map` entry with
 * its string costs, so the duplicate check of a million-row ledger stays within tens of
 * megabytes. Exact: a hash only picks the slot, the characters are compared.
 * @internal
 */
export class IdTable {
  private chars = new Uint16Array(1 << 12);
  private charCount = 0;
  /** Entry number per slot, -1 when free; open addressing with linear probing. */
  private slots = new Int32Array(1 << 8).fill(-1);
  private starts = new Int32Array(1 << 7);
  private lengths = new Int32Array(1 << 7);
  private hashes = new Int32Array(1 << 7);
  private firsts = new Int32Array(1 << 7);
  private count = 0;

  /** Ids recorded. */
  get size(): number {
    return this.count;
  }

  /**
   * The index `id` was first recorded at, or -1 after recording it now at `index`.
   *
   * @example
   * ```ts
   * const ids = new IdTable();
   * ids.firstIndex("t1", 0); // -1
   * ids.firstIndex("t1", 5); // 0
   * ```
   */
  firstIndex(id: string, index: number): number {
    const length = id.length;
    let hash = 0x811c9dc5 | 0;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
    let mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = this.slots[slot] as number; entry !== -1; entry = this.slots[slot] as number) {
      if (this.hashes[entry] === hash && this.lengths[entry] === length && this.sameChars(entry, id)) return this.firsts[entry] as number;
      slot = (slot + 1) & mask;
    }
    if ((this.count + 1) * 2 > this.slots.length) {
      this.grow();
      mask = this.slots.length - 1;
      slot = hash & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
    }
    const entry = this.count++;
    if (entry === this.starts.length) this.growEntries();
    if (this.charCount + length > this.chars.length) this.chars = grown(this.chars, this.charCount + length);
    for (let i = 0; i < length; i++) this.chars[this.charCount + i] = id.charCodeAt(i);
    this.starts[entry] = this.charCount;
    this.lengths[entry] = length;
    this.hashes[entry] = hash;
    this.firsts[entry] = index;
    this.charCount += length;
    this.slots[slot] = entry;
    return -1;
  }

  private sameChars(entry: number, id: string): boolean {
    const start = this.starts[entry] as number;
    for (let i = 0; i < id.length; i++) if (this.chars[start + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = (this.hashes[entry] as number) & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }

  private growEntries(): void {
    const size = this.starts.length * 2;
    this.starts = grown(this.starts, size);
    this.lengths = grown(this.lengths, size);
    this.hashes = grown(this.hashes, size);
    this.firsts = grown(this.firsts, size);
  }
}

function grown<T extends Uint16Array | Int32Array>(array: T, atLeast: number): T {
  let size = array.length * 2;
  while (size < atLeast) size *= 2;
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}
