/**
 * Normalisation (METHODS step 5), per indicator, with direction. All methods give 0–100
 * (z-score: mean m, sd s), so indicators under different methods can share an index.
 * - minmax, zscore, prank with direction −1 equal the same method applied to −x.
 * - goalposts with direction −1: clamp((high − x)/(high − low)) × 100.
 * - target: clamp((x − lower)/(target − lower)) × 100 for both directions (for −1, target <
 *   lower, enforced by the spec parser).
 * Data-relative statistics (min, max, mean, sd, ranks) use the scored units only.
 * No spread (all values equal, or one unit): minmax gives the midpoint (l + u)/2, zscore
 * gives m, prank gives 50.
 */
import { AssessError } from './errors';
import type { Direction, NormaliseSpec } from './types';

const clamp01 = (t: number) => (t < 0 ? 0 : t > 1 ? 1 : t);

/** Is the method relative to the other units' data (rank reversal possible)? */
export function isDataRelative(method: NormaliseSpec['method']): boolean {
  return method === 'minmax' || method === 'zscore' || method === 'prank';
}

/**
 * Normalise column j of `values` (n × m, NaN missing) into column j of `out`.
 * Units with scored[i] = 0 get NaN. `label` names the indicator in error messages.
 */
export function normaliseColumn(
  values: Float64Array,
  n: number,
  m: number,
  j: number,
  scored: Uint8Array,
  spec: NormaliseSpec,
  direction: Direction,
  out: Float64Array,
  label: string,
  units: string[]
): void {
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    out[i * m + j] = NaN;
    if (scored[i] && values[i * m + j] === values[i * m + j]) idx.push(i);
  }
  const k = idx.length;
  const v = new Float64Array(k);
  for (let t = 0; t < k; t++) v[t] = values[idx[t] * m + j];
  const put = (t: number, y: number) => {
    out[idx[t] * m + j] = y;
  };

  if (spec.method === 'goalposts' || spec.method === 'target') {
    const log = spec.log;
    const a = spec.method === 'goalposts' ? spec.low : spec.lower;
    const b = spec.method === 'goalposts' ? spec.high : spec.target;
    const la = log ? Math.log(a) : a,
      lb = log ? Math.log(b) : b;
    for (let t = 0; t < k; t++) {
      let x = v[t];
      if (log) {
        if (!(x > 0))
          throw new AssessError(label + '.normalise.log', `value ${x} of unit "${units[idx[t]]}" must be > 0 to take its log`);
        x = Math.log(x);
      }
      // goalposts: a = low, b = high; direction −1 reverses. target: a = lower (0), b = target (100).
      const r = spec.method === 'goalposts' && direction === -1 ? (lb - x) / (lb - la) : (x - la) / (lb - la);
      put(t, clamp01(r) * 100);
    }
    return;
  }
  // data-relative methods: work on d·x so that direction −1 is exactly "normalise −x"
  for (let t = 0; t < k; t++) v[t] = direction * v[t];
  if (spec.method === 'minmax') {
    let min = Infinity,
      max = -Infinity;
    for (let t = 0; t < k; t++) {
      if (v[t] < min) min = v[t];
      if (v[t] > max) max = v[t];
    }
    const span = max - min,
      { l, u } = spec;
    for (let t = 0; t < k; t++) put(t, span > 0 ? ((v[t] - min) / span) * (u - l) + l : (l + u) / 2);
  } else if (spec.method === 'zscore') {
    // sum in sorted order: the result does not depend on the order of the rows
    const s = Float64Array.from(v).sort();
    let mean = 0;
    for (let t = 0; t < k; t++) mean += s[t];
    mean /= k;
    let ss = 0;
    for (let t = 0; t < k; t++) ss += (s[t] - mean) * (s[t] - mean);
    const sd = k > 1 ? Math.sqrt(ss / (k - 1)) : 0;
    for (let t = 0; t < k; t++) put(t, sd > 0 ? ((v[t] - mean) / sd) * spec.s + spec.m : spec.m);
  } else {
    // prank: (rank − 1)/(k − 1) with rank = 1 + number of strictly smaller values (ties lowest)
    const sorted = Float64Array.from(v).sort();
    for (let t = 0; t < k; t++) {
      let lo = 0,
        hi = k; // lower bound: first index with sorted[i] >= v[t]
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < v[t]) lo = mid + 1;
        else hi = mid;
      }
      put(t, k > 1 ? (lo / (k - 1)) * 100 : 50);
    }
  }
}
