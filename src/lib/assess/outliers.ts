/**
 * Outlier treatment (METHODS step 4, optional), as in COINr's Treat(): an indicator fails
 * when |skewness| ≥ 2 and kurtosis ≥ 3.5 (skewness and excess kurtosis as e1071 type 2 /
 * Excel SKEW, KURT). It is then winsorised one point at a time (the most extreme value on
 * the skewed side is set to the next value inward), up to `winsor_max` (5) points, until
 * it passes. If it still fails, the winsorising is undone and the original values are log
 * transformed instead: ln(x − min + 0.01·range) for positive skew, −ln(max − x + 0.01·range)
 * for negative skew (both keep the order of the units).
 * Only data-relative normalisations (minmax, zscore, prank) are treated: goalposts and
 * targets are fixed bounds in the indicator's own units and are left alone.
 */
import type { OutlierReport } from './types';

/** Sample skewness, e1071 type 2 (Excel SKEW). NaN when n < 3 or no spread. */
export function skewness(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 3) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i];
  mean /= n;
  let m2 = 0,
    m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  if (m2 === 0) return NaN;
  const g1 = (Math.sqrt(n) * m3) / Math.pow(m2, 1.5);
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** Sample excess kurtosis, e1071 type 2 (Excel KURT). NaN when n < 4 or no spread. */
export function kurtosis(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 4) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i];
  mean /= n;
  let m2 = 0,
    m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  if (m2 === 0) return NaN;
  const r = (n * m4) / (m2 * m2);
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

export interface OutlierOptions {
  skew: number;
  kurt: number;
  winsor_max: number;
}

export function failsCheck(xs: ArrayLike<number>, o: OutlierOptions): boolean {
  return Math.abs(skewness(xs)) >= o.skew && kurtosis(xs) >= o.kurt;
}

/** Treat one vector of present values. Returns the new values and what was done. */
export function treatValues(xs: number[], o: OutlierOptions): { values: number[]; report: Omit<OutlierReport, 'indicator'> } {
  const skew = skewness(xs),
    kurt = kurtosis(xs);
  const report = { skew, kurt, winsorised: 0, log: false, skewAfter: skew, kurtAfter: kurt };
  if (!failsCheck(xs, o)) return { values: xs, report };
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const n = xs.length,
    high = skew > 0;
  const w = xs.slice();
  for (let k = 1; k <= o.winsor_max && k < n; k++) {
    // set the k most extreme points on the skewed side to the (k+1)-th most extreme value
    const edge = high ? xs[order[n - 1 - k]] : xs[order[k]];
    for (let t = 0; t < k; t++) w[order[high ? n - 1 - t : t]] = edge;
    if (!failsCheck(w, o)) {
      return { values: w, report: { ...report, winsorised: k, skewAfter: skewness(w), kurtAfter: kurtosis(w) } };
    }
  }
  let min = Infinity,
    max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const c = 0.01 * (max - min);
  const logged = xs.map((x) => (high ? Math.log(x - min + c) : -Math.log(max - x + c)));
  return { values: logged, report: { ...report, log: true, skewAfter: skewness(logged), kurtAfter: kurtosis(logged) } };
}

/** Treat column j of the matrix in place over the scored units; report if it failed. */
export function treatColumn(
  values: Float64Array,
  n: number,
  m: number,
  j: number,
  scored: Uint8Array,
  o: OutlierOptions
): Omit<OutlierReport, 'indicator'> | null {
  const idx: number[] = [],
    xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = values[i * m + j];
    if (scored[i] && x === x) {
      idx.push(i);
      xs.push(x);
    }
  }
  const { values: out, report } = treatValues(xs, o);
  if (out === xs) return null;
  idx.forEach((i, k) => {
    values[i * m + j] = out[k];
  });
  return report;
}
