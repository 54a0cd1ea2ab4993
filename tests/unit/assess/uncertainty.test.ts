/**
 * Monte Carlo uncertainty: zero noise collapses every interval to the nominal rank;
 * 5th ≤ median ≤ 95th percentile; a fixed seed reproduces exactly, another seed differs;
 * the incremental API (slices, as in a Web Worker) gives the same result as one call.
 */
import { describe, expect, it } from 'vitest';
import { assess, buildResult, MonteCarlo, prepare, quantileSorted, scoreNominal } from '../../../src/lib/assess';
import { NORMALISATIONS, specFor, synthetic } from './helpers';

const data = synthetic(21, 60, 8, { missing: 0.03 });
const baseSpec = (u: Record<string, unknown>, agg = 'arithmetic') =>
  specFor(data.ids, {
    normalise: NORMALISATIONS.minmax,
    weight: (j) => 1 + (j % 3),
    groups: 3,
    extra: { uncertainty: u, aggregate: { indicators: 'arithmetic', groups: agg } }
  });

describe('uncertainty', () => {
  it('zero noise collapses every interval to the nominal rank', () => {
    for (const agg of ['arithmetic', 'geometric', 'harmonic']) {
      const res = assess(data.rows, baseSpec({ runs: 50, seed: 3, weight_noise: 0 }, agg));
      for (const u of res.units) {
        expect(u.rank_p05).toBe(u.rank);
        expect(u.rank_median).toBe(u.rank);
        expect(u.rank_p95).toBe(u.rank);
      }
    }
  });

  it('p05 ≤ median ≤ p95, and the nominal rank is usually inside the interval', () => {
    const res = assess(
      data.rows,
      baseSpec({ runs: 300, seed: 5, weight_noise: 0.25, normalisations: ['spec', 'zscore', 'prank'] })
    );
    let inside = 0;
    for (const u of res.units) {
      expect(u.rank_p05!).toBeLessThanOrEqual(u.rank_median!);
      expect(u.rank_median!).toBeLessThanOrEqual(u.rank_p95!);
      if (u.rank! >= u.rank_p05! && u.rank! <= u.rank_p95!) inside++;
    }
    expect(inside / res.units.length).toBeGreaterThan(0.8);
    expect(res.uncertainty).toMatchObject({ runs: 300, seed: 5, weight_noise: 0.25 });
  });

  it('a fixed seed reproduces exactly; a different seed differs', () => {
    const spec = baseSpec({ runs: 200, seed: 42, weight_noise: 0.25, aggregations: ['arithmetic', 'geometric'] });
    const a = assess(data.rows, spec),
      b = assess(data.rows, spec);
    expect(b.units).toEqual(a.units);
    const c = assess(data.rows, baseSpec({ runs: 200, seed: 43, weight_noise: 0.25, aggregations: ['arithmetic', 'geometric'] }));
    const diff = a.units.some(
      (u, i) =>
        u.rank_p05 !== c.units[i].rank_p05 || u.rank_p95 !== c.units[i].rank_p95 || u.rank_median !== c.units[i].rank_median
    );
    expect(diff).toBe(true);
  });

  it('the incremental API gives the same result however the runs are sliced', () => {
    const spec = baseSpec({ runs: 120, seed: 7, weight_noise: 0.3, normalisations: ['spec', 'prank'] });
    const whole = assess(data.rows, spec);
    const prep = prepare(data.rows, spec);
    const nom = scoreNominal(prep);
    const nominal = buildResult(prep, nom, null);
    expect(nominal.units.every((u) => u.rank_median === null)).toBe(true);
    const mc = new MonteCarlo(prep, nom.rows);
    const progress: number[] = [];
    while (!mc.step(7)) progress.push(mc.completed);
    expect(progress[0]).toBe(7);
    expect(mc.completed).toBe(120);
    const sliced = buildResult(prep, nom, mc.result(), {});
    expect(sliced.units).toEqual(whole.units);
  });

  it('runs = 0 gives no uncertainty columns; options can override the spec', () => {
    const res = assess(data.rows, baseSpec({ runs: 0 }));
    expect(res.uncertainty).toBeNull();
    expect(res.units[0].rank_p05).toBeNull();
    const res2 = assess(data.rows, baseSpec({ runs: 0 }), { monteCarlo: { runs: 20, seed: 1 } });
    expect(res2.uncertainty?.runs).toBe(20);
    expect(res2.units[0].rank_p05).not.toBeNull();
    const res3 = assess(data.rows, baseSpec({ runs: 20 }), { uncertainty: false });
    expect(res3.uncertainty).toBeNull();
  });

  it('nearest-rank quantiles are whole ranks', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantileSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.05)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
  });

  it('refuses up front a Monte Carlo alternative that a geometric mean cannot take', () => {
    expect(() => assess(data.rows, baseSpec({ runs: 10, normalisations: ['spec', 'zscore'] }, 'geometric'))).toThrow(
      /uncertainty\.normalisations: .*z?score.*< 0/
    );
    // one level: min-max 0–100 puts a 0 straight into the geometric mean
    const oneLevel = specFor(data.ids, {
      normalise: NORMALISATIONS.minmax,
      groups: 0,
      extra: { uncertainty: { runs: 10, normalisations: ['minmax'], aggregations: ['geometric'] } }
    });
    expect(() => assess(data.rows, oneLevel)).toThrow(/^uncertainty: geometric mean needs values > 0/);
  });
});
