/**
 * Monotonicity and dominance under every normalisation × aggregation, and the ordering of
 * means (arithmetic ≥ geometric ≥ harmonic, equal when all inputs are equal).
 */
import { describe, expect, it } from 'vitest';
import { assess, weightedMean } from '../../../src/lib/assess';
import type { Row } from '../../../src/lib/assess';
import { AGGREGATIONS, NORMALISATIONS, mulberry32, specFor, synthetic } from './helpers';

const direction = (j: number): 1 | -1 => (j % 3 === 2 ? -1 : 1);

describe('monotonicity and dominance', () => {
  for (const [name, norm] of Object.entries(NORMALISATIONS)) {
    for (const agg of AGGREGATIONS) {
      const mkSpec = (ids: string[]) =>
        specFor(ids, {
          normalise: norm,
          direction,
          weight: (j) => 1 + (j % 3),
          groups: 2,
          extra: { aggregate: { indicators: agg, groups: agg, floor: 0.01 } }
        });

      it(`${name} × ${agg}: improving one indicator of one unit never lowers its score`, () => {
        const rnd = mulberry32(11);
        for (let trial = 0; trial < 25; trial++) {
          const { rows, ids } = synthetic(100 + trial, 20, 6);
          const spec = mkSpec(ids);
          const before = assess(rows, spec);
          const i = Math.floor(rnd() * rows.length),
            j = Math.floor(rnd() * ids.length);
          const delta = rnd() * 50;
          const rows2: Row[] = rows.map((r, k) =>
            k === i ? { ...r, [ids[j]]: (r[ids[j]] as number) + direction(j) * delta } : r
          );
          const after = assess(rows2, spec);
          expect(after.units[i].score!).toBeGreaterThanOrEqual(before.units[i].score! - 1e-9);
        }
      });

      it(`${name} × ${agg}: a unit at least as good on every indicator ranks at or above`, () => {
        const rnd = mulberry32(12);
        for (let trial = 0; trial < 25; trial++) {
          const { rows, ids } = synthetic(200 + trial, 20, 6);
          // make unit 1 dominated by unit 0: worse (or equal) on every indicator
          rows[1] = { ...rows[1] };
          ids.forEach((id, j) => {
            rows[1][id] = (rows[0][id] as number) - direction(j) * (rnd() < 0.3 ? 0 : rnd() * 30);
          });
          const res = assess(rows, mkSpec(ids));
          expect(res.units[0].score!).toBeGreaterThanOrEqual(res.units[1].score! - 1e-9);
          expect(res.units[0].rank!).toBeLessThanOrEqual(res.units[1].rank!);
        }
      });
    }
  }
});

describe('means', () => {
  it('arithmetic ≥ geometric ≥ harmonic on random positive inputs and weights', () => {
    const rnd = mulberry32(5);
    for (let t = 0; t < 500; t++) {
      const k = 1 + Math.floor(rnd() * 8);
      const xs = Array.from({ length: k }, () => 0.01 + rnd() * 100);
      const ws = Array.from({ length: k }, () => rnd() * 3 + 0.01);
      const a = weightedMean(xs, ws, 'arithmetic'),
        g = weightedMean(xs, ws, 'geometric'),
        h = weightedMean(xs, ws, 'harmonic');
      expect(a).toBeGreaterThanOrEqual(g * (1 - 1e-12));
      expect(g).toBeGreaterThanOrEqual(h * (1 - 1e-12));
    }
  });

  it('all three are equal when all inputs are equal', () => {
    for (const x of [0.5, 1, 37.25, 100]) {
      const xs = [x, x, x, x],
        ws = [1, 2, 0.5, 3];
      const a = weightedMean(xs, ws, 'arithmetic');
      expect(a).toBeCloseTo(x, 12);
      expect(weightedMean(xs, ws, 'geometric')).toBeCloseTo(x, 12);
      expect(weightedMean(xs, ws, 'harmonic')).toBeCloseTo(x, 12);
    }
  });

  it('the same holds for whole indices: arithmetic ≥ geometric ≥ harmonic scores per unit', () => {
    const { rows, ids } = synthetic(9, 30, 6);
    const run = (agg: string) => assess(rows, specFor(ids, { normalise: NORMALISATIONS.minmax, aggregate: agg }));
    const [a, g, h] = AGGREGATIONS.map(run);
    a.units.forEach((u, i) => {
      expect(u.score!).toBeGreaterThanOrEqual(g.units[i].score! - 1e-9);
      expect(g.units[i].score!).toBeGreaterThanOrEqual(h.units[i].score! - 1e-9);
    });
  });

  it('a missing value drops both its value and its weight', () => {
    expect(weightedMean([10, NaN, 30], [1, 5, 1], 'arithmetic')).toBe(20);
    expect(weightedMean([NaN, NaN], [1, 1], 'arithmetic')).toBeNaN();
    const rows: Row[] = [
      { code: 'a', x0: 10, x1: null, x2: 30 },
      { code: 'b', x0: 20, x1: 20, x2: 20 }
    ];
    const res = assess(rows, {
      unit: 'code',
      indicators: ['x0', 'x1', 'x2'].map((id, j) => ({
        id,
        weight: j + 1,
        normalise: { method: 'goalposts', low: 0, high: 100 }
      })),
      screening: { threshold: 0.5 }
    });
    expect(res.units[0].score).toBeCloseTo((1 * 10 + 3 * 30) / 4, 12);
  });
});
