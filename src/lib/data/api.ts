// Typed questions the pages ask. Each builds SQL from the indicator catalogue and runs it through
// the one query layer; results are cached there.
import { indicators, type Indicator } from '$lib/indicators/catalogue';
import { fromPartialsExpr, quoteIdent, unitExpr } from '$lib/indicators/sql';
import { query, type Row } from './query';
import { fetchJson, tableOf } from './snapshots';
import { aggKey, childLevel, codeExpr, typeWhere, RegionTree, type UnitType } from './regions';

export const DISTRICT = 'district.parquet';
const T = 'district';

export interface NationalRow extends Record<string, number | string | null> {
  type: UnitType;
  year: number;
  units: number;
}

/** National values per year and type: a small JSON, shown before DuckDB is ready. */
export async function nationalRows(): Promise<NationalRow[]> {
  return (await fetchJson<{ rows: NationalRow[] }>('national.json')).rows;
}

let tree: Promise<RegionTree> | null = null;
export function regionTree(): Promise<RegionTree> {
  tree ??= fetchJson<[string, string, string, string | null, string?, string?][]>('regions.json').then((r) => new RegionTree(r));
  return tree;
}

const valueCols = (list: Indicator[]) => list.map((i) => `${fromPartialsExpr(i)} AS ${quoteIdent(i.id)}`).join(', ');
const metCols = (list: Indicator[]) =>
  list
    .filter((i) => i.target && i.direction !== 0)
    .map((i) => `SUM(${quoteIdent(i.id + '__met')})::DOUBLE AS ${quoteIdent(i.id + '__met')}, SUM(${quoteIdent(i.id + '__has')})::DOUBLE AS ${quoteIdent(i.id + '__has')}`)
    .join(', ');

function scopeWhere(code: string): string {
  const k = aggKey(code);
  return k ? `${k.col} = '${k.val}'` : 'TRUE';
}

/**
 * One row per child region of `parent` (provinces of the nation, cities of a province, …) for a year:
 * code, units, urban_units, every indicator value and units meeting each target.
 */
export function childValues(parent: string, year: number, type: UnitType, list: Indicator[] = indicators): Promise<Row[]> {
  const level = childLevel(parent);
  if (!level) return Promise.resolve([]);
  return query(
    `SELECT ${codeExpr(level)} AS code, SUM(units)::DOUBLE AS units, SUM(units * urban)::DOUBLE AS urban_units, ${valueCols(list)}, ${metCols(list)}
     FROM ${T} WHERE year = ${year} AND ${scopeWhere(parent)} AND ${typeWhere(type)} GROUP BY ALL ORDER BY code`,
    [DISTRICT]
  );
}

/** One row per year for a region: every indicator value (trends, sparklines). */
export function regionSeries(code: string, type: UnitType, list: Indicator[] = indicators): Promise<Row[]> {
  return query(
    `SELECT year, SUM(units)::DOUBLE AS units, SUM(units * urban)::DOUBLE AS urban_units, ${valueCols(list)}, ${metCols(list)}
     FROM ${T} WHERE ${scopeWhere(code)} AND ${typeWhere(type)} GROUP BY year ORDER BY year`,
    [DISTRICT]
  );
}

/** All districts in a region for a year (rankings, target gaps, assessment input). */
export function districtValues(within: string, year: number, type: UnitType, list: Indicator[] = indicators): Promise<Row[]> {
  return query(
    `SELECT district AS code, SUM(units)::DOUBLE AS units, SUM(units * urban)::DOUBLE AS urban_units, ${valueCols(list)}, ${metCols(list)}
     FROM ${T} WHERE year = ${year} AND ${scopeWhere(within)} AND ${typeWhere(type)} GROUP BY ALL ORDER BY code`,
    [DISTRICT]
  );
}

/**
 * Every grassroots unit (community or village) of one district for a year, with the indicator's
 * value, survey sample size and the standard deviation of ratings (for a satisfaction margin).
 * Loads that province's unit partition and names on demand.
 */
export function unitValues(district: string, year: number, type: UnitType, ind: Indicator): Promise<Row[]> {
  const p = district.slice(0, 2);
  const units = `units/${year}/${p}.parquet`;
  const names = `names/${p}.parquet`;
  return query(
    `SELECT code, name, urban, ${unitExpr(ind)} AS value, survey_n, sat_overall_sd
     FROM (SELECT u.*, n.name FROM ${tableOf(units)} u JOIN (SELECT code, name FROM ${tableOf(names)}) n USING (code)
           WHERE u.code LIKE '${district}%')
     WHERE ${typeWhere(type)} ORDER BY code`,
    [units, names]
  );
}
