/**
 * Rank reversal: with fixed goalposts or targets, adding or removing a unit leaves the
 * other units' scores unchanged; with min-max or z-score they move, and the result says
 * so (rankReversalPossible) so that the page can tell the reader.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../../src/lib/assess';
import type { Row } from '../../../src/lib/assess';
import { NORMALISATIONS, specFor, synthetic } from './helpers';

const extremeUnit = (ids: string[]): Row => Object.fromEntries([['code', 'new'], ...ids.map((id) => [id, 500])]);

describe('rank reversal', () => {
  for (const method of ['goalposts', 'target'] as const) {
    it(`${method}: adding or removing a unit leaves the other units' scores unchanged`, () => {
      for (const seed of [1, 2, 3])
        for (const agg of ['arithmetic', 'geometric']) {
          const { rows, ids } = synthetic(seed, 25, 5);
          const spec = specFor(ids, {
            normalise: NORMALISATIONS[method],
            direction: (j) => (j === 0 ? -1 : 1),
            aggregate: agg,
            extra: { aggregate: { indicators: agg, groups: agg, floor: 0.01 } }
          });
          const base = assess(rows, spec);
          const added = assess([...rows, extremeUnit(ids)], spec);
          const removed = assess(rows.slice(1), spec);
          base.units.forEach((u, i) => {
            expect(added.units[i].score).toBe(u.score);
            if (i > 0) expect(removed.units[i - 1].score).toBe(u.score);
          });
          expect(base.rankReversalPossible).toBe(false);
          expect(base.rankReversalReasons).toEqual([]);
        }
    });
  }

  for (const method of ['minmax', 'zscore', 'prank'] as const) {
    it(`${method}: scores move when a unit is added, and the result flags it`, () => {
      const { rows, ids } = synthetic(4, 25, 5);
      const spec = specFor(ids, { normalise: NORMALISATIONS[method] });
      const base = assess(rows, spec);
      const added = assess([...rows, extremeUnit(ids)], spec);
      expect(base.units.some((u, i) => Math.abs(added.units[i].score! - u.score!) > 1e-9)).toBe(true);
      expect(base.rankReversalPossible).toBe(true);
      expect(base.rankReversalReasons).toEqual(ids);
    });
  }

  it('min-max: adding a unit can reverse the order of two others (the classic example)', () => {
    // A beats B with the original range; a new unit stretches indicator x1's range
    const rows: Row[] = [
      { code: 'A', x0: 10, x1: 6 },
      { code: 'B', x0: 6, x1: 9 },
      { code: 'C', x0: 0, x1: 0 },
      { code: 'D', x0: 8, x1: 10 }
    ];
    const spec = { unit: 'code', indicators: [{ id: 'x0' }, { id: 'x1' }], aggregate: 'arithmetic' };
    const r1 = assess(rows, spec);
    const r2 = assess([...rows, { code: 'E', x0: 100, x1: 0 }], spec);
    const order = (r: ReturnType<typeof assess>) => Math.sign(r.units[0].score! - r.units[1].score!);
    expect(order(r1)).not.toBe(order(r2));
  });

  it('mixed schemes list exactly the data-relative indicators', () => {
    const { rows } = synthetic(4, 10, 3);
    const res = assess(rows, {
      unit: 'code',
      indicators: [
        { id: 'x0', normalise: { method: 'goalposts', low: 0, high: 100 } },
        { id: 'x1', normalise: { method: 'minmax' } },
        { id: 'x2', weight: 0, normalise: { method: 'zscore' } }
      ]
    });
    expect(res.rankReversalReasons).toEqual(['x1']); // x2 has no weight
  });
});
