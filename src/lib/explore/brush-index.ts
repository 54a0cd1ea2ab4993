// A brush on the histogram answered by arithmetic instead of a query (Falcon's prefix sums over a
// data cube; Mosaic answers the same brush with SQL over its pre-aggregated tables). A cube's rows
// (from DuckDB, once per filter) are sorted by cell (a scatter cell, a group × pivot column) and by
// histogram bin; each measure keeps running sums within its cell, so the sum of a cell over bins
// lo..hi is the difference of two running sums, whatever the width of the brush. Pure.
import type { BinRange } from './queries';

/** Bin of the rows without a value of the histogram's indicator (sorted first within a cell). */
export const NO_BIN = -1;

export class BinIndex {
  /** Number of cells. */
  readonly cells: number;
  /** Row offsets of each cell's rows: cell c holds rows start[c] … start[c + 1] − 1. */
  private readonly start: Int32Array;
  private readonly bins: Int32Array;
  /** Per measure, the running sum within the cell up to and including each row. */
  private readonly cum: Float64Array[];
  /** Per key column, the key of each cell. */
  private readonly keyOf: Float64Array[];

  /**
   * @param keys columns naming a row's cell (rows of one cell are adjacent)
   * @param bins the histogram bin of each row (NO_BIN: no value), ascending within a cell
   * @param measures columns summed over bins
   */
  constructor(keys: ArrayLike<number>[], bins: ArrayLike<number>, measures: ArrayLike<number>[]) {
    const n = bins.length;
    const starts: number[] = [];
    for (let i = 0; i < n; i++) {
      const fresh = i === 0 || keys.some((k) => k[i] !== k[i - 1]);
      if (fresh) starts.push(i);
      else if (bins[i] <= bins[i - 1]) throw new Error(`BinIndex: row ${i}: bins not ascending within a cell`);
    }
    this.cells = starts.length;
    this.start = Int32Array.from([...starts, n]);
    this.bins = Int32Array.from(bins);
    this.keyOf = keys.map((k) => Float64Array.from(starts, (s) => k[s]));
    this.cum = measures.map((m) => {
      const c = Float64Array.from(m);
      for (let cell = 0; cell < this.cells; cell++)
        for (let i = this.start[cell] + 1; i < this.start[cell + 1]; i++) c[i] += c[i - 1];
      return c;
    });
  }

  /** The key (column k) of a cell. */
  key(k: number, cell: number): number {
    return this.keyOf[k][cell];
  }

  /** Last row of the cell with a bin ≤ `bin`, or the row before the cell when none. */
  private upTo(cell: number, bin: number): number {
    let lo = this.start[cell];
    let hi = this.start[cell + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.bins[mid] <= bin) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi;
  }

  /** Per measure, per cell: the sum over bins `range` (inclusive); no range: every row, the
   *  rows without a value included. */
  sums(range: BinRange): Float64Array[] {
    const out = this.cum.map(() => new Float64Array(this.cells));
    for (let cell = 0; cell < this.cells; cell++) {
      const first = this.start[cell];
      const hi = range ? this.upTo(cell, range[1]) : this.start[cell + 1] - 1;
      const lo = range ? this.upTo(cell, range[0] - 1) : first - 1;
      if (hi <= lo) continue;
      for (let m = 0; m < this.cum.length; m++) {
        const c = this.cum[m];
        out[m][cell] = c[hi] - (lo >= first ? c[lo] : 0);
      }
    }
    return out;
  }
}
