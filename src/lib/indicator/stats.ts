// Descriptive statistics for the indicator page, over plain arrays of numbers: histogram bins,
// quartiles and Tukey whiskers, least-squares line and Pearson's r. Pure, no DOM, no DuckDB.
// Quantiles interpolate linearly between order statistics (type 7), as DuckDB's quantile_cont and
// median do, so a box drawn here and a median computed in SQL over the same values agree.

/** Equal-width bins: the first starts at `start`, each is `width` wide, `count` of them. */
export interface Bins {
  start: number;
  width: number;
  count: number;
}

/** Rounded to 12 significant digits: 0.1 × 3 is 0.3, not 0.30000000000000004. */
const round12 = (v: number): number => Number(v.toPrecision(12));

/** A "nice" step (1, 2 or 5 × 10^k) at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return round12((f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p);
}

/**
 * Bins covering [min, max] with about `target` bins of a nice width, edges on multiples of it. A
 * single value gets one bin of width 1 around it; values must be finite.
 */
export function binsFor(min: number, max: number, target = 20): Bins {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { start: 0, width: 1, count: 0 };
  if (max === min) {
    const width = niceStep(Math.abs(min) / 10 || 1);
    return { start: round12(Math.floor(min / width + 1e-9) * width), width, count: 1 };
  }
  const width = niceStep((max - min) / Math.max(1, target));
  // 0.3 / 0.1 is 2.9999999999999996: a value on an edge starts its bin.
  const start = round12(Math.floor(min / width + 1e-9) * width);
  // The last bin is closed on the right: a value equal to the last edge falls in it.
  const count = Math.max(1, Math.ceil((max - start) / width - 1e-9));
  return { start, width, count };
}

/** Index of the bin a value falls in (the last bin includes its right edge). */
export function binIndex(v: number, b: Bins): number {
  const i = Math.floor((v - b.start) / b.width + 1e-9);
  return Math.min(b.count - 1, Math.max(0, i));
}

/** Counts per bin of the finite values; bins chosen from their range unless given. */
export function histogram(values: ArrayLike<number>, target = 20, given?: Bins): { bins: Bins; counts: number[]; n: number } {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const bins = given ?? (n ? binsFor(min, max, target) : { start: 0, width: 1, count: 0 });
  const counts = new Array<number>(bins.count).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && bins.count) counts[binIndex(v, bins)]++;
  }
  return { bins, counts, n };
}

/** Quantile p (0–1) of ascending values, interpolated linearly (DuckDB quantile_cont, R type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (!n) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface BoxStats {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** Tukey whiskers: the most extreme values within 1.5 × IQR of the quartiles. */
  low: number;
  high: number;
  /** Values beyond the whiskers. */
  outliers: number;
}

/** Quartiles, Tukey whiskers and outlier count of the finite values (null when there are none). */
export function boxStats(values: ArrayLike<number>): BoxStats | null {
  let n = 0;
  const finite = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite[n++] = values[i];
  return boxStatsSorted(finite.subarray(0, n).sort());
}

/** boxStats of values already ascending and finite (no copy: for groups cut from one large array). */
export function boxStatsSorted(sorted: ArrayLike<number>): BoxStats | null {
  const n = sorted.length;
  if (!n) return null;
  const q1 = quantileSorted(sorted, 0.25);
  const median = quantileSorted(sorted, 0.5);
  const q3 = quantileSorted(sorted, 0.75);
  const fence = 1.5 * (q3 - q1);
  // Ascending: the whiskers are the first and last values inside the fences.
  let lo = 0;
  while (sorted[lo] < q1 - fence) lo++;
  let hi = n - 1;
  while (sorted[hi] > q3 + fence) hi--;
  return {
    n,
    min: sorted[0],
    q1,
    median,
    q3,
    max: sorted[n - 1],
    low: sorted[lo],
    high: sorted[hi],
    outliers: lo + (n - 1 - hi)
  };
}

export interface Fit {
  /** Pairs with both values finite. */
  n: number;
  slope: number;
  intercept: number;
  /** Pearson's correlation coefficient (NaN when either variable is constant or n < 2). */
  r: number;
}

/** Least-squares line y = intercept + slope·x and Pearson's r over the pairs where both are finite. */
export function fitLine(xs: ArrayLike<number>, ys: ArrayLike<number>): Fit {
  let n = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    n++;
    mx += (xs[i] - mx) / n;
    my += (ys[i] - my) / n;
  }
  // Centred sums in a second pass: no cancellation when values are large and close together.
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const slope = n >= 2 && sxx > 0 ? sxy / sxx : NaN;
  const intercept = Number.isFinite(slope) ? my - slope * mx : NaN;
  const r = n >= 2 && sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
  return { n, slope, intercept, r };
}
