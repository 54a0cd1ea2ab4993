// View model of the indicator page: from the points of a region (district codes with the indicator's
// and the comparison indicator's values) to what each chart draws. Pure; the statistics are stats.ts.
import type { Indicator } from '$lib/indicators/catalogue';
import { isMunicipality } from '$lib/maps/geo';
import type { Points } from '$lib/data/indicator-queries';
import { boxStats, fitLine, histogram, type BoxStats, type Fit } from './stats';

/** The child of `region` (nation or province) that a district belongs to: its province, or its
 *  city (a municipality's children are its districts, as on the overview's map). */
export function childOf(region: string, district: string): string {
  if (region === '000000') return `${district.slice(0, 2)}0000`;
  return isMunicipality(region) ? district.slice(0, 6) : `${district.slice(0, 4)}00`;
}

export interface Box {
  code: string;
  stats: BoxStats;
}

/**
 * One box per child region with values, best first by median (lower first for a lower-is-better
 * indicator; highest first when it has no direction), then by code.
 */
export function boxesByChild(ind: Indicator, region: string, points: Points): Box[] {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < points.codes.length; i++) {
    const v = points.values[i];
    if (!Number.isFinite(v)) continue;
    const k = childOf(region, points.codes[i]);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(v);
  }
  const dir = ind.direction === -1 ? -1 : 1;
  return [...groups]
    .map(([code, values]) => ({ code, stats: boxStats(values)! }))
    .sort((a, b) => dir * (b.stats.median - a.stats.median) || a.code.localeCompare(b.code));
}

export interface HistogramView {
  /** Lower edge of each bin. */
  edges: number[];
  width: number;
  counts: number[];
  /** Values counted (finite). */
  n: number;
}

export function histogramOf(points: Points, target = 24): HistogramView {
  const h = histogram(points.values, target);
  return {
    edges: h.counts.map((_, i) => h.bins.start + i * h.bins.width),
    width: h.bins.width,
    counts: h.counts,
    n: h.n
  };
}

export interface ScatterView {
  /** [comparison value, indicator value] pairs drawn (at most `max`, evenly spaced through the data). */
  shown: [number, number][];
  fit: Fit;
  /** Ends of the fitted line over the range of x. */
  line: [number, number][];
}

/** The pairs with both values, the least-squares line of the indicator on the comparison one, and r. */
export function scatterOf(points: Points, max = 5000): ScatterView {
  const fit = fitLine(points.compare, points.values);
  const pairs: [number, number][] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < points.codes.length; i++) {
    const x = points.compare[i];
    const y = points.values[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    pairs.push([x, y]);
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  // Thousands of overlapping dots look the same as all of them; r and the line use every pair.
  const step = Math.max(1, Math.ceil(pairs.length / max));
  const shown = step === 1 ? pairs : pairs.filter((_, i) => i % step === 0);
  const line: [number, number][] = Number.isFinite(fit.slope)
    ? [
        [lo, fit.intercept + fit.slope * lo],
        [hi, fit.intercept + fit.slope * hi]
      ]
    : [];
  return { shown, fit, line };
}
