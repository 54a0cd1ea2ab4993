// Query times inside the page (DuckDB-WASM, one thread) against native DuckDB (@duckdb/node-api)
// on the same files with the same SQL, in the same run, with 1 and 2 threads.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { selectFromPartials } from '../../src/lib/indicators/sql';
import { indicator } from '../../src/lib/indicators/catalogue';
import type { Manifest } from '../../src/lib/data/manifest';
import { RUNS, median, ms, ratio, readyPage, type Row } from './common';

/** What a drill-down into Guangdong asks: its cities' values of all indicators for one year. */
const DRILL_SQL = (t: string) =>
  `SELECT city || '00' AS code, SUM(units) AS units, ${selectFromPartials([indicator('certified_share')])} FROM ${t} WHERE year = 2025 AND province = '44' GROUP BY ALL ORDER BY code`;
const DISTRICT_SQL = (t: string) =>
  `SELECT province, year, ${selectFromPartials()} FROM ${t} GROUP BY ALL ORDER BY province, year`;
const ALL_UNITS_SQL = (src: string) =>
  `SELECT year, substr(code, 1, 2) AS province, urban, count(*) AS units, sum(residents) AS residents,
          100.0 * sum(has_facility) / count(*) AS facility_coverage, 10000.0 * sum(workers) / sum(residents) AS workers_per_10k,
          100.0 * sum(workers_certified) / sum(workers) AS certified_share, sum(sat_overall * survey_n) / sum(survey_n) AS satisfaction,
          avg(admin_items) AS admin_items
   FROM ${src} GROUP BY ALL ORDER BY ALL`;

const PARQUET = (files: string[]) => `read_parquet([${files.map((f) => `'${f}'`).join(',')}])`;
const CREATE_UNITS = (src: string) =>
  `CREATE OR REPLACE TABLE units_all AS SELECT code, year, urban, residents, has_facility, workers, workers_certified, sat_overall, survey_n, admin_items FROM ${src}`;

type Cgo = { sql: (s: string, f?: string[]) => Promise<unknown[]>; register: (f: string[]) => Promise<void> };

async function wasmTimes(browser: Browser, url: string, unitFiles: string[]) {
  const { ctx, page } = await readyPage(browser, url);
  const wasm = await page.evaluate(
    async ({ districtSql, allSql, files, runs, createSql, tableSql, drillSql }) => {
      const api = (window as unknown as { __cgo: Cgo }).__cgo;
      const time = async (f: () => Promise<unknown>) => {
        const t = performance.now();
        await f();
        return performance.now() - t;
      };
      const repeat = async (sql: string) => {
        const xs: number[] = [];
        for (let i = 0; i < runs; i++) xs.push(await time(() => api.sql(sql + ` -- ${i}`)));
        return xs;
      };
      await api.sql('SELECT 1', ['district.parquet']);
      const district = await repeat(districtSql);
      const drill = await repeat(drillSql);
      const load = await time(() => api.register(files));
      const all = await repeat(allSql);
      const tableLoad = await time(() => api.sql(createSql));
      const table = await repeat(tableSql);
      return { district, all, load, table, tableLoad, drill };
    },
    {
      drillSql: DRILL_SQL('district'),
      districtSql: DISTRICT_SQL('district'),
      allSql: ALL_UNITS_SQL(PARQUET(unitFiles)),
      files: unitFiles,
      runs: RUNS,
      createSql: CREATE_UNITS(PARQUET(unitFiles)),
      tableSql: ALL_UNITS_SQL('units_all')
    }
  );
  await ctx.close();
  return wasm;
}

async function native(threads: number, unitFiles: string[]) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await instance.connect();
  await con.run(`CREATE TABLE district AS SELECT * FROM read_parquet('static/data/district.parquet')`);
  const repeat = async (sql: string) => {
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await con.runAndReadAll(sql);
      xs.push(performance.now() - t);
    }
    return median(xs);
  };
  const district = await repeat(DISTRICT_SQL('district'));
  const drill = await repeat(DRILL_SQL('district'));
  const src = PARQUET(unitFiles.map((f) => `static/data/${f}`));
  const all = await repeat(ALL_UNITS_SQL(src));
  await con.run(CREATE_UNITS(src));
  const table = await repeat(ALL_UNITS_SQL('units_all'));
  con.closeSync();
  instance.closeSync();
  return { district, all, table, drill };
}

export async function queryBench(browser: Browser, url: string): Promise<Row[]> {
  const manifest: Manifest = JSON.parse(readFileSync('static/data/manifest.json', 'utf8'));
  const unitFiles = manifest.files.filter((f) => f.path.startsWith('units/')).map((f) => f.path);
  const wasm = await wasmTimes(browser, url, unitFiles);
  const n1 = await native(1, unitFiles);
  const n2 = await native(2, unitFiles);
  const w = (k: 'district' | 'all' | 'table' | 'drill') => median(wasm[k]);
  const vs = (k: 'district' | 'all' | 'table' | 'drill') =>
    `${ms(w(k))} | native ${ms(n1[k])} (1 thr), ${ms(n2[k])} (2 thr) | ${ratio(w(k), n1[k])} / ${ratio(w(k), n2[k])}`;
  const s = 'queries: wasm vs native';
  return [
    [s, "drill-down query (Guangdong's cities)", vs('drill'), 'wasm ≤ 16 ms'],
    [s, 'district-level group-by', vs('district')],
    [s, `all ${manifest.unitYears.toLocaleString('en')} unit-years, Parquet`, vs('all'), '≤ 1.5× same threads'],
    [s, 'all unit-years, in-memory table', vs('table')],
    [s, `fetch ${unitFiles.length} unit partitions into wasm`, ms(wasm.load)],
    [s, 'build the in-memory table in wasm', ms(wasm.tableLoad)]
  ];
}
