/**
 * Invariance properties (METHODS "Known-answer and property tests"), checked on seeded
 * random data sets: positive affine rescaling (min-max, z-score), increasing transforms
 * (percentile rank), scaling a group's weights, row order, indicator order, and
 * "direction −1 equals normalising −x".
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../../src/lib/assess';
import type { Row } from '../../../src/lib/assess';
import { AGGREGATIONS, NORMALISATIONS, expectClose, mulberry32, scoresByUnit, shuffle, specFor, synthetic } from './helpers';

const SEEDS = [1, 2, 3, 4, 5];
const transformCol = (rows: Row[], col: string, f: (x: number) => number): Row[] =>
  rows.map((r) => ({ ...r, [col]: r[col] === null ? null : f(r[col] as number) }));

function sameScores(a: ReturnType<typeof assess>, b: ReturnType<typeof assess>, tol = 1e-9): void {
  const sb = scoresByUnit(b);
  for (const u of a.units) expectClose(u.score, sb.get(u.unit)!, tol);
  const rb = new Map(b.units.map((u) => [u.unit, u.rank]));
  for (const u of a.units) expect(u.rank).toBe(rb.get(u.unit));
}

describe('invariance', () => {
  for (const method of ['minmax', 'zscore'] as const) {
    it(`${method}: unchanged under positive affine rescaling of an indicator`, () => {
      for (const seed of SEEDS) {
        const { rows, ids } = synthetic(seed, 40, 5, { missing: 0.05 });
        const spec = specFor(ids, { normalise: NORMALISATIONS[method], direction: (j) => (j === 1 ? -1 : 1) });
        const rnd = mulberry32(seed + 100);
        const a = 0.1 + rnd() * 10,
          b = rnd() * 200 - 100;
        const col = ids[seed % ids.length];
        sameScores(
          assess(rows, spec),
          assess(
            transformCol(rows, col, (x) => a * x + b),
            spec
          ),
          1e-9
        );
      }
    });
  }

  it('prank: unchanged under any increasing transform', () => {
    const fs: ((x: number) => number)[] = [
      (x) => Math.exp(x / 10),
      (x) => x ** 3,
      (x) => Math.log(x),
      (x) => Math.round(x * 1e6)
    ];
    for (const seed of SEEDS)
      for (const f of fs) {
        const { rows, ids } = synthetic(seed, 30, 4);
        const spec = specFor(ids, { normalise: { method: 'prank' } });
        const transformed = ids.reduce((rs, id) => transformCol(rs, id, f), rows);
        sameScores(assess(rows, spec), assess(transformed, spec), 1e-12);
      }
  });

  it('scaling all weights of one group (or all group weights) by a constant changes nothing', () => {
    for (const seed of SEEDS)
      for (const agg of AGGREGATIONS)
        for (const method of Object.keys(NORMALISATIONS)) {
          const { rows, ids } = synthetic(seed, 25, 6);
          const w = (j: number) => 1 + ((j * 7 + seed) % 4);
          const base = specFor(ids, {
            normalise: NORMALISATIONS[method],
            weight: w,
            groups: 3,
            groupWeight: (k) => k + 1,
            aggregate: agg,
            extra: { aggregate: { indicators: agg, groups: agg, floor: 0.01 } }
          });
          const c = 0.5 + seed;
          const scaledGroup = specFor(ids, {
            normalise: NORMALISATIONS[method],
            weight: (j) => (j % 3 === 1 ? c * w(j) : w(j)),
            groups: 3,
            groupWeight: (k) => k + 1,
            extra: { aggregate: { indicators: agg, groups: agg, floor: 0.01 } }
          });
          const scaledTop = specFor(ids, {
            normalise: NORMALISATIONS[method],
            weight: w,
            groups: 3,
            groupWeight: (k) => c * (k + 1),
            extra: { aggregate: { indicators: agg, groups: agg, floor: 0.01 } }
          });
          const r0 = assess(rows, base);
          sameScores(r0, assess(rows, scaledGroup), 1e-9);
          sameScores(r0, assess(rows, scaledTop), 1e-9);
        }
  });

  it('row order changes nothing', () => {
    for (const seed of SEEDS)
      for (const method of Object.keys(NORMALISATIONS)) {
        const { rows, ids } = synthetic(seed, 35, 5, { missing: 0.05 });
        const spec = specFor(ids, { normalise: NORMALISATIONS[method], extra: { uncertainty: { runs: 0 } } });
        sameScores(assess(rows, spec), assess(shuffle(rows, seed), spec), 0);
      }
  });

  it('indicator order (in the spec, in the groups and in the data columns) changes nothing', () => {
    for (const seed of SEEDS)
      for (const agg of AGGREGATIONS) {
        const { rows, ids } = synthetic(seed, 30, 6);
        const w = (id: string) => 1 + Number(id.slice(1));
        const mk = (order: string[]) => ({
          unit: 'code',
          indicators: order.map((id) => ({
            id,
            column: id,
            weight: w(id),
            direction: id === 'x2' ? -1 : 1,
            normalise: NORMALISATIONS.minmax
          })),
          groups: [
            { id: 'a', members: order.filter((id) => ['x0', 'x1', 'x2'].includes(id)), weight: 2 },
            { id: 'b', members: order.filter((id) => !['x0', 'x1', 'x2'].includes(id)), weight: 1 }
          ],
          aggregate: { indicators: agg, groups: agg }
        });
        const order = shuffle(ids, seed);
        // data columns in yet another order
        const colOrder = shuffle(ids, seed + 1);
        const rows2 = rows.map((r) => Object.fromEntries([['code', r.code], ...colOrder.map((id) => [id, r[id]])]));
        sameScores(assess(rows, mk(ids)), assess(rows2, mk(order)), 1e-12);
      }
  });

  describe('direction −1 equals normalising −x', () => {
    for (const method of ['minmax', 'zscore', 'prank'] as const) {
      it(method, () => {
        for (const seed of SEEDS) {
          const { rows, ids } = synthetic(seed, 30, 3, { missing: 0.05 });
          const neg = transformCol(rows, 'x1', (x) => -x);
          const specRev = specFor(ids, { normalise: NORMALISATIONS[method], direction: (j) => (j === 1 ? -1 : 1) });
          const specNeg = specFor(ids, { normalise: NORMALISATIONS[method] });
          sameScores(assess(rows, specRev), assess(neg, specNeg), 1e-12);
        }
      });
    }
    it('goalposts: direction −1 with (low, high) equals direction 1 on −x with (−high, −low)', () => {
      for (const seed of SEEDS) {
        const { rows, ids } = synthetic(seed, 30, 2, { lo: -20, hi: 140 });
        const rev = {
          unit: 'code',
          indicators: [{ id: 'x0', direction: -1, normalise: { method: 'goalposts', low: 0, high: 120 } }, { id: 'x1' }]
        };
        const neg = {
          unit: 'code',
          indicators: [{ id: 'x0', normalise: { method: 'goalposts', low: -120, high: 0 } }, { id: 'x1' }]
        };
        const r = assess(rows, rev);
        sameScores(
          r,
          assess(
            transformCol(rows, 'x0', (x) => -x),
            neg
          ),
          1e-12
        );
        // Both sides could be wrong in the same way: check the reversed goalposts themselves,
        // clamp((high − x)/(high − low)) × 100, including values clipped below low and above high.
        const k = r.indicatorIds.indexOf('x0');
        const m = r.indicatorIds.length;
        expect(r.indicatorIds).toEqual(ids);
        const xs = rows.map((row) => row.x0 as number);
        expect(xs.some((x) => x < 0) && xs.some((x) => x > 120)).toBe(true);
        rows.forEach((row, i) => {
          const x = row.x0 as number;
          expectClose(r.normalised[i * m + k], Math.min(1, Math.max(0, (120 - x) / 120)) * 100, 1e-9);
        });
      }
    });
    it('target: direction −1 (target < lower) equals direction 1 on −x with negated bounds', () => {
      for (const seed of SEEDS) {
        const { rows } = synthetic(seed, 30, 2, { lo: 50, hi: 250 });
        const rev = {
          unit: 'code',
          indicators: [{ id: 'x0', direction: -1, normalise: { method: 'target', lower: 200, target: 85 } }, { id: 'x1' }]
        };
        const neg = {
          unit: 'code',
          indicators: [{ id: 'x0', normalise: { method: 'target', lower: -200, target: -85 } }, { id: 'x1' }]
        };
        sameScores(
          assess(rows, rev),
          assess(
            transformCol(rows, 'x0', (x) => -x),
            neg
          ),
          1e-12
        );
      }
    });
  });
});
