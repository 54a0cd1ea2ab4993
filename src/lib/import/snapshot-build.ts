// The snapshot SQL: from a table of validated unit-years to the files the site reads (unit and name
// partitions, the search index, the district pre-aggregate, per-region summaries). One code path for
// both engines: scripts/build-snapshots.ts runs it on native DuckDB into a folder, and the /import/
// page runs it on DuckDB-WASM into the browser's memory (./local-build.ts). Each engine supplies how
// a file is written and how pinyin initials are made; the SQL is the same text.
import { indicators, baseColumns } from '../indicators/catalogue';
import { partialExprs, unitExpr, quoteIdent } from '../indicators/sql';
import { inside, regionValuesQuery, summaryCode, type Summary } from '../data/queries';
import { levelOf, NATION } from '../data/regions';
import { allColumns } from './validate';
import type { Value } from '../types';
import { inSlices } from '../schedule';
import type { Manifest, ManifestFile, YearTotals } from '../data/manifest';

/** What the snapshot SQL needs from an engine. */
export interface SnapshotDb {
  run(sql: string): Promise<void>;
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** The SQL string literal naming where snapshot file `path` (e.g. "units/2025/11.parquet") is written;
   *  its folder exists afterwards. */
  target(path: string): Promise<string>;
  /** Writes a text file of the snapshot (summaries). */
  write(path: string, text: string): Promise<void>;
  /** Creates table `${table}_ini(code, initials)` for the (code, name) rows of `table`. */
  initials(table: string): Promise<void>;
}

/** SQL string literal. */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const PARQUET = `(FORMAT PARQUET, COMPRESSION ZSTD)`;

/** The validated rows as the import writes them (CSV, catalogue column order, header) read with their types. */
export function validatedCsvSql(table: string, path: string): string {
  const types = allColumns.map((c) => `${lit(c.name)}: ${lit(c.type === 'REAL' ? 'FLOAT' : c.type)}`).join(', ');
  return `CREATE TABLE ${table} AS SELECT * FROM read_csv(${lit(path)}, header = true, auto_detect = false, delim = ',',
            quote = '"', escape = '"', nullstr = '', columns = {${types}})`;
}

/** SQL for "this unit meets its target" (1/0, NULL without a value). */
function metExpr(id: string): string {
  const ind = indicators.find((i) => i.id === id)!;
  const t = ind.target!;
  const target = t.byType ? `CASE WHEN urban = 1 THEN ${t.byType.urban} ELSE ${t.byType.rural} END` : String(t.value);
  const v = `(${unitExpr(ind)})`;
  const cmp = ind.direction > 0 ? `${v} >= ${target} - 1e-9` : `${v} <= ${target} + 1e-9`;
  return `CASE WHEN ${v} IS NULL THEN NULL WHEN ${cmp} THEN 1 ELSE 0 END`;
}

export interface Built {
  years: number[];
  provinces: string[];
  summaries: number;
  totals: YearTotals[];
  units: number;
  unitYears: number;
}

/**
 * Every data file of a snapshot from `base` (a relation of unit-years: code, year, urban, name and the
 * base columns) and `streets` (a relation of streets: code, name, initials). Leaves the tables `b`
 * (the unit-years with their region codes) and `district` (the pre-aggregate) behind.
 */
