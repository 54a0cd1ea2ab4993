// The indicator page's URL codec and view model: defaults, round trips, invalid parameters, the
// child region a district belongs to, box order, and the scatter's sample and line.
import { describe, it, expect } from 'vitest';
import { indicator, indicators } from '../../src/lib/indicators/catalogue';
import { defaultCompare, defaults, indicatorHref, parseView, viewToSearch } from '../../src/lib/indicator/state';
import { boxesByChild, chartsOf, childOf, histogramOf, scatterOf } from '../../src/lib/indicator/model';
import { districtPointsQuery, toPoints, unitPointsQuery } from '../../src/lib/data/indicator-queries';

const years = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const ind = indicator('certified_share');

describe('indicator page URL', () => {
  it('an empty query is the default view', () => {
    expect(parseView(ind, new URLSearchParams(''), years)).toEqual(defaults(ind, years));
    expect(viewToSearch(ind, defaults(ind, years), years)).toBe('');
  });
  it('round-trips every field and carries the language', () => {
    const v = { year: 2022, type: 'rural' as const, compare: 'college_share', region: '440000', level: 'unit' as const };
    const q = viewToSearch(ind, v, years, 'en');
    expect(q).toBe('?y=2022&t=rural&c=college_share&r=440000&l=unit&lang=en');
    expect(parseView(ind, new URLSearchParams(q), years)).toEqual(v);
  });
  it('malformed values fall back to defaults', () => {
    const d = defaults(ind, years);
    const bad = parseView(ind, new URLSearchParams('y=1999&t=x&c=certified_share&r=440300&l=street'), years);
    expect(bad).toEqual(d); // the indicator itself is no comparison; a city is no region here
    expect(parseView(ind, new URLSearchParams('c=nope'), years).compare).toBe(d.compare);
  });
  it('every indicator has a default comparison other than itself', () => {
    for (const i of indicators) expect(defaultCompare(i)).not.toBe(i.id);
    expect(indicatorHref('/base', 'certified_share', 'en')).toBe('/base/indicator/certified_share/?lang=en');
    expect(indicatorHref('', 'certified_share')).toBe('/indicator/certified_share/');
  });
});

describe('indicator page model', () => {
  it('a district belongs to its province, its city, or (in a municipality) itself', () => {
    expect(childOf('000000', '440305')).toBe('440000');
    expect(childOf('440000', '440305')).toBe('440300');
    expect(childOf('440000', '441900')).toBe('441900');
    expect(childOf('110000', '110101')).toBe('110101');
  });
  const points = toPoints([
    { code: '440305', v: 10, c: 1 },
    { code: '440306', v: 20, c: 2 },
    { code: '440104', v: 30, c: 3 },
    { code: '110101', v: 50, c: null },
    { code: '110102', v: null, c: 4 }
  ]);
  it('boxes per child region, best median first', () => {
    const boxes = boxesByChild(ind, '000000', points);
    expect(boxes.map((b) => [b.code, b.stats.n, b.stats.median])).toEqual([
      ['110000', 1, 50],
      ['440000', 3, 20]
    ]);
    // Lower is better: smaller medians first.
    const lower = boxesByChild(indicator('households_per_worker'), '000000', points);
    expect(lower.map((b) => b.code)).toEqual(['440000', '110000']);
  });
  it('histogram of the values, scatter of the pairs with both', () => {
    expect(histogramOf(points, 4).n).toBe(4);
    const s = scatterOf(points);
    expect(s.fit.n).toBe(3);
    expect(s.fit.slope).toBeCloseTo(10, 12);
    expect(s.fit.r).toBeCloseTo(1, 12);
    expect(s.line).toEqual([
      [1, 10],
      [3, 30]
    ]);
    expect(s.shownCodes).toEqual(['440305', '440306', '440104']);
    const many = toPoints(Array.from({ length: 10_001 }, (_, i) => ({ code: '440305', v: i, c: i })));
    const sampled = scatterOf(many, 5000);
    expect(sampled.shown.length).toBe(3334); // every third pair
    expect(sampled.fit.n).toBe(10_001);
  });
});

describe('the charts of a view', () => {
  it('histogram edges print exactly; every chart from one call', async () => {
    const p = toPoints([0.3, 0.35, 0.52, 0.87].map((v, i) => ({ code: `44030${i}`, v, c: i })));
    const charts = await chartsOf(ind, '440000', p);
    // Range 0.57 over about 24 bins: width 0.05, twelve bins from 0.3; 0.35 starts the second.
    expect(charts.hist.width).toBe(0.05);
    expect(charts.hist.edges.slice(0, 4)).toEqual([0.3, 0.35, 0.4, 0.45]);
    expect(charts.hist.edges.at(-1)).toBe(0.85);
    expect(charts.hist.counts).toEqual([1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(charts.boxes.map((b) => [b.code, b.stats.n])).toEqual([['440300', 4]]);
    expect(charts.scatter.fit.n).toBe(4);
  });
});

describe('indicator page queries', () => {
  const o = { year: 2025, type: 'all' as const, within: '440000', ind, compare: indicator('college_share') };
  it('districts of a province from the district aggregate', () => {
    const q = districtPointsQuery(o);
    expect(q.files).toEqual(['district.parquet']);
    expect(q.sql.text).toContain("province = '44'");
  });
  it('units read one partition per province held, only that province for a province', () => {
    expect(unitPointsQuery(o, ['11', '44']).files).toEqual(['units/2025/44.parquet']);
    expect(unitPointsQuery({ ...o, within: '000000' }, ['11', '44']).files).toEqual([
      'units/2025/11.parquet',
      'units/2025/44.parquet'
    ]);
    expect(() => districtPointsQuery({ ...o, within: '440300' })).toThrow(/not the nation or a province/);
    expect(() => districtPointsQuery({ ...o, within: "44'--" })).toThrow();
  });
});
