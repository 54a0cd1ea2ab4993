/**
 * Aggregation (METHODS step 7), per level of the tree:
 *   arithmetic Σwx/Σw · geometric exp(Σw·ln x/Σw) · harmonic Σw/Σ(w/x).
 * A missing value (NaN) drops both the value and its weight. Geometric and harmonic refuse
 * inputs ≤ 0 (min-max with l = 0 maps the minimum to 0) unless the spec sets an explicit
 * `aggregate.floor`, in which case inputs below the floor are raised to it.
 * `scoreRows` is the hot loop used for the nominal result and every Monte Carlo run: typed
 * arrays only, no allocation.
 */
import { ARITH, GEO, type Plan } from './weights';
import type { AggMethod } from './types';

/** Weighted mean of one list (reference implementation, used by tests and explain). */
export function weightedMean(
  xs: ArrayLike<number>,
  ws: ArrayLike<number>,
  method: AggMethod,
  floor: number | null = null
): number {
  let sw = 0,
    acc = 0;
  for (let i = 0; i < xs.length; i++) {
    let x = xs[i];
    const w = ws[i];
    if (x !== x || w === 0) continue;
    if (method !== 'arithmetic') {
      if (floor !== null && x < floor) x = floor;
      if (!(x > 0)) throw new RangeError(`${method} mean needs values > 0, got ${x}`);
    }
    sw += w;
    acc += method === 'arithmetic' ? w * x : method === 'geometric' ? w * Math.log(x) : w / x;
  }
  if (!(sw > 0)) return NaN;
  return method === 'arithmetic' ? acc / sw : method === 'geometric' ? Math.exp(acc / sw) : sw / acc;
}

/**
 * Score the units `rows` (indices into the unit-major matrix `mat`, m columns).
 * `w`: edge weights; `methods`: per-node aggregation code; `floor`: −Infinity for none.
 * Writes scores to out[t] (and all node values to nodeOut[t·nNodes + k] if given).
 * `buf` is scratch of length m + nNodes. Returns −1, or t·nNodes + k for the first unit t
 * and node k where a geometric/harmonic mean met a value ≤ 0.
 */
export function scoreRows(
  mat: Float64Array,
  m: number,
  rows: Int32Array,
  plan: Plan,
  w: Float64Array,
  methods: Uint8Array,
  floor: number,
  out: Float64Array,
  nodeOut: Float64Array | null,
  buf: Float64Array
): number {
  const nNodes = plan.nNodes,
    start = plan.start,
    end = plan.end,
    child = plan.child;
  const root = m + nNodes - 1;
  for (let t = 0; t < rows.length; t++) {
    const off = rows[t] * m;
    for (let j = 0; j < m; j++) buf[j] = mat[off + j];
    for (let k = 0; k < nNodes; k++) {
      const meth = methods[k],
        e1 = end[k];
      let sw = 0,
        acc = 0,
        v = NaN;
      // one loop per method: no per-edge branching on the method in the hot path
      if (meth === ARITH) {
        for (let e = start[k]; e < e1; e++) {
          const x = buf[child[e]],
            we = w[e];
          if (x === x) {
            acc += we * x;
            sw += we;
          }
        }
        if (sw > 0) v = acc / sw;
      } else if (meth === GEO) {
        for (let e = start[k]; e < e1; e++) {
          let x = buf[child[e]];
          const we = w[e];
          if (x !== x || we === 0) continue;
          if (x < floor) x = floor;
          if (!(x > 0)) return t * nNodes + k;
          acc += we * Math.log(x);
          sw += we;
        }
        if (sw > 0) v = Math.exp(acc / sw);
      } else {
        for (let e = start[k]; e < e1; e++) {
          let x = buf[child[e]];
          const we = w[e];
          if (x !== x || we === 0) continue;
          if (x < floor) x = floor;
          if (!(x > 0)) return t * nNodes + k;
          acc += we / x;
          sw += we;
        }
        if (sw > 0) v = sw / acc;
      }
      buf[m + k] = v;
      if (nodeOut !== null) nodeOut[t * nNodes + k] = v;
    }
    out[t] = buf[root];
  }
  return -1;
}