export async function buildSnapshotFiles(db: SnapshotDb, base: string, streets: string): Promise<Built> {
  await db.run(`CREATE TABLE b AS SELECT *, substr(code, 1, 2) AS province, substr(code, 1, 4) AS city,
                  substr(code, 1, 6) AS district, substr(code, 1, 9) AS street FROM ${base}`);
  const years = (await db.rows<{ year: number }>('SELECT DISTINCT year FROM b ORDER BY year')).map((r) => Number(r.year));
  const provinces = (await db.rows<{ p: string }>('SELECT DISTINCT province AS p FROM b ORDER BY p')).map((r) => r.p);

  // 1. Unit level: one file per year and province, base columns only (indicators are computed by SQL).
  const cols = ['code', 'year', 'urban', ...baseColumns.map((c) => c.name)].map(quoteIdent).join(', ');
  for (const y of years)
    for (const p of provinces)
      await db.run(`COPY (SELECT ${cols} FROM b WHERE year = ${Number(y)} AND province = ${lit(p)} ORDER BY code)
                    TO ${await db.target(`units/${y}/${p}.parquet`)} ${PARQUET}`);

  // 2. Names per province (unit lists, search) with pinyin initials.
  await db.run(
    `CREATE TABLE nm AS SELECT code, any_value(name) AS name, any_value(urban) AS urban, any_value(province) AS province FROM b GROUP BY code`
  );
  await db.initials('nm');
  for (const p of provinces)
    await db.run(`COPY (SELECT code, name, urban, initials FROM nm JOIN nm_ini USING (code) WHERE province = ${lit(p)} ORDER BY code)
                  TO ${await db.target(`names/${p}.parquet`)} ${PARQUET}`);
  // Search index: one line per street and unit, "code<TAB>name<TAB>initials<TAB>kind" (s street,
  // u urban community, r village), read by the search worker (src/lib/search) without DuckDB.
  await db.run(`COPY (SELECT code, name, initials, kind FROM (
                  SELECT code, name, initials, 's' AS kind FROM ${streets}
                  UNION ALL SELECT code, name, initials, CASE WHEN urban = 1 THEN 'u' ELSE 'r' END FROM nm JOIN nm_ini USING (code))
                ORDER BY code) TO ${await db.target('search.tsv')} (FORMAT CSV, DELIMITER '\t', HEADER false)`);

  // 3. District aggregate: partial sums of every indicator by year × district × urban (Mosaic-style
  //    pre-aggregation: any coarser level is a SUM over it), plus units meeting each target.
  const partials = indicators.flatMap(partialExprs).join(',\n ');
  const met = indicators
    .filter((i) => i.target && i.direction !== 0)
    .map(
      (i) =>
        `SUM(${metExpr(i.id)})::INTEGER AS ${quoteIdent(i.id + '__met')}, COUNT(${metExpr(i.id)})::INTEGER AS ${quoteIdent(i.id + '__has')}`
    )
    .join(',\n ');
  await db.run(`CREATE TABLE district AS SELECT year, province, city, district, urban, count(*)::INTEGER AS units,
                  sum(households)::BIGINT AS households, sum(residents)::BIGINT AS residents, ${partials}, ${met}
                FROM b GROUP BY ALL ORDER BY year, district, urban`);
  await db.run(`COPY (FROM district) TO ${await db.target('district.parquet')} ${PARQUET}`);

  // 4. Per-region summaries (first screen and every view down to the district, without DuckDB-WASM).
  const summaries = await groupSummaries(await summaryRows(db));
  for (const [code, s] of summaries) await db.write(`summary/${code}.json`, JSON.stringify(s));

  // 5. National totals per year (the method page sets them beside the official figures).
  const totals = (
    await db.rows<YearTotals>(
      `SELECT year, count(*)::INTEGER AS units, sum(urban)::INTEGER AS urban_units, sum(households)::BIGINT AS households,
              sum(residents)::BIGINT AS residents FROM b GROUP BY year ORDER BY year`
    )
  ).map((r) => ({
    year: Number(r.year),
    units: Number(r.units),
    urban_units: Number(r.urban_units),
    households: Number(r.households),
    residents: Number(r.residents)
  }));
  const [{ n, u }] = await db.rows<{ n: number; u: number }>('SELECT count(*) AS n, count(DISTINCT code) AS u FROM b');
  return { years, provinces, summaries: summaries.size, totals, units: Number(u), unitYears: Number(n) };
}

/** The manifest of a snapshot: its facts and every file with rows, bytes and content hash. */
export function manifestOf(
  built: Built,
  files: ManifestFile[],
  opts: { demo: boolean; seed?: number; version?: string; at?: Date }
): Manifest {
  return {
    version: 1,
    demo: opts.demo,
    seed: opts.seed ?? null,
    dataVersion: opts.version ?? null,
    built: (opts.at ?? new Date()).toISOString(),
    years: built.years,
    provinces: built.provinces,
    unitYears: built.unitYears,
    totals: built.totals,
    units: built.units,
    indicators: indicators.map((i) => i.id),
    files
  };
}

/** info.json: the tiny summary every page reads first (demo label, years). */
export const infoOf = (m: Manifest) => ({
  demo: m.demo,
  built: m.built,
  years: m.years,
  provinces: m.provinces,
  units: m.units,
  unitYears: m.unitYears
});

// ------------------------------------------------------------------ per-region summaries

/** Numbers to 6 significant digits (the site shows at most 2 decimals); counts stay exact. */
const compact = (v: unknown): Value =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : Number(Number(v).toPrecision(6));

/** Every region's values, every year and type: the site's own region query over the table `district`. */
async function summaryRows(db: SnapshotDb): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (const level of ['nation', 'province', 'city', 'district'] as const)
    for (const type of ['all', 'urban', 'rural'] as const) {
      const found = await db.rows(regionValuesQuery({ level, within: NATION, type }).sql.text);
      // A city without districts (东莞 441900) is also its own "district": keep it once, as the city.
      all.push(...found.filter((r) => levelOf(String(r.code)) === level));
    }
  if (!all.length) throw new Error('summaries: the district aggregate is empty');
  return all;
}

/** The summary files: for the nation, each province and each city of a non-municipal province, the
 *  region's own rows and its children's (the regions its map shows). In slices that yield: in the
 *  browser this runs on the page's thread. */
export async function groupSummaries(all: Record<string, unknown>[]): Promise<Map<string, Summary>> {
  const columns = Object.keys(all[0]);
  const files = new Map<string, Value[][]>();
  const add = (file: string, row: Record<string, unknown>) => {
    let list = files.get(file);
    if (!list) files.set(file, (list = []));
    list.push(columns.map((c) => (c === 'code' || c === 'type' ? String(row[c]) : compact(row[c]))));
  };
  await inSlices(all, (row) => {
    const code = String(row.code);
    const level = levelOf(code);
    // Its own file, when it has one (nation, province, city of a non-municipal province)…
    if (level !== 'district' && summaryCode(code) === code) add(code, row);
    // …and its parent's file, as one of the children the parent's map shows.
    const parent = level === 'nation' ? null : summaryCode(level === 'province' ? NATION : parentFor(code));
    if (parent && parent !== code && inside(parent, code)) add(parent, row);
  });
  return new Map([...files].map(([code, rows]) => [code, { columns, rows }]));
}

/** The region whose map shows `code`: the province for a city, the city (or municipality) for a district. */
function parentFor(code: string): string {
  return levelOf(code) === 'city' ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
}
