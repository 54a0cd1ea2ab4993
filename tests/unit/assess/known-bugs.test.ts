/**
 * Guards against the known bugs of other tools (METHODS.md): weights assigned to the
 * wrong indicators; ranks computed after rounding; geometric mean after a 0–100 min-max;
 * per-indicator settings silently ignored; reversed "lower is better" indicators
 * reported as errors. Plus competition ranking and ranks within groups.
 */
import { describe, expect, it } from 'vitest';
import { assess, AssessError, competitionRanks, ranksWithin } from '../../../src/lib/assess';
import type { Row } from '../../../src/lib/assess';
import { synthetic } from './helpers';

const gp = { method: 'goalposts', low: 0, high: 100 };

describe('known bugs', () => {
  it('weights follow indicator ids, not positions, when spec and data orders differ', () => {
    // data columns c, b, a; spec lists a, b, c with distinct weights
    const rows: Row[] = [
      { code: 'u1', c: 30, b: 60, a: 90 },
      { code: 'u2', c: 90, b: 60, a: 30 }
    ];
    const res = assess(rows, {
      unit: 'code',
      indicators: [
        { id: 'a', weight: 6, normalise: gp },
        { id: 'b', weight: 3, normalise: gp },
        { id: 'c', weight: 1, normalise: gp }
      ]
    });
    expect(res.units[0].score).toBeCloseTo((6 * 90 + 3 * 60 + 1 * 30) / 10, 12);
    expect(res.units[1].score).toBeCloseTo((6 * 30 + 3 * 60 + 1 * 90) / 10, 12);
    expect(res.effectiveWeights).toEqual({ a: 0.6, b: 0.3, c: 0.1 });
  });

  it('an indicator id and its data column may differ; the column is what is read', () => {
    const rows: Row[] = [{ code: 'u1', col_a: 80, col_b: 20 }];
    const res = assess(rows, {
      unit: 'code',
      indicators: [
        { id: 'b', column: 'col_a', weight: 1, normalise: gp },
        { id: 'a', column: 'col_b', weight: 3, normalise: gp }
      ]
    });
    expect(res.units[0].score).toBeCloseTo((80 + 3 * 20) / 4, 12);
  });

  it('ranks are computed on unrounded scores', () => {
    const rows: Row[] = [
      { code: 'a', x: 50.0001 },
      { code: 'b', x: 50.0004 },
      { code: 'c', x: 49.9996 }
    ];
    const res = assess(rows, { unit: 'code', indicators: [{ id: 'x', normalise: gp }] });
    // all three round to 50.00, yet they are different
    expect(res.units.map((u) => u.rank)).toEqual([2, 1, 3]);
    expect(res.units[1].score).toBe(50.0004);
  });

  it('ties share the lowest rank (competition ranking 1, 2, 2, 4), also within groups', () => {
    expect(competitionRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([null, 5, NaN, 5, 7])).toEqual([null, 2, null, 2, 1]);
    expect(ranksWithin([90, 80, 85, 80, 70], ['a', 'a', 'b', 'a', 'b'])).toEqual([1, 2, 1, 2, 2]);
    const rows: Row[] = [
      { code: 'a', p: 'x', v: 90 },
      { code: 'b', p: 'x', v: 80 },
      { code: 'c', p: 'y', v: 80 },
      { code: 'd', p: 'y', v: 70 }
    ];
    const res = assess(rows, { unit: 'code', indicators: [{ id: 'v', normalise: gp }], rank_within: 'p' });
    expect(res.units.map((u) => [u.rank, u.rank_within, u.group])).toEqual([
      [1, 1, 'x'],
      [2, 2, 'x'],
      [2, 1, 'y'],
      [4, 2, 'y']
    ]);
  });

  it('geometric mean after a 0–100 min-max fails with a clear message naming the field', () => {
    const { rows, ids } = synthetic(3, 10, 3);
    const spec = { unit: 'code', indicators: ids.map((id) => ({ id, normalise: { method: 'minmax' } })), aggregate: 'geometric' };
    let err: unknown;
    try {
      assess(rows, spec);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AssessError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^aggregate\.indicators: geometric mean needs values > 0, but unit "u\d+" has 0 for indicator "x\d"/);
    expect(msg).toContain('min-max with l = 0');
    expect(msg).toContain('aggregate.floor');
    expect((err as AssessError).path).toBe('aggregate.indicators');
    // the same at group level names aggregate.groups
    const grouped = {
      ...spec,
      groups: [{ id: 'g', members: ids }],
      aggregate: { indicators: 'geometric', groups: 'arithmetic' }
    };
    expect(() => assess(rows, grouped)).toThrow(/^aggregate\.indicators: geometric/);
    // harmonic likewise
    expect(() => assess(rows, { ...spec, aggregate: 'harmonic' })).toThrow(/harmonic mean needs values > 0/);
    // fixes: l > 0, or an explicit floor
    expect(() =>
      assess(rows, { ...spec, indicators: ids.map((id) => ({ id, normalise: { method: 'minmax', l: 1, u: 100 } })) })
    ).not.toThrow();
    const floored = assess(rows, { ...spec, aggregate: { indicators: 'geometric', floor: 0.5 } });
    expect(floored.units.every((u) => u.score! > 0)).toBe(true);
  });

  it('per-indicator normalise settings are honoured', () => {
    const rows: Row[] = [
      { code: 'a', m1: 10, z1: 1, g1: 25, t1: 150, p1: 3 },
      { code: 'b', m1: 20, z1: 2, g1: 75, t1: 100, p1: 1 },
      { code: 'c', m1: 40, z1: 6, g1: 120, t1: 50, p1: 2 }
    ];
    const res = assess(rows, {
      unit: 'code',
      screening: { threshold: 0 },
      indicators: [
        { id: 'm1', normalise: { method: 'minmax', l: 10, u: 20 } },
        { id: 'z1', normalise: { method: 'zscore', m: 50, s: 10 } },
        { id: 'g1', normalise: { method: 'goalposts', low: 0, high: 100 } },
        { id: 't1', direction: -1, normalise: { method: 'target', lower: 200, target: 50 } },
        { id: 'p1', normalise: { method: 'prank' } }
      ]
    });
    const nv = (i: number, j: number) => res.normalised[i * 5 + j];
    expect(nv(0, 0)).toBe(10);
    expect(nv(1, 0)).toBeCloseTo(10 + 10 / 3, 12);
    expect(nv(2, 0)).toBe(20);
    const mean = 3,
      sd = Math.sqrt(((1 - 3) ** 2 + (2 - 3) ** 2 + (6 - 3) ** 2) / 2);
    expect(nv(0, 1)).toBeCloseTo(50 + (10 * (1 - mean)) / sd, 12);
    expect([nv(0, 2), nv(1, 2), nv(2, 2)]).toEqual([25, 75, 100]);
    expect([nv(0, 3), nv(1, 3), nv(2, 3)].map((x) => +x.toFixed(10))).toEqual([
      +((100 * 50) / 150).toFixed(10),
      +((100 * 100) / 150).toFixed(10),
      100
    ]);
    expect([nv(0, 4), nv(1, 4), nv(2, 4)]).toEqual([100, 0, 50]);
  });

  it('a misspelt setting is refused, not silently ignored', () => {
    const rows: Row[] = [{ code: 'a', x: 1 }];
    expect(() => assess(rows, { unit: 'code', indicators: [{ id: 'x', normalize: { method: 'zscore' } }] })).toThrow(
      'indicators[0].normalize: unknown field (did you mean "normalise"?)'
    );
    expect(() =>
      assess(rows, { unit: 'code', indicators: [{ id: 'x', normalise: { method: 'goalposts', low: 0, hihg: 5 } }] })
    ).toThrow(/^indicators\[0\]\.normalise\.hihg: unknown field/);
    expect(() =>
      assess(rows, { unit: 'code', indicators: [{ id: 'x', normalise: { method: 'minmax', l: 0, u: 100, low: 5 } }] })
    ).toThrow(/^indicators\[0\]\.normalise\.low: unknown field; allowed: method, l, u/);
  });

  it('reversed "lower is better" indicators are scored, not reported as errors', () => {
    const rows: Row[] = [
      { code: 'light', admin_items: 80, signboards: 3, meetings: 40 },
      { code: 'heavy', admin_items: 240, signboards: 30, meetings: 150 },
      { code: 'mid', admin_items: 140, signboards: 6, meetings: 90 }
    ];
    const res = assess(rows, {
      unit: 'code',
      indicators: [
        { id: 'admin_items', direction: -1, normalise: { method: 'target', lower: 200, target: 85 } },
        { id: 'signboards', direction: -1, normalise: { method: 'target', lower: 10, target: 3 } },
        { id: 'meetings', direction: -1, normalise: { method: 'goalposts', low: 0, high: 150 } }
      ]
    });
    expect(res.warnings).toEqual([]);
    expect(res.units.map((u) => u.rank)).toEqual([1, 3, 2]);
    expect(res.units[0].score).toBeCloseTo((100 + 100 + 100 * (110 / 150)) / 3, 12);
    expect(res.units[1].score).toBe(0);
  });
});
