// The indicator page's queries (src/lib/data/indicator-queries.ts) on native DuckDB over the snapshot
// in static/data: districts from the district aggregate and units from their partitions give the
// same values as the catalogue's formulas written out here, and a province's units are only its own.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDuck, rows } from '../../scripts/lib/duck';
import { districtPointsQuery, toPoints, unitPointsQuery } from '../../src/lib/data/indicator-queries';
import { indicator } from '../../src/lib/indicators/catalogue';
import { tableOf } from '../../src/lib/data/snapshots';

const DATA = 'static/data';
const ind = indicator('certified_share');
const compare = indicator('households_per_worker');
let con: DuckDBConnection;

beforeAll(async () => {
  if (!existsSync(`${DATA}/district.parquet`)) throw new Error(`${DATA} is missing: run \`npm run data\` first`);
  con = await openDuck();
  // The tables the browser creates for these files (snapshots.ts: one table per file).
  for (const f of ['district.parquet', 'units/2025/44.parquet', 'units/2025/46.parquet'])
    await con.run(`CREATE VIEW ${tableOf(f)} AS SELECT * FROM read_parquet('${DATA}/${f}')`);
});
afterAll(() => con?.closeSync());

describe('indicator page queries on native DuckDB', () => {
  it('districts of Guangdong: certified / workers summed over each district, urban only', async () => {
    const q = districtPointsQuery({ year: 2025, type: 'urban', within: '440000', ind, compare });
    const got = toPoints(await rows(con, q.sql.text));
    const want = await rows<{ code: string; v: number; c: number }>(
      con,
      `SELECT district AS code, 100 * SUM(certified_share__n) / SUM(certified_share__d) AS v
       FROM district WHERE year = 2025 AND province = '44' AND urban = 1
       GROUP BY district ORDER BY district`
    );
    expect(got.codes).toEqual(want.map((r) => r.code));
    want.forEach((r, i) => expect(got.values[i]).toBeCloseTo(Number(r.v), 9));
  });

  it('units of a province: each unit its own value, only that province', async () => {
    const q = unitPointsQuery({ year: 2025, type: 'all', within: '460000', ind, compare }, ['44', '46']);
    expect(q.files).toEqual(['units/2025/46.parquet']);
    const got = toPoints(await rows(con, q.sql.text));
    const [want] = await rows<{ n: number; s: number; sc: number }>(
      con,
      `SELECT count(*) AS n, sum(100.0 * workers_certified / NULLIF(workers, 0)) AS s,
              sum(households::DOUBLE / NULLIF(workers, 0)) AS sc
       FROM units_2025_46
       WHERE 100.0 * workers_certified / NULLIF(workers, 0) IS NOT NULL OR households / NULLIF(workers, 0) IS NOT NULL`
    );
    expect(got.codes.length).toBe(Number(want.n));
    expect(got.codes.every((c) => c.startsWith('46') && c.length === 6)).toBe(true);
    const sum = (a: Float64Array) => a.reduce((s, v) => (Number.isFinite(v) ? s + v : s), 0);
    expect(sum(got.values)).toBeCloseTo(Number(want.s), 6);
    expect(sum(got.compare)).toBeCloseTo(Number(want.sc), 6);
  });
});
