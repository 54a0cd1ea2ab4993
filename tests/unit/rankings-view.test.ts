import { describe, it, expect } from 'vitest';
import { RegionTree } from '../../src/lib/data/regions';
import { methodSummary, parentCode, rankScale, rankTicks, resultsTable, unitName } from '../../src/lib/rankings/view';
import { fitLabel, intervalChartSvg, textWidth } from '../../src/lib/rankings/interval-chart';
import { defaultMethod } from '../../src/lib/rankings/method';
import { tIn } from '../../src/lib/i18n/messages';
import type { UnitResult } from '../../src/lib/assess';

const tree = new RegionTree([
  ['110000', '北京市', 'p', null, 'bjs', 'Beijing Municipality'],
  ['110100', '市辖区', 'c', '110000', 'sxq', 'Districts'],
  ['110105', '朝阳区', 'd', '110100', 'cyq', 'Chaoyang District'],
  ['220000', '吉林省', 'p', null, 'jls', 'Jilin Province'],
  ['220100', '长春市', 'c', '220000', 'ccs', 'Changchun City'],
  ['220104', '朝阳区', 'd', '220100', 'cyq', 'Chaoyang District'],
  ['350000', '福建省', 'p', null, 'fjs', 'Fujian Province'],
  ['350100', '福州市', 'c', '350000', 'fzs', 'Fuzhou City'],
  ['350102', '鼓楼区', 'd', '350100', 'glq', 'Gulou District'],
  ['320000', '江苏省', 'p', null, 'jss', 'Jiangsu Province'],
  ['320100', '南京市', 'c', '320000', 'njs', 'Nanjing City'],
  ['320106', '鼓楼区', 'd', '320100', 'glq', 'Gulou District'],
  ['440000', '广东省', 'p', null, 'gds', 'Guangdong Province'],
  ['441900', '东莞市', 'c', '440000', 'dgs', 'Dongguan City'],
  ['441900', '东莞市', 'd', '441900', 'dgs', 'Dongguan City']
]);

const unit = (code: string, rank: number | null, p05: number | null = null, p95: number | null = null): UnitResult => ({
  unit: code,
  row: 0,
  status: rank == null ? 'insufficient' : 'ok',
  availability: 1,
  score: rank == null ? null : 100 - rank,
  rank,
  group: null,
  rank_within: null,
  groups: {},
  imputed: [],
  rank_median: null,
  rank_p05: p05,
  rank_p95: p95
});

describe('names that tell namesakes apart', () => {
  it('a district carries its city; two 鼓楼区 get different labels', () => {
    expect(unitName(tree, '350102', 'zh')).toEqual({
      name: '鼓楼区',
      parent: '福州市',
      parentCode: '350100',
      label: '鼓楼区 · 福州市'
    });
    expect(unitName(tree, '320106', 'zh').label).toBe('鼓楼区 · 南京市');
    expect(unitName(tree, '350102', 'en').label).toBe('Gulou District · Fuzhou City');
  });
  it('a municipality district carries the municipality, not 市辖区', () => {
    expect(parentCode(tree, '110105')).toBe('110000');
    expect(unitName(tree, '110105', 'zh').label).toBe('朝阳区 · 北京市');
    expect(unitName(tree, '110105', 'en').label).toBe('Chaoyang District · Beijing');
    expect(unitName(tree, '220104', 'zh').label).toBe('朝阳区 · 长春市');
  });
  it('a city carries its province, a province nothing, an unknown code itself', () => {
    expect(unitName(tree, '441900', 'zh').label).toBe('东莞市 · 广东省');
    expect(unitName(tree, '440000', 'zh')).toEqual({ name: '广东省', parent: '', parentCode: '', label: '广东省' });
    expect(unitName(tree, '999999', 'zh').label).toBe('999999');
    expect(unitName(null, '350102', 'zh').label).toBe('350102');
  });
});

describe('the nation-wide ranking: no two rows read the same', () => {
  it('every district of the snapshot has a label of its own, in Chinese and in English', async () => {
    const { readFileSync } = await import('node:fs');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const codes = (
      await con.runAndReadAll(`SELECT DISTINCT district FROM read_parquet('static/data/district.parquet') ORDER BY 1`)
    )
      .getRows()
      .map((r) => String(r[0]));
    expect(codes.length).toBeGreaterThan(2800);
    const real = new RegionTree(JSON.parse(readFileSync('static/data/regions.json', 'utf8')));
    for (const locale of ['zh', 'en'] as const) {
      const labels = codes.map((c) => unitName(real, c, locale).label);
      const seen = new Map<string, string>();
      const clashes = labels.flatMap((l, i) =>
        seen.has(l) ? [`${l}: ${seen.get(l)} and ${codes[i]}`] : (seen.set(l, codes[i]), [])
      );
      expect(clashes, locale).toEqual([]);
    }
  });
});

