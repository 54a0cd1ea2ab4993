// The region page's pure parts and its queries. Codes: shape → level, malformed codes refused. Survey
// margins, peer sets (never the place itself; the nearest set equals a brute-force computation),
// standings that respect small samples and intervals. The queries run on native DuckDB over the
// snapshot in static/data: a district aggregated from its units with areaSeriesQuery equals the
// district's row of the per-region summary (the same formulas as regions), a street's row of
// streetRowsQuery equals its areaSeriesQuery, and regions' sizes equal sums over units.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDuck, rows, lit } from '../../scripts/lib/duck';
import { indicators } from '../../src/lib/indicators/catalogue';
import { tableOf } from '../../src/lib/data/snapshots';
import {
  areaSeriesQuery,
  regionContextQuery,
  streetRowsQuery,
  unitRowsQuery,
  unitSeriesQuery,
  placeNameQuery
} from '../../src/lib/data/region-queries';
import {
  kindOf,
  margin95,
  median,
  parsePlaceCode,
  peerSets,
  standings,
  strengthsAmong,
  surveyOf,
  type PeerCandidate
} from '../../src/lib/region/model';
import { sortChildren } from '../../src/lib/region/children';
import { assessmentAt, overviewAt, regionHref } from '../../src/lib/region/links';
import type { ChildRow } from '../../src/lib/data/region-api';

describe('codes', () => {
  it('names a level by the shape of the code', () => {
    expect(parsePlaceCode('000000')).toEqual({ code: '000000', level: 'nation' });
    expect(parsePlaceCode('440000')?.level).toBe('province');
    expect(parsePlaceCode('440300')?.level).toBe('city');
    expect(parsePlaceCode('440305')?.level).toBe('district');
    expect(parsePlaceCode('110101001')).toEqual({ code: '110101001', level: 'street' });
    expect(parsePlaceCode('110101001001')).toEqual({ code: '110101001001', level: 'unit' });
    expect(parsePlaceCode('110101001000')).toEqual({ code: '110101001', level: 'street' });
    for (const bad of ['', '1101', '11010100100', 'abcdef', "1' OR 1=1", null, undefined]) expect(parsePlaceCode(bad)).toBeNull();
  });
  it('tells kinds within a level apart', () => {
    expect(kindOf('district', '鼓楼区')).toBe('district');
    expect(kindOf('district', '兴海县')).toBe('county');
    expect(kindOf('street', '东华门街道')).toBe('subdistrict');
    expect(kindOf('street', '城关镇')).toBe('town');
    expect(kindOf('unit', 'x', true)).toBe('community');
    expect(kindOf('unit', 'x', false)).toBe('village');
  });
  it('links carry the language and the place', () => {
    expect(regionHref('', '440305', 'zh')).toBe('/region/?c=440305');
    expect(regionHref('/b', '000000', 'en')).toBe('/b/region/?lang=en');
    expect(overviewAt('', '110101001001', 'en')).toBe('/?r=110101&u=110101001001&lang=en');
    expect(overviewAt('', '000000', 'zh')).toBe('/');
    expect(assessmentAt('', '440305', 'zh')).toBe('/rankings/?r=440000&u=440305');
    expect(assessmentAt('', '440300', 'zh')).toBe('/rankings/?r=440300');
  });
});

