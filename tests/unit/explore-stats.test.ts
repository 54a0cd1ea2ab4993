// The explorer's statistics: Pearson, Spearman and the least-squares line against hand-computed
// values; moments centred on any constant give the same answer; nice bins; and the explorer's SQL
// (cube sums, rank correlation, brush bins) on native DuckDB gives the same figures as the pure code.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  averageRanks,
  binRange,
  fitFromMoments,
  moments,
  niceBins,
  niceStep,
  pearson,
  spearman
} from '../../src/lib/explore/stats';

describe('statistics by hand', () => {
  it('Pearson and the fitted line', () => {
    // x = 1..5, y = 2, 4, 5, 4, 5: x̄ = 3, ȳ = 4, Sxx = 10, Syy = 6, Sxy = 6.
    const f = pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
    expect(f.n).toBe(5);
    expect(f.slope).toBeCloseTo(0.6, 12);
    expect(f.intercept).toBeCloseTo(2.2, 12);
    expect(f.r).toBeCloseTo(6 / Math.sqrt(60), 12);
  });
  it('a perfect line and a constant', () => {
    expect(pearson([1, 2, 3], [5, 3, 1]).r).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3], [7, 7, 7]).r).toBeNull();
    expect(pearson([2, 2, 2], [1, 2, 3]).slope).toBeNull();
    expect(pearson([1], [1]).r).toBeNull();
  });
  it('skips pairs with a missing value', () => {
    expect(pearson([1, 2, null, 3], [1, 2, 100, 3]).r).toBeCloseTo(1, 12);
    expect(pearson([1, 2, null, 3], [1, 2, 100, 3]).n).toBe(3);
  });
  it('centring on a constant changes nothing', () => {
    const xs = [1e6 + 1, 1e6 + 2, 1e6 + 3, 1e6 + 4, 1e6 + 5];
    const ys = [2, 4, 5, 4, 5];
    const f = fitFromMoments(moments(xs, ys, 1e6 + 3, 4), 1e6 + 3, 4);
    expect(f.r).toBeCloseTo(6 / Math.sqrt(60), 10);
    expect(f.slope).toBeCloseTo(0.6, 10);
    expect(f.intercept).toBeCloseTo(4 - 0.6 * (1e6 + 3), 4);
  });
  it('average ranks and Spearman', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    // Monotone but not linear: rho = 1, r < 1.
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 100])).toBeCloseTo(1, 12);
    // x = 1..5, y = 5, 6, 7, 8, 7 → ranks of y = 1, 2, 3.5, 5, 3.5 (the tie shares 3.5). Both rank
    // means are 3; deviations x: −2 −1 0 1 2, y: −2 −1 0.5 2 0.5; Sxy = 4+1+0+2+1 = 8, Sxx = 10,
    // Syy = 4+1+0.25+4+0.25 = 9.5; rho = 8 / √95.
    expect(averageRanks([5, 6, 7, 8, 7])).toEqual([1, 2, 3.5, 5, 3.5]);
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 12);
  });
  it('nice bins cover the range and snap a value range to whole bins', () => {
    expect(niceStep(3.3)).toBe(5);
    expect(niceStep(0.23)).toBe(0.25);
    expect(niceStep(0.07)).toBe(0.1);
    const b = niceBins(63.3, 100, 30);
    expect(b.step).toBe(2);
    expect(b.lo).toBe(62);
    expect(b.lo + (b.count - 1) * b.step).toBeLessThanOrEqual(100);
    expect(b.lo + b.count * b.step).toBeGreaterThan(100);
    expect(binRange(b, 70, 80)).toEqual([4, 8]);
    expect(binRange(b, 71, 79.5)).toEqual([4, 8]);
    expect(binRange(b, 0, 1000)).toEqual([0, b.count - 1]);
    expect(niceBins(5, 5)).toEqual({ lo: 5, step: 1, count: 1 });
  });
});

// The explorer's SQL on native DuckDB over a small table shaped like a unit partition.
import { binsIndexSql, cubeBinsSql, spearmanSql, unitFiles, filterWhere, type BinRange } from '../../src/lib/explore/queries';
import { cubeIndexes } from '../../src/lib/explore/answer';
import { toColumns } from '../../src/lib/data/query';
import { defaultState } from '../../src/lib/explore/state';
import { unitExpr } from '../../src/lib/indicators/sql';
import { indicator } from '../../src/lib/indicators/catalogue';

