// The indicator page's questions: one indicator (and the comparison indicator of the scatter) for
// every district, or for every community and village, of a region in one year. Values come from the
// catalogue's SQL — the district pre-aggregate's partial sums, or each unit's own row (unitExpr) —
// so the distribution, box plots and scatter are over the same numbers the rest of the site shows.
// Pure query builders (the browser runs them on DuckDB-WASM, the tests on native DuckDB) and the
// typed functions the page calls. Relative imports: tests load this file under Node.
import type { Indicator } from '../indicators/catalogue';
import { fromPartialsExpr, unitExpr } from '../indicators/sql';
import { tableOf } from './snapshots';
import { code6, list, sql, trusted, year as checkYear, type Sql } from './sql';
import { DISTRICT, typeWhere, type Query } from './queries';
import { runQuery, type Row } from './query';
import type { UnitType } from './regions';

export interface PointsOptions {
  year: number;
  type: UnitType;
  /** The nation (000000) or a province (XX0000). */
  within: string;
  ind: Indicator;
  compare: Indicator;
}

/** A province's two-digit prefix, or '' for the nation. */
function prefixOf(within: string): string {
  const c = code6(within);
  if (c === '000000') return '';
  if (!c.endsWith('0000')) throw new Error(`not the nation or a province: ${c}`);
  return c.slice(0, 2);
}

/**
 * One row per district of the region: `code` (district), `v` (the indicator) and `c` (the comparison
 * indicator), each from the district aggregate's partial sums for the year and type.
 */
export function districtPointsQuery(o: PointsOptions): Query {
  const p = prefixOf(o.within);
  const scope = p ? sql`province = ${p}` : trusted('TRUE');
  return {
    sql: sql`SELECT district AS code, ${trusted(fromPartialsExpr(o.ind))} AS v, ${trusted(fromPartialsExpr(o.compare))} AS c
      FROM ${trusted(tableOf(DISTRICT))}
      WHERE year = ${checkYear(o.year)} AND ${scope} AND ${typeWhere(o.type)}
      GROUP BY district ORDER BY district`,
    files: [DISTRICT]
  };
}

/** The unit partitions of a year for the given provinces (two-digit prefixes). */
export const unitFiles = (year: number, provinces: string[]): string[] =>
  provinces.map((p) => `units/${checkYear(year)}/${p}.parquet`);

/**
 * One row per community or village of the region with a value of either indicator: `code` (its
 * district), `v` and `c` (each unit's own value, the catalogue's unitExpr). Reads one unit
 * partition per province held (all of them for the nation).
 */
export function unitPointsQuery(o: PointsOptions, provinces: string[]): Query {
  const p = prefixOf(o.within);
  const held = p ? provinces.filter((q) => q === p) : provinces;
  const files = unitFiles(o.year, held);
  if (!files.length) return { sql: trusted('SELECT NULL::VARCHAR AS code, NULL::DOUBLE AS v, NULL::DOUBLE AS c WHERE FALSE'), files };
  const tables: Sql[] = files.map((f) => sql`SELECT * FROM ${trusted(tableOf(f))}`);
  const v = trusted(unitExpr(o.ind));
  const c = trusted(unitExpr(o.compare));
  return {
    sql: sql`SELECT substr(code, 1, 6) AS code, ${v}::DOUBLE AS v, ${c}::DOUBLE AS c
      FROM (${list(tables, ' UNION ALL ')}) u
      WHERE ${typeWhere(o.type)} AND (${v} IS NOT NULL OR ${c} IS NOT NULL)`,
    files
  };
}

/** Points of a region at a level, as columns: district codes, values and comparison values. */
export interface Points {
  codes: string[];
  values: Float64Array;
  compare: Float64Array;
}

/** Rows `code, v, c` as columns (null → NaN). */
export function toPoints(rows: Row[]): Points {
  const n = rows.length;
  const out: Points = { codes: new Array<string>(n), values: new Float64Array(n), compare: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    out.codes[i] = String(r.code);
    out.values[i] = typeof r.v === 'number' ? r.v : NaN;
    out.compare[i] = typeof r.c === 'number' ? r.c : NaN;
  }
  return out;
}

/** Every district (or unit) of a region with both indicators' values, for the page's charts. */
export async function indicatorPoints(
  o: PointsOptions & { level: 'district' | 'unit'; provinces: string[] },
  signal?: AbortSignal
): Promise<Points> {
  const q = o.level === 'unit' ? unitPointsQuery(o, o.provinces) : districtPointsQuery(o);
  return toPoints(await runQuery(q, signal));
}
