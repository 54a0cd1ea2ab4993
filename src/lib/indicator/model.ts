// View model of the indicator page: from the points of a region (district codes with the indicator's
// and the comparison indicator's values) to what each chart draws. Pure; the statistics are stats.ts.
import type { Indicator } from '$lib/indicators/catalogue';
import { isMunicipality } from '$lib/maps/geo';
import type { Points } from '$lib/data/indicator-queries';
import { yieldToMain } from '$lib/schedule';
import { boxStatsSorted, fitLine, histogram, type BoxStats, type Fit } from './stats';

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

/** The finite values of each child region (unsorted), as slices of one typed array. */
export function groupByChild(region: string, points: Points): { code: string; values: Float64Array }[] {
  // Two passes over typed arrays (counts per group, then values into each group's slice): at unit
  // level these are 620,573 values, and arrays of boxed numbers per group would cost a long task.
  const index = new Map<string, number>();
  const group = new Int32Array(points.codes.length).fill(-1);
  const counts: number[] = [];
  const byDistrict = new Map<string, number>();
  for (let i = 0; i < points.codes.length; i++) {
    if (!Number.isFinite(points.values[i])) continue;
    const d = points.codes[i];
    let g = byDistrict.get(d);
    if (g === undefined) {
      const k = childOf(region, d);
      g = index.get(k);
      if (g === undefined) index.set(k, (g = counts.push(0) - 1));
      byDistrict.set(d, g);
    }
    group[i] = g;
    counts[g]++;
  }
  const offsets = counts.map((_, g) => counts.slice(0, g).reduce((a, b) => a + b, 0));
  const filled = offsets.slice();
  const values = new Float64Array(counts.reduce((a, b) => a + b, 0));
  for (let i = 0; i < group.length; i++) if (group[i] >= 0) values[filled[group[i]]++] = points.values[i];
  return [...index].map(([code, g]) => ({ code, values: values.subarray(offsets[g], offsets[g] + counts[g]) }));
}

/** Boxes best first by median (lower first for a lower-is-better indicator; highest first when it
 *  has no direction), then by code. */
export function rankBoxes(ind: Indicator, boxes: Box[]): Box[] {
  const dir = ind.direction === -1 ? -1 : 1;
  return boxes.sort((a, b) => dir * (b.stats.median - a.stats.median) || a.code.localeCompare(b.code));
}

/** One box per child region with values, best first (rankBoxes). */
export function boxesByChild(ind: Indicator, region: string, points: Points): Box[] {
  return rankBoxes(
    ind,
    groupByChild(region, points).map((g) => ({ code: g.code, stats: boxStatsSorted(g.values.sort())! }))
  );
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
    // 0.1 × 3 is 0.30000000000000004: edges are rounded to 12 significant digits.
    edges: h.counts.map((_, i) => Number((h.bins.start + i * h.bins.width).toPrecision(12))),
    width: h.bins.width,
    counts: h.counts,
    n: h.n
  };
}

export interface ScatterView {
  /** [comparison value, indicator value] pairs drawn (at most `max`, evenly spaced through the data). */
  shown: [number, number][];
  /** The district of each pair shown. */
  shownCodes: string[];
  fit: Fit;
  /** Ends of the fitted line over the range of x. */
  line: [number, number][];
}

/** The pairs with both values, the least-squares line of the indicator on the comparison one, and r. */
export function scatterOf(points: Points, max = 5000): ScatterView {
  const fit = fitLine(points.compare, points.values);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < points.codes.length; i++) {
    const x = points.compare[i];
    if (!Number.isFinite(x) || !Number.isFinite(points.values[i])) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  // Thousands of overlapping dots look the same as all of them; r and the line use every pair.
  const step = Math.max(1, Math.ceil(fit.n / max));
  const shown: [number, number][] = [];
  const shownCodes: string[] = [];
  for (let i = 0, k = 0; i < points.codes.length; i++) {
    const x = points.compare[i];
    const y = points.values[i];
    if (!Number.isFinite(x) || !Number.isFinite(y) || k++ % step !== 0) continue;
    shown.push([x, y]);
    shownCodes.push(points.codes[i]);
  }
  const line: [number, number][] = Number.isFinite(fit.slope)
    ? [
        [lo, fit.intercept + fit.slope * lo],
        [hi, fit.intercept + fit.slope * hi]
      ]
    : [];
  return { shown, shownCodes, fit, line };
}

export interface Charts {
  hist: HistogramView;
  boxes: Box[];
  scatter: ScatterView;
}

/** Everything the distribution charts draw, in tasks of a few tens of milliseconds at most (at unit
 *  level there are 620,573 values: each region's values are sorted in a task of their own). */
export async function chartsOf(ind: Indicator, region: string, points: Points): Promise<Charts> {
  const hist = histogramOf(points);
  await yieldToMain();
  const groups = groupByChild(region, points);
  const boxes: Box[] = [];
  for (const g of groups) {
    await yieldToMain();
    boxes.push({ code: g.code, stats: boxStatsSorted(g.values.sort())! });
  }
  await yieldToMain();
  return { hist, boxes: rankBoxes(ind, boxes), scatter: scatterOf(points) };
}