describe('survey figures', () => {
  it('gives a 95 % margin of 1.96 sd / √n and marks fewer than 30 households', () => {
    expect(margin95(10, 100)).toBeCloseTo(1.96, 12);
    expect(surveyOf(25, 10)).toMatchObject({ n: 25, small: true, bound: false });
    expect(surveyOf(25, 10).margin).toBeCloseTo(3.92, 12);
    // Without an sd, the margin is the bound for a 0–100 score (sd ≤ 50).
    expect(surveyOf(10000, null)).toMatchObject({ margin: 0.98, bound: true, small: false });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

const cand = (code: string, parent: string, hh: number, values: Record<string, number | null>, n = 50): PeerCandidate => ({
  code,
  name: code,
  parent,
  kind: 'community',
  context: { code, residents: hh * 3, households: hh, units: 1, urbanUnits: 1 },
  values,
  survey: surveyOf(n, 10)
});
const sat = indicators.find((i) => i.id === 'satisfaction_score')!;
const rate = indicators.find((i) => i.id === 'networked_share')!;

describe('peer sets and standings', () => {
  const all = Array.from({ length: 40 }, (_, i) =>
    cand(`u${String(i).padStart(2, '0')}`, i < 10 ? 'A' : 'B', 100 + i * 10, { satisfaction_score: 60 + i, networked_share: i })
  );
  it('three sets, never the place itself; the nearest are the closest by household size', () => {
    const sets = peerSets(all[20], all);
    const [parent, kind, nearest] = sets;
    expect(parent.peers.every((p) => p.parent === 'B' && p.code !== 'u20')).toBe(true);
    expect(parent.peers).toHaveLength(29);
    expect(kind.peers).toHaveLength(39);
    expect(nearest.peers).toHaveLength(15);
    // Sizes compare on a log scale: 310 households is nearer 300 than 290 is.
    const near = nearest.peers.map((p) => p.code);
    expect(near.slice(0, 3)).toEqual(['u21', 'u19', 'u22']);
    expect(near).not.toContain('u20');
    expect([...nearest.distance.values()].every((d, i, xs) => i === 0 || d >= xs[i - 1])).toBe(true);
  });
  it('a survey score is above or below the median only when its interval excludes it', () => {
    const peers = [60, 61, 62, 63, 64].map((v, i) => cand(`p${i}`, 'A', 100, { satisfaction_score: v }));
    const close = cand('x', 'A', 100, { satisfaction_score: 63 }, 50); // margin 2.77 around 63: includes 62
    const high = cand('y', 'A', 100, { satisfaction_score: 70 }, 50);
    expect(standings(close, peers, [sat])[0].verdict).toBe('same');
    expect(standings(high, peers, [sat])[0].verdict).toBe('above');
    expect(standings(high, peers, [sat])[0].position?.quartile).toBe(1);
    // Fewer than 30 households: marked, no position, never a strength.
    const small = cand('z', 'A', 100, { satisfaction_score: 90, networked_share: 1 }, 20);
    const s = standings(small, peers, [sat])[0];
    expect(s).toMatchObject({ small: true, position: null });
    expect(strengthsAmong(small, peers, [sat]).strengths).toEqual([]);
    expect(strengthsAmong(high, peers, [sat]).strengths.map((x) => x.id)).toEqual(['satisfaction_score']);
  });
  it('peers with fewer than 30 households are left out of a survey comparison', () => {
    const peers = [cand('p0', 'A', 100, { satisfaction_score: 10 }, 5), cand('p1', 'A', 100, { satisfaction_score: 60 })];
    const st = standings(cand('x', 'A', 100, { satisfaction_score: 70, networked_share: 5 }), peers, [sat, rate]);
    expect(st[0].median).toBe(60);
    expect(st[0].position?.n).toBe(1);
  });
});

describe('children table', () => {
  const rows: ChildRow[] = [
    { code: '3', name: '丙', units: 5, urban: null, values: { a: 2 }, survey: surveyOf(50, 10) },
    { code: '1', name: '甲', units: 9, urban: null, values: { a: null }, survey: null },
    { code: '2', name: '乙', units: 1, urban: null, values: { a: 7 }, survey: surveyOf(12, 10) }
  ];
  const nm = (r: ChildRow) => r.name;
  it('sorts by value with missing values last either way, filters by name or code', () => {
    expect(sortChildren(rows, '', { key: 'value', desc: true }, 'a', nm).map((r) => r.code)).toEqual(['2', '3', '1']);
    expect(sortChildren(rows, '', { key: 'value', desc: false }, 'a', nm).map((r) => r.code)).toEqual(['3', '2', '1']);
    expect(sortChildren(rows, '', { key: 'units', desc: false }, 'a', nm).map((r) => r.code)).toEqual(['2', '3', '1']);
    expect(sortChildren(rows, '乙', { key: 'code', desc: false }, 'a', nm).map((r) => r.code)).toEqual(['2']);
    expect(sortChildren(rows, '3', { key: 'code', desc: false }, 'a', nm).map((r) => r.code)).toEqual(['3']);
  });
  it('a survey score from fewer than 30 households is listed after the ranked rows', () => {
    expect(sortChildren(rows, '', { key: 'value', desc: true }, 'a', nm, true).map((r) => r.code)).toEqual(['3', '1', '2']);
  });
});

// ------------------------------------------------------------------ queries on native DuckDB

const DATA = 'static/data';
const YEARS = [2024, 2025];
let con: DuckDBConnection;
const have = existsSync(`${DATA}/units/2025/11.parquet`);

beforeAll(async () => {
  if (!have) return;
  con = await openDuck();
  // Earlier years are read in place by path (the browser registers them by the same paths).
  await con.run(`SET file_search_path = ${lit(DATA)}`);
  const files = [...YEARS.map((y) => `units/${y}/11.parquet`), 'names/11.parquet', 'streets.parquet', 'district.parquet'];
  for (const f of files) await con.run(`CREATE TABLE ${tableOf(f)} AS SELECT * FROM read_parquet(${lit(`${DATA}/${f}`)})`);
}, 120_000);
afterAll(() => con?.closeSync());

describe.skipIf(!have)('region queries on native DuckDB over the snapshot', () => {
  const summary = have
    ? (JSON.parse(readFileSync(`${DATA}/summary/110000.json`, 'utf8')) as { columns: string[]; rows: unknown[][] })
    : null;
  const summaryRow = (code: string, year: number) => {
    const r = summary!.rows.find((x) => x[0] === code && x[1] === year && x[2] === 'all')!;
    return Object.fromEntries(summary!.columns.map((c, i) => [c, r[i]])) as Record<string, number>;
  };
  it('a district aggregated from its units equals its summary row, every indicator', async () => {
    const got = await rows<Record<string, number>>(con, areaSeriesQuery('110101', YEARS).sql.text);
    expect(got.map((r) => Number(r.year))).toEqual(YEARS);
    for (const r of got) {
      const want = summaryRow('110101', Number(r.year));
      expect(Number(r.units)).toBe(want.units);
      for (const i of indicators) {
        if (want[i.id] === null) expect(r[i.id]).toBeNull();
        else expect(Number(r[i.id])).toBeCloseTo(want[i.id], 3);
      }
    }
  });
  it('a street of the province list equals its own aggregate; a unit its own row', async () => {
    const streets = await rows<Record<string, number | string>>(con, streetRowsQuery('11', 2025).sql.text);
    const s = streets.find((r) => r.code === '110101001')!;
    expect(s.name).toBe('东华门街道');
    const [agg] = (await rows<Record<string, number>>(con, areaSeriesQuery('110101001', YEARS).sql.text)).filter(
      (r) => Number(r.year) === 2025
    );
    for (const i of indicators) expect(s[i.id]).toEqual(agg[i.id]);
    const units = await rows<Record<string, number | string>>(con, unitRowsQuery('11', 2025).sql.text);
    const u = units.find((r) => r.code === '110101001001')!;
    expect(u).toMatchObject({ name: '多福巷社区居委会', street: '东华门街道' });
    const series = await rows<Record<string, number>>(con, unitSeriesQuery('110101001001', YEARS).sql.text);
    const [raw] = await rows<Record<string, number>>(
      con,
      `SELECT sat_overall, survey_n FROM units_2025_11 WHERE code = '110101001001'`
    );
    expect(Number(series[1].satisfaction_score)).toBeCloseTo(raw.sat_overall, 4);
    expect(Number(u.survey_n)).toBe(raw.survey_n);
    const [name] = await rows(con, placeNameQuery('110101001001').sql.text);
    expect(name).toMatchObject({ name: '多福巷社区居委会', street: '东华门街道' });
    const [street] = await rows(con, placeNameQuery('110101001').sql.text);
    expect(street).toMatchObject({ name: '东华门街道' });
    // An unknown unit finds no rows (the page then says so).
    expect(await rows(con, placeNameQuery('110101001999').sql.text)).toEqual([]);
    expect(await rows(con, unitSeriesQuery('110101001999', YEARS).sql.text)).toEqual([]);
    // Partitions are read in place by path (registered once by the browser), never copied into tables.
    expect(unitSeriesQuery('110101001001', YEARS)).toMatchObject({
      raw: ['units/2024/11.parquet', 'units/2025/11.parquet'],
      files: []
    });
  });
  it("regions' sizes for peers equal sums over their units", async () => {
    const ctx = await rows<Record<string, number | string>>(con, regionContextQuery('district', 2025).sql.text);
    const d = ctx.find((r) => r.code === '110101')!;
    const [want] = await rows<Record<string, number>>(
      con,
      `SELECT COUNT(*) AS units, SUM(urban) AS urban_units, SUM(households) AS households, SUM(residents) AS residents,
         SUM(survey_n) FILTER (WHERE sat_overall IS NOT NULL) AS survey_n FROM units_2025_11 WHERE starts_with(code, '110101')`
    );
    for (const k of ['units', 'urban_units', 'households', 'residents', 'survey_n']) expect(Number(d[k])).toBe(Number(want[k]));
  });
});