describe('rank axis fitted to the rows shown', () => {
  const top = [unit('a', 1, 1, 2), unit('b', 2, 1, 3), unit('c', 3, 3, 5), unit('d', 50, 41, 66)];
  it('spans the smallest lower to the largest upper bound, padded by 5%, within 1…total', () => {
    const s = rankScale(top, 2978, 120)!;
    expect(s.lo).toBe(1);
    expect(s.hi).toBe(69); // 66 + round(65 × 5%)
    expect(s.x(s.lo)).toBe(4);
    expect(s.x(s.hi)).toBe(116);
    // The first row's interval is 1/68 of the track, not 1/2977.
    expect(s.x(2) - s.x(1)).toBeCloseTo(112 / 68, 9);
  });
  it('a page in the middle starts near its own ranks', () => {
    const s = rankScale([unit('a', 501, 480, 530), unit('b', 550, 520, 600)], 2978, 120)!;
    expect(s.lo).toBe(474);
    expect(s.hi).toBe(606);
  });
  it('never passes the last rank; ranks without intervals still get an axis; no ranks, no axis', () => {
    expect(rankScale([unit('a', 2970, 2950, 2978)], 2978, 120)!.hi).toBe(2978);
    const one = rankScale([unit('a', 7)], 10, 120)!;
    expect([one.lo, one.hi]).toEqual([6, 8]);
    expect(rankScale([unit('a', null)], 10, 120)).toBeNull();
  });
  it('round ticks within the axis, starting at its first rank', () => {
    expect(rankTicks(1, 69)).toEqual([1, 20, 40, 60]);
    expect(rankTicks(474, 606)).toEqual([474, 500, 550, 600]);
    expect(rankTicks(6, 8)).toEqual([6, 7, 8]);
  });
});

describe('results table as exported', () => {
  it('names with parent, parent and its code, scores to 2 + 2 decimals', () => {
    const u = { ...unit('350102', 1, 1, 2), score: 96.03174603174604, groups: { burden: 71.23456789, staff: null } };
    const { header, rows } = resultsTable([u, unit('320106', null)], ['burden', 'staff'], (c) => unitName(tree, c, 'zh'));
    expect(header.slice(0, 5)).toEqual(['unit', 'name', 'parent', 'parent_code', 'score']);
    expect(header.slice(-2)).toEqual(['group_burden', 'group_staff']);
    expect(rows[0]).toEqual(['350102', '鼓楼区 · 福州市', '福州市', '350100', 96.0317, 1, null, 1, 2, 'ok', 71.2346, null]);
    expect(rows[1].slice(0, 6)).toEqual(['320106', '鼓楼区 · 南京市', '南京市', '320100', null, null]);
  });
});

describe('method summary', () => {
  it('one line in each language', () => {
    const m = defaultMethod();
    const zh = (k: Parameters<typeof tIn>[1], p?: Record<string, string | number>) => tIn('zh', k, p);
    const en = (k: Parameters<typeof tIn>[1], p?: Record<string, string | number>) => tIn('en', k, p);
    expect(methodSummary(m, '默认', zh)).toBe('默认 · 按方案 · 算术平均 · 不计算区间');
    expect(methodSummary({ ...m, aggGroup: 'geometric', runs: 1000 }, 'Default', en)).toBe(
      'Default · As scheme · Arithmetic/Geometric · Monte Carlo 1000 runs'
    );
  });
});

describe('interval chart SVG', () => {
  it('one bar per interval, one tick per rank, names escaped, axis extent stated', () => {
    const rows = [
      { label: '<img src=x onerror=alert(1)> · 福州市', rank: 1, rank_p05: 1, rank_p95: 2 },
      { label: 'B', rank: 2, rank_p05: 1, rank_p95: 4 },
      { label: 'C', rank: 3, rank_p05: null, rank_p95: null }
    ];
    const chart = intervalChartSvg(rows, 2978, (lo, hi) => `ranks ${lo}–${hi}`);
    expect(chart.svg).not.toContain('<img');
    expect(chart.svg).toContain('&#60;img src=x onerror=alert(1)&#62; · 福州市');
    expect(chart.svg.match(/fill="#94a3b8"/g)).toHaveLength(2);
    expect(chart.svg.match(/stroke="#b91c1c"/g)).toHaveLength(3);
    expect([chart.lo, chart.hi]).toEqual([1, 5]);
    expect(chart.svg).toContain('ranks 1–5');
    expect(chart.height).toBe(3 * 18 + 34 + 8);
  });
  it('the label column fits the names; a name too long is shortened, never drawn over the bars', () => {
    const short = intervalChartSvg([{ label: '鼓楼区 · 福州市', rank: 1, rank_p05: 1, rank_p95: 2 }], 10, () => '');
    const longName = 'Nantong Economic and Technological Development Zone · Nantong City';
    const long = intervalChartSvg([{ label: longName, rank: 1, rank_p05: 1, rank_p95: 2 }], 10, () => '');
    expect(long.width).toBeGreaterThan(short.width);
    expect(long.width).toBeLessThanOrEqual(38 + 330 + 14 + 460 + 16);
    expect(fitLabel(longName)).toMatch(/^Nantong Economic and .*… · Nantong City$/);
    expect(textWidth(fitLabel(longName))).toBeLessThanOrEqual(330);
    expect(fitLabel('鼓楼区 · 福州市')).toBe('鼓楼区 · 福州市');
    // The first bar starts right of the widest label.
    const x = Number(long.svg.match(/<rect x="([\d.]+)" y="[\d.]+" width="[\d.]+" height="8"/)![1]);
    expect(x).toBeGreaterThan(38 + textWidth(fitLabel(longName)));
  });
});
