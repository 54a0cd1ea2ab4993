// Typed questions the pages ask, answered from the per-region summaries (small JSON, no DuckDB) or by
// DuckDB-WASM through the one query layer. The queries themselves live in queries.ts.
import type { Indicator } from '$lib/indicators/catalogue';
import { runQuery, type Row } from './query';
import { fetchJson } from './snapshots';
import { childLevel, RegionTree, type UnitType } from './regions';
import { inside, regionValuesQuery, summaryCode, unitValuesQuery, type Summary } from './queries';

const summaries = new Map<string, Promise<Row[]>>();
/** All rows of one summary file, as objects (fetched once). */
export function summaryRows(code: string): Promise<Row[]> {
  const c = summaryCode(code);
  let p = summaries.get(c);
  if (!p) {
    p = fetchJson<Summary>(`summary/${c}.json`).then(({ columns, rows }) =>
      rows.map((r) => Object.fromEntries(columns.map((k, i) => [k, r[i]])) as Row)
    );
    p.catch(() => summaries.delete(c));
    summaries.set(c, p);
  }
  return p;
}

/** One row per child region of `parent` for a year and type (map, rankings, target gaps). */
export async function childValues(parent: string, year: number, type: UnitType): Promise<Row[]> {
  if (!childLevel(parent)) return [];
  const rows = await summaryRows(parent);
  return rows.filter((r) => r.year === year && r.type === type && inside(parent, String(r.code)));
}

/** One row per year for a region and type: every indicator (KPIs, trends, sparklines). */
export async function regionSeries(code: string, type: UnitType): Promise<Row[]> {
  const rows = await summaryRows(code);
  return rows.filter((r) => r.code === code && r.type === type);
}

// ------------------------------------------------------------------ DuckDB-backed questions

/** All districts in a region for a year (assessment input). */
export function districtValues(within: string, year: number, type: UnitType, signal?: AbortSignal): Promise<Row[]> {
  return runQuery(regionValuesQuery({ level: 'district', within, year, type }), signal);
}

/** Every unit of a district (loads that province's unit partition and names on demand). */
export function unitValues(district: string, year: number, type: UnitType, ind: Indicator, signal?: AbortSignal) {
  return runQuery(unitValuesQuery(district, year, type, ind), signal);
}

let tree: Promise<RegionTree> | null = null;
/** The region tree (names, parents); a failed load is forgotten so the next call retries. */
export function regionTree(): Promise<RegionTree> {
  if (!tree) {
    const p = fetchJson<[string, string, string, string | null, string?, string?][]>('regions.json').then(
      (r) => new RegionTree(r)
    );
    p.catch(() => {
      if (tree === p) tree = null;
    });
    tree = p;
  }
  return tree;
}
