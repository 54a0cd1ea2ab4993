/**
 * Effective weights sum to 1; imputation never changes a present value (and flags what
 * it fills); a unit below the availability threshold gets no score; outlier treatment.
 */
import { describe, expect, it } from 'vitest';
import { assess, buildPlan, effectiveWeights, parseSpec, skewness, kurtosis, treatValues } from '../../../src/lib/assess';
import type { Row } from '../../../src/lib/assess';
import { mulberry32, specFor, synthetic } from './helpers';

describe('effective weights', () => {
  it('sum to 1 for random trees (nested groups, random weights)', () => {
    const rnd = mulberry32(3);
    for (let t = 0; t < 200; t++) {
      const m = 2 + Math.floor(rnd() * 12);
      const ids = Array.from({ length: m }, (_, j) => `x${j}`);
      const nLeafGroups = 1 + Math.floor(rnd() * Math.min(m, 4));
      const leaf = Array.from({ length: nLeafGroups }, (_, k) => ({
        id: `g${k}`,
        members: ids.filter((_, j) => j % nLeafGroups === k),
        weight: rnd() * 5 + 0.01
      }));
      // optionally one more level: pairs of leaf groups under parents
      const groups: { id: string; members: string[]; weight: number }[] = [...leaf];
      if (nLeafGroups >= 2 && rnd() < 0.5) {
        groups.push({ id: 'p0', members: leaf.filter((_, k) => k % 2 === 0).map((g) => g.id), weight: rnd() + 0.1 });
        groups.push({ id: 'p1', members: leaf.filter((_, k) => k % 2 === 1).map((g) => g.id), weight: rnd() + 0.1 });
      }
      const spec = parseSpec({ unit: 'code', indicators: ids.map((id) => ({ id, weight: rnd() * 10 })), groups });
      const eff = effectiveWeights(spec);
      const sum = Object.values(eff.indicators).reduce((s, x) => s + x, 0);
      expect(sum).toBeCloseTo(1, 12);
      const top = spec.groups.filter((g) => !spec.groups.some((p) => p.members.includes(g.id)));
      expect(top.reduce((s, g) => s + eff.groups[g.id], 0)).toBeCloseTo(1, 12);
    }
  });

  it('are relative weights rescaled within each group, times the group share', () => {
    const spec = parseSpec({
      unit: 'code',
      indicators: [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 3 },
        { id: 'c', weight: 2 }
      ],
      groups: [
        { id: 'g1', members: ['a', 'b'], weight: 3 },
        { id: 'g2', members: ['c'], weight: 1 }
      ]
    });
    const eff = effectiveWeights(spec, buildPlan(spec));
    expect(eff.indicators.a).toBeCloseTo(0.75 * 0.25, 12);
    expect(eff.indicators.b).toBeCloseTo(0.75 * 0.75, 12);
    expect(eff.indicators.c).toBeCloseTo(0.25, 12);
    expect(eff.groups).toEqual({ g1: 0.75, g2: 0.25 });
  });

  it('are reported in the result and sum to 1', () => {
    const { rows, ids } = synthetic(1, 10, 7);
    const res = assess(rows, specFor(ids, { weight: (j) => j + 1, groups: 3, groupWeight: (k) => 2 ** k }));
    expect(Object.values(res.effectiveWeights).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });
});

describe('screening', () => {
  it('a unit below the availability threshold gets no score, no rank, status insufficient', () => {
    const { rows, ids } = synthetic(2, 12, 10);
    rows[3] = { ...rows[3] };
    for (const id of ids.slice(0, 4)) rows[3][id] = null; // 60% present
    rows[5] = { ...rows[5] };
    for (const id of ids.slice(0, 3)) rows[5][id] = ''; // 70% present
    rows[7] = { ...rows[7] };
    for (const id of ids) rows[7][id] = null; // nothing
    const res = assess(rows, specFor(ids));
    expect(res.units[3]).toMatchObject({ status: 'insufficient', score: null, rank: null, availability: 0.6 });
    expect(res.units[5].status).toBe('ok');
    expect(res.units[7]).toMatchObject({ status: 'insufficient', score: null, rank: null });
    // ranks of the others are 1..10, never counting the insufficient units
    const ranks = res.units
      .filter((u) => u.rank !== null)
      .map((u) => u.rank!)
      .sort((a, b) => a - b);
    expect(ranks).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(res.warnings.join(' ')).toContain('insufficient');
  });

  it('the threshold is configurable (screening.threshold)', () => {
    const { rows, ids } = synthetic(2, 6, 10);
    rows[0] = { ...rows[0] };
    for (const id of ids.slice(0, 6)) rows[0][id] = null; // 40% present
    expect(assess(rows, specFor(ids)).units[0].score).toBeNull();
    expect(assess(rows, specFor(ids, { extra: { screening: { threshold: 0.4 } } })).units[0].score).not.toBeNull();
  });

  it('insufficient units do not influence the min-max of the others', () => {
    const { rows, ids } = synthetic(4, 10, 4);
    const extreme: Row = { code: 'zz', x0: 1e6, x1: null, x2: null, x3: null };
    const a = assess(rows, specFor(ids)),
      b = assess([...rows, extreme], specFor(ids));
    a.units.forEach((u, i) => expect(b.units[i].score).toBe(u.score));
  });
});

