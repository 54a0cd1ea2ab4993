// Statistics of the explorer, pure. The scatter's Pearson correlation and least-squares line come
// from six sums (n, Σx, Σy, Σx², Σy², Σxy) so that a brush can answer them by adding up the sums of
// pre-aggregated bins; the values are centred on a constant first (a shift changes neither r nor
// the slope) so the sums stay exact enough in doubles. Spearman is Pearson over average ranks.

/** The sums a scatter's statistics are computed from (over pairs where both values exist). */
export interface Moments {
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
}

export interface Fit {
  n: number;
  /** Pearson correlation, null when either variable is constant or n < 2. */
  r: number | null;
  slope: number | null;
  intercept: number | null;
}

/** Moments of paired values (pairs with a missing value are skipped), centred on (cx, cy). */
export function moments(xs: ArrayLike<number | null>, ys: ArrayLike<number | null>, cx = 0, cy = 0): Moments {
  const m: Moments = { n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 };
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    const a = x - cx;
    const b = y - cy;
    m.n++;
    m.sx += a;
    m.sy += b;
    m.sxx += a * a;
    m.syy += b * b;
    m.sxy += a * b;
  }
  return m;
}

/** Pearson r and the least-squares line y = intercept + slope·x from moments centred on (cx, cy). */
export function fitFromMoments(m: Moments, cx = 0, cy = 0): Fit {
  const { n } = m;
  if (n < 2) return { n, r: null, slope: null, intercept: null };
  const vx = m.sxx - (m.sx * m.sx) / n;
  const vy = m.syy - (m.sy * m.sy) / n;
  const cov = m.sxy - (m.sx * m.sy) / n;
  // Variances below rounding noise count as zero (a constant variable).
  const tiny = (v: number, s: number) => v <= 1e-12 * Math.max(1, s);
  if (tiny(vx, m.sxx)) return { n, r: null, slope: null, intercept: null };
  const slope = cov / vx;
  const meanX = m.sx / n + cx;
  const meanY = m.sy / n + cy;
  const r = tiny(vy, m.syy) ? null : Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy)));
  return { n, r, slope, intercept: meanY - slope * meanX };
}

/** Pearson correlation and fitted line of paired values. */
export function pearson(xs: ArrayLike<number | null>, ys: ArrayLike<number | null>): Fit {
  return fitFromMoments(moments(xs, ys));
}

/** Ranks 1..n with ties given their average rank. */
export function averageRanks(values: number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = avg;
    i = j + 1;
  }
  return ranks;
}

/** Spearman rank correlation (Pearson over average ranks of the complete pairs). */
export function spearman(xs: ArrayLike<number | null>, ys: ArrayLike<number | null>): number | null {
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    px.push(x);
    py.push(y);
  }
  return pearson(averageRanks(px), averageRanks(py)).r;
}

/** Equal-width bins: value v falls in bin floor((v − lo) / step), 0 ≤ bin < count. */
export interface Bins {
  lo: number;
  step: number;
  count: number;
}

/** A 1, 2, 2.5 or 5 × 10^k step. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  const m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  // Round away float noise (0.30000000000000004).
  return Number((m * p).toPrecision(6));
}

/** About `target` bins of a nice width covering [min, max]; one bin for a constant. */
export function niceBins(min: number | null, max: number | null, target = 30): Bins {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return { lo: 0, step: 1, count: 1 };
  if (max <= min) return { lo: min, step: 1, count: 1 };
  const step = niceStep((max - min) / target);
  const lo = Math.floor(min / step) * step;
  const count = Math.floor((max - lo) / step) + 1;
  return { lo: Number(lo.toPrecision(12)), step, count };
}

/** The lower edge of bin i. */
export const binEdge = (b: Bins, i: number): number => Number((b.lo + i * b.step).toPrecision(12));

/** The bins a value range [from, to] covers (snapped outwards to whole bins), clamped to the bins. */
export function binRange(b: Bins, from: number, to: number): [number, number] {
  const lo = Math.max(0, Math.floor((Math.min(from, to) - b.lo) / b.step + 1e-9));
  const hi = Math.min(b.count - 1, Math.ceil((Math.max(from, to) - b.lo) / b.step - 1e-9) - 1);
  return [lo, Math.max(lo, hi)];
}
