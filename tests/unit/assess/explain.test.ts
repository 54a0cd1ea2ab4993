/** Explanations (contributions, strengths/weaknesses, rank change) and overlap sentences. */
import { describe, expect, it } from 'vitest';
import {
  adjacentOverlaps,
  assess,
  explain,
  intervalsOverlap,
  overlapSentence,
  overlapSummary,
  rankChanges
} from '../../../src/lib/assess';
import type { Row } from '../../../src/lib/assess';
import { specFor, synthetic } from './helpers';

const gp = { method: 'goalposts', low: 0, high: 100 };

describe('explain', () => {
  const rows: Row[] = [
    { code: 'a', s1: 90, s2: 70, b1: 20, b2: 40 },
    { code: 'b', s1: 50, s2: 60, b1: 80, b2: 10 }
  ];
  const spec = {
    unit: 'code',
    indicators: [
      { id: 's1', name_zh: '满意度', normalise: gp },
      { id: 's2', normalise: gp },
      { id: 'b1', direction: -1, normalise: gp },
      { id: 'b2', direction: -1, normalise: gp }
    ],
    groups: [
      { id: 'sat', name_zh: '居民满意度', members: ['s1', 's2'], weight: 3 },
      { id: 'burden', members: ['b1', 'b2'], weight: 1 }
    ],
    aggregate: 'arithmetic'
  };
  const res = assess(rows, spec);

  it('dimension contributions add up to the score with an arithmetic index', () => {
    const e = explain(res, 'a');
    expect(e.additive).toBe(true);
    expect(e.contributions.map((c) => c.id)).toEqual(['sat', 'burden']);
    expect(e.contributions[0]).toMatchObject({ weight: 0.75, value: 80, contribution: 60, gap: 15, name_zh: '居民满意度' });
    expect(e.contributions.reduce((s, c) => s + c.contribution!, 0)).toBeCloseTo(e.score!, 12);
  });

  it('strengths and weaknesses are the top and bottom indicators by normalised value', () => {
    const e = explain(res, 'a', { top: 2 });
    expect(e.strengths.map((x) => x.id)).toEqual(['s1', 'b1']); // 90, 80
    expect(e.weaknesses.map((x) => x.id)).toEqual(['b2', 's2']); // 60, 70
    expect(e.strengths[0]).toMatchObject({ name_zh: '满意度', value: 90, normalised: 90, imputed: false });
  });

  it('rank change versus a previous result (positive = moved up)', () => {
    const prevRows = rows.map((r) => ({ ...r, s1: r.code === 'a' ? 10 : 95 }));
    const prev = assess(prevRows, spec);
    expect(prev.units[0].rank).toBe(2);
    expect(explain(res, 'a', { previous: prev })).toMatchObject({ previousRank: 2, rank: 1, rankChange: 1 });
    expect(explain(res, 'b', { previous: { b: 1 } }).rankChange).toBe(-1);
    expect(
      rankChanges(
        res,
        new Map([
          ['a', 2],
          ['b', null]
        ])
      )
    ).toEqual({ a: 1, b: null });
  });

  it('insufficient units have no contributions', () => {
    const r2 = assess([...rows, { code: 'c', s1: 50, s2: null, b1: null, b2: null }], spec);
    const e = explain(r2, 'c');
    expect(e.status).toBe('insufficient');
    expect(e.contributions.every((c) => c.contribution === null)).toBe(true);
    expect(e.strengths).toEqual([]);
  });
});

describe('overlap', () => {
  it('finds adjacent pairs with overlapping intervals and says so in zh and en', () => {
    const { rows, ids } = synthetic(3, 30, 5);
    const res = assess(rows, specFor(ids, { extra: { uncertainty: { runs: 200, seed: 2, weight_noise: 0.25 } } }));
    const pairs = adjacentOverlaps(res);
    expect(pairs.length).toBe(29);
    for (const p of pairs) {
      expect(p.rankA).toBeLessThanOrEqual(p.rankB);
      const a = res.units.find((u) => u.unit === p.a)!,
        b = res.units.find((u) => u.unit === p.b)!;
      expect(p.overlap).toBe(intervalsOverlap(a, b));
      expect(p.overlap).toBe(p.intervalA[0] <= p.intervalB[1] && p.intervalB[0] <= p.intervalA[1]);
    }
    expect(pairs.some((p) => p.overlap)).toBe(true);
    const p = pairs.find((x) => x.overlap)!;
    expect(overlapSentence(p, 'en')).toContain('overlapping rank intervals');
    expect(overlapSentence(p, 'zh', { [p.a]: '顺义区' })).toMatch(/^顺义区（第\d+名）与.*重叠/);
    expect(overlapSummary(pairs, 'zh')).toMatch(/相邻名次的29对单位中，有\d+对/);
    expect(overlapSummary(pairs, 'en')).toMatch(/^\d+ of 29 pairs/);
  });

  it('with zero noise no two distinct ranks overlap', () => {
    const { rows, ids } = synthetic(3, 20, 5);
    const res = assess(rows, specFor(ids, { extra: { uncertainty: { runs: 20, seed: 2, weight_noise: 0 } } }));
    expect(adjacentOverlaps(res).every((p) => !p.overlap)).toBe(true);
    expect(overlapSentence(adjacentOverlaps(res)[0], 'en')).toContain('reliably ahead');
  });
});
