// The site's real queries (src/lib/data/queries.ts) on native DuckDB over a small snapshot built by
// scripts/build-snapshots.ts: a region's value equals the value computed directly from its units,
// the counts of units meeting each target agree with the traffic-light rule of status.ts, and the
// per-region summaries hold the same numbers.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDuck, rows, lit } from '../../scripts/lib/duck';
import { buildSnapshots } from '../../scripts/build-snapshots';
import { regionValuesQuery, unitValuesQuery, type Summary } from '../../src/lib/data/queries';
import { indicators, indicator } from '../../src/lib/indicators/catalogue';
import { selectAggregates, unitExpr } from '../../src/lib/indicators/sql';
import { lightFor, targetFor } from '../../src/lib/indicators/status';
import { levelOf, type UnitType } from '../../src/lib/data/regions';

const BASE = 'data/generated/base.parquet'; // built by `npm run data` (npm test builds it first)
const tmp = mkdtempSync(join(tmpdir(), 'queries-test-'));
let con: DuckDBConnection;

beforeAll(async () => {
  if (!existsSync(BASE)) throw new Error(`${BASE} is missing: run \`npm run data\` first`);
  // A small country: Beijing's Dongcheng, Shenzhen (city with districts), Dongguan (city without).
  const prep = await openDuck();
  await prep.run(`COPY (SELECT * FROM read_parquet(${lit(BASE)})
                  WHERE substr(code, 1, 6) = '110101' OR substr(code, 1, 4) IN ('4403', '4419'))
                  TO ${lit(join(tmp, 'base.parquet'))} (FORMAT PARQUET)`);
  prep.closeSync();
  await buildSnapshots(join(tmp, 'base.parquet'), join(tmp, 'data'), { demo: true });
  con = await openDuck();
  await con.run(`CREATE TABLE district AS SELECT * FROM read_parquet(${lit(join(tmp, 'data/district.parquet'))})`);
  await con.run(`CREATE VIEW units AS SELECT * FROM read_parquet(${lit(join(tmp, 'data/units/*/*.parquet'))})`);
}, 120_000);
afterAll(() => {
  con?.closeSync();
  rmSync(tmp, { recursive: true, force: true });
});

const typeSql = (t: UnitType) => (t === 'urban' ? 'urban = 1' : t === 'rural' ? 'urban = 0' : 'TRUE');
const prefixOf = (code: string) => {
  const l = levelOf(code);
  return l === 'nation' ? '' : l === 'province' ? code.slice(0, 2) : l === 'city' ? code.slice(0, 4) : code;
};
const cases = [
  ['000000', 'nation'],
  ['440000', 'province'],
  ['440300', 'city'],
  ['440305', 'district'],
  ['441900', 'city'], // 东莞: a city that holds units directly
  ['110000', 'province'],
  ['110101', 'district']
] as const;

describe('api queries on native DuckDB', () => {
  it.each(cases)('%s: every indicator equals the value computed from its units', async (code, level) => {
    for (const type of ['all', 'urban', 'rural'] as const) {
      const [got] = await rows<Record<string, number | null>>(
        con,
        regionValuesQuery({ level, within: code, year: 2025, type }).sql.text
      );
      const [want] = await rows<Record<string, number | null>>(
        con,
        `SELECT count(*) AS units, ${selectAggregates()} FROM units
         WHERE year = 2025 AND starts_with(code, '${prefixOf(code)}') AND ${typeSql(type)}`
      );
      if (Number(want.units) === 0) {
        expect(type).not.toBe('all'); // e.g. an all-urban district has no villages: no row at all
        expect(got).toBeUndefined();
        continue;
      }
      expect(Number(got.units)).toBe(Number(want.units));
      for (const ind of indicators) {
        if (want[ind.id] === null) expect(got[ind.id]).toBeNull();
        else expect(Number(got[ind.id])).toBeCloseTo(Number(want[ind.id]), 6);
      }
    }
  });

  it('units meeting each target agree with the traffic-light rule of status.ts', async () => {
    for (const [code, level] of cases) {
      const [got] = await rows<Record<string, number>>(
        con,
        regionValuesQuery({ level, within: code, year: 2025, type: 'all' }).sql.text
      );
      for (const ind of indicators.filter((i) => i.target && i.direction !== 0)) {
        const units = await rows<{ urban: number; v: number | null }>(
          con,
          `SELECT urban, ${unitExpr(ind)} AS v FROM units WHERE year = 2025 AND starts_with(code, '${prefixOf(code)}')`
        );
        const withValue = units.filter((u) => u.v !== null && Number.isFinite(Number(u.v)));
        const met = withValue.filter(
          (u) => lightFor(ind, Number(u.v), targetFor(ind, { urban: Number(u.urban), rural: 1 - Number(u.urban) })) === 'green'
        );
        expect(Number(got[`${ind.id}__has`]), `${code} ${ind.id} has`).toBe(withValue.length);
        expect(Number(got[`${ind.id}__met`]), `${code} ${ind.id} met`).toBe(met.length);
      }
    }
  });

  it('the summaries the overview reads hold the same values as the queries', async () => {
    const read = (c: string) => JSON.parse(readFileSync(join(tmp, 'data/summary', `${c}.json`), 'utf8')) as Summary;
    const shenzhen = read('440300');
    const col = (name: string) => shenzhen.columns.indexOf(name);
    const row = shenzhen.rows.find((r) => r[col('code')] === '440305' && r[col('year')] === 2025 && r[col('type')] === 'urban')!;
    const [q] = await rows<Record<string, number>>(
      con,
      regionValuesQuery({ level: 'district', within: '440305', year: 2025, type: 'urban' }).sql.text
    );
    for (const ind of indicators) if (q[ind.id] !== null) expect(Number(row[col(ind.id)])).toBeCloseTo(Number(q[ind.id]), 3);
    // Guangdong's file lists each city once (a city without districts is not repeated as a district).
    const gd = read('440000');
    const codes = gd.rows.filter((r) => r[0] !== '440000' && r[1] === 2025 && r[2] === 'all').map((r) => r[0]);
    expect(codes.sort()).toEqual(['440300', '441900']);
  });

  it("a district's unit list has every unit with its own value", async () => {
    const ind = indicator('certified_share');
    const q = unitValuesQuery('440305', 2025, 'all', ind);
    // The site registers files as tables; here the same names are views over the snapshot files.
    for (const f of q.files)
      await con.run(`CREATE OR REPLACE VIEW ${f.replace(/\.parquet$/, '').replace(/[^a-z0-9]+/gi, '_')} AS
                     SELECT * FROM read_parquet(${lit(join(tmp, 'data', f))})`);
    const list = await rows<{ code: string; value: number | null }>(con, q.sql.text);
    const [n] = await rows<{ n: number }>(
      con,
      `SELECT count(*) AS n FROM units WHERE year = 2025 AND starts_with(code, '440305')`
    );
    expect(list.length).toBe(Number(n.n));
    expect(list.every((u) => u.code.startsWith('440305'))).toBe(true);
  });

  it('values that are not codes or years never reach SQL', () => {
    expect(() => regionValuesQuery({ level: 'district', within: "440305' OR '1'='1", type: 'all' })).toThrow(/region code/);
    expect(() => unitValuesQuery('440305', 2025.5, 'all', indicator('certified_share'))).toThrow(/year/);
  });
});
