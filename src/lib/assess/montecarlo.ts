/**
 * Uncertainty (METHODS step 9): Monte Carlo over the weights (each edge weight times a
 * uniform factor in [1 − noise, 1 + noise], default ±25%) and, optionally, over the choice
 * of normalisation and of the group-level aggregation. Seeded with mulberry32: the same
 * seed gives the same result, however the runs are sliced. Reports per unit the median
 * rank and the 5th–95th percentile rank (nearest-rank quantiles, so they are whole ranks).
 *
 * Incremental: `new MonteCarlo(prep)` precomputes one normalised matrix per alternative;
 * `step(k)` runs k more runs (a Web Worker calls it in slices of ~25 ms and posts
 * progress); `result()` when `done`.
 */
import { AssessError } from './errors';
import { aggregationError, normaliseMatrix, type Prepared } from './prepare';
import { scoreRows } from './aggregate';
import { rankInto } from './rank';
import { mulberry32 } from './prng';
import { aggCode, ARITH } from './weights';
import type { AggMethod, NormAlternative } from './types';

export interface MonteCarloOptions {
  runs?: number;
  seed?: number;
  weight_noise?: number;
  normalisations?: NormAlternative[];
  aggregations?: AggMethod[];
}

export interface MonteCarloResult {
  runs: number;
  /** Per input row (NaN for unscored units). */
  median: Float64Array;
  p05: Float64Array;
  p95: Float64Array;
}

/** Nearest-rank quantile of an ascending array: the smallest x with F(x) ≥ p. */
export function quantileSorted(s: ArrayLike<number>, p: number): number {
  const i = Math.max(0, Math.ceil(p * s.length) - 1);
  return s[Math.min(i, s.length - 1)];
}

export class MonteCarlo {
  readonly runs: number;
  completed = 0;
  private readonly prep: Prepared;
  private readonly rows: Int32Array;
  private readonly rng: () => number;
  private readonly noise: number;
  private readonly mats: Float64Array[];
  private readonly aggs: number[];
  private readonly w: Float64Array;
  private readonly methods: Uint8Array;
  private readonly scores: Float64Array;
  private readonly sorted: Float64Array;
  private readonly buf: Float64Array;
  /** ranks[r · k + t]: rank of scored unit t in run r (run-major: contiguous writes). */
  private readonly ranks: Int32Array;

  /** `rows`: indices of the units to rank (the nominally scored ones). */
  constructor(prep: Prepared, rows: Int32Array, opts: MonteCarloOptions = {}) {
    const u = prep.spec.uncertainty;
    this.prep = prep;
    this.rows = rows;
    this.runs = opts.runs ?? u.runs;
    this.noise = opts.weight_noise ?? u.weight_noise;
    this.rng = mulberry32(opts.seed ?? u.seed);
    const norms = opts.normalisations ?? u.normalisations;
    this.mats = norms.map((a) => (a === 'spec' ? prep.normalised : normaliseMatrix(prep, a)));
    const aggList = opts.aggregations ?? u.aggregations;
    this.aggs = aggList.length > 0 ? aggList.map(aggCode) : [-1]; // −1 = as specified
    const { plan } = prep;
    this.w = new Float64Array(plan.baseWeight.length);
    this.methods = new Uint8Array(plan.nNodes);
    this.scores = new Float64Array(rows.length);
    this.sorted = new Float64Array(rows.length);
    this.buf = new Float64Array(plan.m + plan.nNodes);
    this.ranks = new Int32Array(rows.length * this.runs);
    this.validate(norms);
  }

  get done(): boolean {
    return this.completed >= this.runs;
  }

  /** Node aggregation codes for alternative `a` (replaces group-level nodes; −1 = nominal). */
  private setMethods(a: number): void {
    const { plan } = this.prep;
    for (let k = 0; k < plan.nNodes; k++) this.methods[k] = plan.groupLevel[k] && a >= 0 ? a : plan.method[k];
  }

  /**
   * Every normalisation × aggregation combination must be computable. With inputs ≥ 0 a
   * failure does not depend on the weights, so one nominal pass per combination is an
   * exact check; negative inputs (z-scores) under a geometric/harmonic mean are refused.
   */
  private validate(norms: NormAlternative[]): void {
    const { plan, floor } = this.prep;
    for (let a = 0; a < this.aggs.length; a++) {
      this.setMethods(this.aggs[a]);
      const nonArith = this.methods.some((x) => x !== ARITH);
      for (let q = 0; q < this.mats.length; q++) {
        const mat = this.mats[q];
        const ctx = ` (Monte Carlo alternative: normalisation "${norms[q]}", aggregation "${['arithmetic', 'geometric', 'harmonic'][this.aggs[a]] ?? 'as specified'}")`;
        if (nonArith && floor === -Infinity && mat.some((x) => x < 0))
          throw new AssessError(
            'uncertainty.normalisations',
            `normalisation "${norms[q]}" gives values < 0, which a geometric or harmonic mean refuses${ctx}; set aggregate.floor or drop it`
          );
        const code = scoreRows(mat, plan.m, this.rows, plan, plan.baseWeight, this.methods, floor, this.scores, null, this.buf);
        if (code >= 0) throw aggregationError(this.prep, mat, this.rows, code, this.methods, ctx, 'uncertainty');
      }
    }
  }

  /** Run up to `k` more runs; returns true when all runs are done. */
  step(k: number): boolean {
    const { plan, floor, m } = this.prep;
    const base = plan.baseWeight,
      w = this.w,
      rng = this.rng,
      noise = this.noise;
    const end = Math.min(this.runs, this.completed + k);
    for (let r = this.completed; r < end; r++) {
      for (let e = 0; e < w.length; e++) w[e] = base[e] * (1 + noise * (2 * rng() - 1));
      const q = this.mats.length > 1 ? Math.floor(rng() * this.mats.length) : 0;
      const a = this.aggs.length > 1 ? Math.floor(rng() * this.aggs.length) : 0;
      this.setMethods(this.aggs[a]);
      const code = scoreRows(this.mats[q], m, this.rows, plan, w, this.methods, floor, this.scores, null, this.buf);
      if (code >= 0)
        throw aggregationError(
          this.prep,
          this.mats[q],
          this.rows,
          code,
          this.methods,
          ` (Monte Carlo run ${r + 1})`,
          'uncertainty'
        );
      rankInto(this.scores, this.rows.length, this.sorted, this.ranks, r * this.rows.length, 1);
    }
    this.completed = end;
    return this.done;
  }

  /** Median and 5th/95th percentile ranks per input row (runs so far). */
  result(): MonteCarloResult {
    const n = this.prep.n,
      R = this.completed;
    const median = new Float64Array(n).fill(NaN),
      p05 = new Float64Array(n).fill(NaN),
      p95 = new Float64Array(n).fill(NaN);
    const tmp = new Int32Array(R);
    const k = this.rows.length;
    for (let t = 0; t < k; t++) {
      if (R === 0) break;
      for (let r = 0; r < R; r++) tmp[r] = this.ranks[r * k + t];
      tmp.sort();
      const i = this.rows[t];
      median[i] = quantileSorted(tmp, 0.5);
      p05[i] = quantileSorted(tmp, 0.05);
      p95[i] = quantileSorted(tmp, 0.95);
    }
    return { runs: R, median, p05, p95 };
  }
}
