// The indicator page's statistics against values worked out by hand.
import { describe, it, expect } from 'vitest';
import { binIndex, binsFor, boxStats, fitLine, histogram, niceStep, quantileSorted } from '../../src/lib/indicator/stats';

describe('bins', () => {
  it('nice steps are 1, 2 or 5 × 10^k', () => {
    expect([0.057, 0.1, 0.13, 3, 4.9, 7, 120].map(niceStep)).toEqual([0.1, 0.1, 0.2, 5, 5, 10, 200]);
  });
  it('cover the range with edges on multiples of the width; the last bin holds the maximum', () => {
    expect(binsFor(0, 100, 20)).toEqual({ start: 0, width: 5, count: 20 });
    expect(binIndex(100, binsFor(0, 100, 20))).toBe(19);
    expect(binIndex(0, binsFor(0, 100, 20))).toBe(0);
    expect(binIndex(5, binsFor(0, 100, 20))).toBe(1);
    // 0.3 / 0.1 is 2.9999999999999996 in floating point: the first bin still starts at 0.3.
    expect(binsFor(0.3, 0.87, 10)).toEqual({ start: 0.3, width: 0.1, count: 6 });
    expect(binsFor(12, 47, 4)).toEqual({ start: 10, width: 10, count: 4 });
  });
  it('a single value gets one bin', () => {
    expect(binsFor(100, 100)).toEqual({ start: 100, width: 10, count: 1 });
    expect(binsFor(0, 0)).toEqual({ start: 0, width: 1, count: 1 });
  });
  it('histogram counts finite values only', () => {
    const h = histogram([0, 5, 5, 10, NaN, Infinity], 2);
    expect(h.bins).toEqual({ start: 0, width: 5, count: 2 });
    expect(h.counts).toEqual([1, 3]);
    expect(h.n).toBe(4);
    expect(histogram([], 10)).toEqual({ bins: { start: 0, width: 1, count: 0 }, counts: [], n: 0 });
  });
});

describe('quartiles and whiskers', () => {
  it('interpolate linearly between order statistics (DuckDB quantile_cont)', () => {
    const s = [1, 2, 3, 4];
    expect(quantileSorted(s, 0.25)).toBe(1.75);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.75)).toBe(3.25);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(quantileSorted([7], 0.5)).toBe(7);
  });
  it('Tukey whiskers stop at the last value within 1.5 IQR; beyond are outliers', () => {
    // Sorted 1 2 3 4 100: Q1 2, median 3, Q3 4, IQR 2, fences −1 and 7.
    expect(boxStats([100, 3, 1, 4, 2])).toEqual({
      n: 5,
      min: 1,
      q1: 2,
      median: 3,
      q3: 4,
      max: 100,
      low: 1,
      high: 4,
      outliers: 1
    });
    // Sorted −20 10 11 12 13: Q1 10, median 11, Q3 12, fences 7 and 15: −20 is out.
    expect(boxStats([10, 11, 12, 13, -20, NaN])).toMatchObject({ n: 5, low: 10, high: 13, outliers: 1, median: 11 });
    expect(boxStats([NaN])).toBeNull();
  });
});

describe('least squares and Pearson', () => {
  it('known line and r', () => {
    // x̄ 2.5, ȳ 3.75, Sxy 3.5, Sxx 5, Syy 4.75: slope 0.7, intercept 2, r = 3.5 / √23.75.
    const f = fitLine([1, 2, 3, 4], [2, 4, 5, 4]);
    expect(f.n).toBe(4);
    expect(f.slope).toBeCloseTo(0.7, 12);
    expect(f.intercept).toBeCloseTo(2, 12);
    expect(f.r).toBeCloseTo(3.5 / Math.sqrt(23.75), 12);
  });
  it('uses only pairs where both values are finite', () => {
    const f = fitLine([1, 2, NaN, 3, 4, 9], [2, 4, 7, 5, 4, NaN]);
    expect(f.n).toBe(4);
    expect(f.r).toBeCloseTo(3.5 / Math.sqrt(23.75), 12);
  });
  it('perfect lines give r = ±1; a constant gives no r', () => {
    expect(fitLine([1, 2, 3], [5, 3, 1]).r).toBeCloseTo(-1, 12);
    expect(fitLine([1, 2, 3], [5, 3, 1]).slope).toBeCloseTo(-2, 12);
    expect(fitLine([1, 2, 3], [4, 4, 4]).r).toBeNaN();
    expect(fitLine([1, 2, 3], [4, 4, 4]).slope).toBe(0);
    expect(fitLine([2, 2, 2], [1, 2, 3]).slope).toBeNaN();
    expect(fitLine([1], [1]).r).toBeNaN();
  });
  it('large values close together lose no precision', () => {
    const f = fitLine([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4], [2, 4, 5, 4]);
    expect(f.r).toBeCloseTo(3.5 / Math.sqrt(23.75), 9);
  });
});