describe('imputation', () => {
  it('never changes a present value, flags every imputed cell, fills mean / median', () => {
    for (const method of ['mean', 'median'] as const) {
      const { rows, ids } = synthetic(5, 40, 6, { missing: 0.1 });
      const spec = specFor(ids, {
        normalise: { method: 'goalposts', low: 0, high: 100 },
        extra: { impute: { method }, screening: { threshold: 0.5 } }
      });
      const res = assess(rows, spec);
      const m = ids.length;
      let flagged = 0;
      res.units.forEach((u, i) =>
        ids.forEach((id, j) => {
          const raw = rows[i][id];
          if (raw !== null) {
            expect(res.values[i * m + j]).toBe(raw);
            expect(u.imputed).not.toContain(id);
          } else if (u.status === 'ok') {
            expect(u.imputed).toContain(id);
            flagged++;
            const present = res.units
              .filter((v) => v.status === 'ok' && rows[v.row][id] !== null)
              .map((v) => rows[v.row][id] as number)
              .sort((a, b) => a - b);
            const expected =
              method === 'mean'
                ? present.reduce((s, x) => s + x, 0) / present.length
                : present.length % 2
                  ? present[present.length >> 1]
                  : (present[present.length / 2 - 1] + present[present.length / 2]) / 2;
            expect(res.values[i * m + j]).toBeCloseTo(expected, 10);
          }
        })
      );
      expect(res.imputedCells).toBe(flagged);
      expect(flagged).toBeGreaterThan(0);
      expect(res.rankReversalReasons).toContain('impute');
    }
  });

  it('imputes within a group column (e.g. urban/rural), falling back to overall', () => {
    const rows: Row[] = [
      { code: 'a', type: 'urban', x0: 10, x1: 1 },
      { code: 'b', type: 'urban', x0: 20, x1: 1 },
      { code: 'c', type: 'rural', x0: 100, x1: 1 },
      { code: 'd', type: 'urban', x0: null, x1: 1 },
      { code: 'e', type: 'other', x0: null, x1: 1 }
    ];
    const res = assess(rows, {
      unit: 'code',
      indicators: [{ id: 'x0', normalise: { method: 'goalposts', low: 0, high: 100 } }, { id: 'x1' }],
      impute: { method: 'mean', by: 'type' },
      screening: { threshold: 0.5 }
    });
    expect(res.values[3 * 2]).toBe(15);
    expect(res.values[4 * 2]).toBeCloseTo(130 / 3, 12);
  });

  it('is off by default', () => {
    const { rows, ids } = synthetic(5, 20, 6, { missing: 0.1 });
    const res = assess(rows, specFor(ids, { extra: { screening: { threshold: 0.5 } } }));
    expect(res.imputedCells).toBe(0);
    expect(res.units.every((u) => u.imputed.length === 0)).toBe(true);
  });
});

describe('outlier treatment', () => {
  const skewed = () => {
    const rnd = mulberry32(8);
    return [...Array.from({ length: 60 }, () => 10 + rnd() * 5), 200, 15.5, 14.2];
  };

  it('detects |skew| ≥ 2 and kurtosis ≥ 3.5 and winsorises up to 5 points', () => {
    const xs = skewed();
    expect(Math.abs(skewness(xs))).toBeGreaterThanOrEqual(2);
    expect(kurtosis(xs)).toBeGreaterThanOrEqual(3.5);
    const { values, report } = treatValues(xs, { skew: 2, kurt: 3.5, winsor_max: 5 });
    expect(report.winsorised).toBeGreaterThan(0);
    expect(report.winsorised).toBeLessThanOrEqual(5);
    expect(report.log).toBe(false);
    expect(Math.max(...values)).toBeLessThan(200);
    // order is kept (ties allowed)
    const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
    for (let t = 1; t < order.length; t++) expect(values[order[t]]).toBeGreaterThanOrEqual(values[order[t - 1]]);
  });

  it('falls back to log(x − min + 0.01·range) when winsorising 5 points is not enough', () => {
    const rnd = mulberry32(9);
    const xs = [...Array.from({ length: 80 }, () => rnd()), ...Array.from({ length: 8 }, (_, k) => 1000 * (k + 1))];
    const { values, report } = treatValues(xs, { skew: 2, kurt: 3.5, winsor_max: 5 });
    expect(report.log).toBe(true);
    const min = Math.min(...xs),
      range = Math.max(...xs) - min;
    xs.forEach((x, i) => expect(values[i]).toBeCloseTo(Math.log(x - min + 0.01 * range), 12));
  });

  it('leaves a well-behaved indicator alone, and is applied by the pipeline when asked', () => {
    const { rows, ids } = synthetic(10, 50, 3);
    rows[0] = { ...rows[0], x0: 5000 };
    const off = assess(rows, specFor(ids));
    const on = assess(rows, specFor(ids, { extra: { outliers: true } }));
    expect(off.outliers).toEqual([]);
    expect(on.outliers.map((o) => o.indicator)).toEqual(['x0']);
    expect(on.values[0]).not.toBe(5000);
  });
});