let con: DuckDBConnection;
beforeAll(async () => {
  con = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => con?.closeSync?.());

const rows = async (text: string) =>
  (await con.runAndReadAll(text)).getRowObjectsJson() as unknown as Record<string, string | number | null>[];

describe('explorer SQL against the pure statistics', () => {
  it('cube sums give Pearson and the fit; the rank query gives Spearman', async () => {
    const s = {
      ...defaultState([2025]),
      hist: 'satisfaction_score',
      scatterX: 'certified_share',
      scatterY: 'satisfaction_score'
    };
    const [file] = unitFiles({ ...s, regions: ['440000'] }, ['44']);
    // The queries read the partition's Parquet file by its path under the data folder.
    const dir = mkdtempSync(join(tmpdir(), 'cgo-explore-'));
    mkdirSync(join(dir, 'units/2025'), { recursive: true });
    await con.run(`SET file_search_path = '${dir}'`);
    const table = 'unit_rows';
    // certified_share = 100·workers_certified/workers; satisfaction_score from sat_overall.
    const data = [
      [10, 1, 70, 'a'],
      [10, 3, 80, 'b'],
      [10, 5, 75, 'c'],
      [10, 7, 90, 'd'],
      [10, 9, 85, 'e'],
      [10, 9, 95, 'f']
    ];
    await con.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM (VALUES ${data
        .map(([w, c, sat], i) => `('44010100100${i}', 2025::SMALLINT, 1::TINYINT, 300, ${w}, ${c}, ${sat}::FLOAT, 30)`)
        .join(',')}) t(code, year, urban, households, workers, workers_certified, sat_overall, survey_n)`
    );
    await con.run(`COPY ${table} TO '${join(dir, file)}' (FORMAT PARQUET)`);
    const xs = data.map((d) => (100 * Number(d[1])) / Number(d[0]));
    const ys = data.map((d) => Number(d[2]));
    const check = await rows(`SELECT ${unitExpr(indicator('satisfaction_score'))} AS y FROM ${table} ORDER BY code`);
    expect(check.map((r) => Number(r.y))).toEqual(ys);
    const layout = { hist: niceBins(70, 95, 5), x: niceBins(10, 90, 4), y: niceBins(70, 95, 4), cx: 50, cy: 80 };
    await con.run(cubeBinsSql('cube', s, [file], layout, 1).sql.text);
    // The cube's rows as the page's index (no scatter cube here: an empty one).
    const none = new Float64Array(0);
    const empty = { bx: none, by: none, b: none, n: none };
    const index = cubeIndexes(toColumns(await rows(binsIndexSql('cube').sql.text)), empty).bins;
    const momentsIn = (r: BinRange) => {
      const [units, n, sx, sy, sxx, syy, sxy] = index.sums(r).map((c) => c[0] ?? 0);
      return { units, n, sx, sy, sxx, syy, sxy };
    };
    const m = momentsIn(null);
    const f = fitFromMoments(
      { n: Number(m.n), sx: Number(m.sx), sy: Number(m.sy), sxx: Number(m.sxx), syy: Number(m.syy), sxy: Number(m.sxy) },
      50,
      80
    );
    const ref = pearson(xs, ys);
    expect(Number(m.units)).toBe(6);
    expect(f.r).toBeCloseTo(ref.r!, 10);
    expect(f.slope).toBeCloseTo(ref.slope!, 10);
    expect(f.intercept).toBeCloseTo(ref.intercept!, 10);
    // A brush on bins of satisfaction ≥ 80 (bins of 5 from 70: bins 2..5).
    const mb = momentsIn([2, 5]);
    expect(Number(mb.units)).toBe(ys.filter((y) => y >= 80).length);
    const [rho] = await rows(spearmanSql(s, [file], layout.hist, null).sql.text);
    expect(Number(rho.rho)).toBeCloseTo(spearman(xs, ys)!, 10);
    expect(Number(rho.n)).toBe(6);
    // Filters become SQL conditions (region prefix, type, value range).
    expect(filterWhere({ ...s, regions: ['440100'], type: 'rural', value: { ind: 'ledgers', lo: 1, hi: null } }).text).toMatch(
      /starts_with\(code, '4401'\).*urban = 0.*>= 1/
    );
  });
});
