/**
 * Rows that could not be read, grouped by what is wrong with them: a clerk needs the first few
 * lines of each problem and a count, never 100,000 copies of one message.
 */
export class RejectedRows {
  private readonly kinds = new Map<string, { lines: number[]; count: number; messages: string[] }>();
  private total = 0;

  /** How many lines of each problem are listed before the rest is counted. */
  static readonly SHOWN = 3;

  /** Records that `line` was rejected with `message`. */
  add(line: number, message: string): void {
    this.total++;
    // Grouped by message without its quoted value: `Vencimento "31/02/2026" is not a date`.
    const kind = message.replace(/"[^"]*"/g, "…");
    let group = this.kinds.get(kind);
    if (group === undefined) {
      group = { lines: [], count: 0, messages: [] };
      this.kinds.set(kind, group);
    }
    group.count++;
    if (group.lines.length < RejectedRows.SHOWN) {
      group.lines.push(line);
      group.messages.push(message);
    }
  }

  /** Rows rejected. */
  get count(): number {
    return this.total;
  }

  /**
   * The report, one line each: the first rows of every problem, then how many more share it.
   *
   * @example
   * ```ts
   * const rows = new RejectedRows();
   * rows.add(2, 'Vencimento "31/02/2026" is not a date dd/mm/aaaa');
   * rows.report(); // ['line 2: Vencimento "31/02/2026" is not a date dd/mm/aaaa']
   * ```
   */
  report(): string[] {
    const out: string[] = [];
    for (const [kind, group] of this.kinds) {
      group.lines.forEach((line, i) => out.push(`line ${line}: ${group.messages[i] as string}`));
      const more = group.count - group.lines.length;
      if (more > 0) out.push(`… and ${more.toLocaleString("en")} more ${more === 1 ? "row" : "rows"} where ${kind}`);
    }
    if (this.total > 0) out.push(`${this.total.toLocaleString("en")} ${this.total === 1 ? "row" : "rows"} not read`);
    return out;
  }
}
