// Typed queries, built once from the indicator catalogue with the `sql` builder (values become
// literals, never SQL syntax). Pure: the browser runs them on DuckDB-WASM (api.ts), the snapshot
// build runs them on native DuckDB to write the per-region summaries, and the tests check them
// against sums over units. Relative imports: the build scripts load this file too.
import { indicators, type Indicator } from '../indicators/catalogue';
import { fromPartialsExpr, unitExpr } from '../indicators/sql';
import { tableOf } from './snapshots';
import { code6, ident, list, sql, trusted, year as checkYear, type Sql } from './sql';
import { aggKey, childLevel, isMunicipality, levelOf, NATION, type UnitType } from './regions';
import type { Level } from '../maps/geo';

/** A typed query: its SQL and the snapshot files (as tables) it reads. */
export interface Query {
  sql: Sql;
  files: string[];
}

export const DISTRICT = 'district.parquet';
const T = trusted(tableOf(DISTRICT));

const valueCols = (inds: Indicator[]) => inds.map((i) => sql`${trusted(fromPartialsExpr(i))} AS ${ident(i.id)}`);
const targeted = (inds: Indicator[]) => inds.filter((i) => i.target && i.direction !== 0);
const metCols = (inds: Indicator[]) =>
  targeted(inds).flatMap((i) => [
    sql`SUM(${ident(i.id + '__met')})::DOUBLE AS ${ident(i.id + '__met')}`,
    sql`SUM(${ident(i.id + '__has')})::DOUBLE AS ${ident(i.id + '__has')}`
  ]);

/** WHERE clause keeping a region's rows of the district aggregate. */
function scopeWhere(code: string): Sql {
  const k = aggKey(code6(code));
  return k ? sql`${ident(k.col)} = ${k.val}` : trusted('TRUE');
}

export function typeWhere(type: UnitType): Sql {
  return trusted(type === 'urban' ? 'urban = 1' : type === 'rural' ? 'urban = 0' : 'TRUE');
}

/** The aggregate's key column as 6-digit codes of a level. */
function codeOf(level: Level | 'nation'): Sql {
  if (level === 'nation') return sql`${NATION}`;
  if (level === 'province') return trusted(`province || '0000'`);
  if (level === 'city') return trusted(`city || '00'`);
  return trusted('district');
}

export interface RegionValuesOptions {
  /** Level of the regions returned. */
  level: Level | 'nation';
  /** Only regions inside this one (6-digit code; the nation for all). */
  within: string;
  /** One year, or every year. */
  year?: number;
  type: UnitType;
  inds?: Indicator[];
}

/**
 * One row per region of `level` inside `within` (and per year unless one is given): code, year, type,
 * units, urban_units, every indicator's value and, for indicators with a target, the units meeting it
 * (`<id>__met`) of those with a value (`<id>__has`). Summed from the district pre-aggregate.
 */
export function regionValuesQuery(o: RegionValuesOptions): Query {
  const inds = o.inds ?? indicators;
  const cols = list([
    sql`${codeOf(o.level)} AS code`,
    trusted('year'),
    sql`${o.type} AS type`,
    trusted('SUM(units)::DOUBLE AS units'),
    trusted('SUM(units * urban)::DOUBLE AS urban_units'),
    ...valueCols(inds),
    ...metCols(inds)
  ]);
  const yearWhere = o.year === undefined ? trusted('TRUE') : sql`year = ${checkYear(o.year)}`;
  return {
    sql: sql`SELECT ${cols} FROM ${T} WHERE ${yearWhere} AND ${scopeWhere(o.within)} AND ${typeWhere(o.type)}
             GROUP BY ALL ORDER BY code, year`,
    files: [DISTRICT]
  };
}

/**
 * Every grassroots unit (community or village) of one district for a year, with the indicator's
 * value, survey sample size and the standard deviation of ratings (for a satisfaction margin).
 */
export function unitValuesQuery(district: string, year: number, type: UnitType, ind: Indicator): Query {
  const p = code6(district).slice(0, 2);
  const units = `units/${checkYear(year)}/${p}.parquet`;
  const names = `names/${p}.parquet`;
  return {
    sql: sql`SELECT code, name, urban, ${trusted(unitExpr(ind))} AS value, survey_n, sat_overall_sd
      FROM ${trusted(tableOf(units))} u JOIN (SELECT code, name FROM ${trusted(tableOf(names))}) n USING (code)
      WHERE starts_with(u.code, ${district}) AND ${typeWhere(type)} ORDER BY code`,
    files: [units, names]
  };
}

/** Rows of `summary/<code>.json`: a region and its children, every year and type (scripts/build-snapshots.ts). */
export interface Summary {
  columns: string[];
  rows: (string | number | null)[][];
}

/** Regions with a summary file: the nation, provinces and the cities of non-municipal provinces. */
export function summaryCode(code: string): string {
  const c = code6(code);
  const l = levelOf(c);
  if (l === 'nation' || l === 'province') return c;
  if (isMunicipality(c)) return `${c.slice(0, 2)}0000`;
  if (l === 'city') return c;
  return `${c.slice(0, 4)}00`;
}

/** Is `child` one of the regions shown inside `parent` (same rule as the SQL above)? */
export function inside(parent: string, child: string): boolean {
  const level = childLevel(parent);
  if (!level || levelOf(child) !== level) return false;
  const k = aggKey(parent);
  return !k || child.startsWith(k.val);
}

