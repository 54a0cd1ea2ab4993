// Typed questions the pages ask, answered from the per-region summaries (small JSON, no DuckDB) or by
// DuckDB-WASM through the one query layer. The queries themselves live in queries.ts.
import type { Indicator } from '$lib/indicators/catalogue';
import { runQuery, type Row } from './query';
import { fetchJson } from './snapshots';
import { childLevel, RegionTree, type UnitType } from './regions';
import { inside, regionValuesQuery, summaryCode, unitValuesQuery, type Summary } from './queries';

const summaries = new Map<string, Promise<Summary>>();
let provinces: Set<string> | null = null;
/** The provinces the snapshot holds (info.json): no view asks for a file of another one. */
export function setProvinces(list: string[] | undefined): void {
  provinces = list ? new Set(list) : null;
}
const held = (code: string) => code === '000000' || !provinces || provinces.has(code.slice(0, 2));
const NO_ROWS: Summary = { columns: [], rows: [] };

/** One summary file, kept columnar as fetched (fetched once; a failed fetch is forgotten). Only the
 *  rows a view asks for become objects: converting a province's ~2,000 rows on every drill-down
 *  would cost the click tens of milliseconds on a phone. */
export function summaryRows(code: string): Promise<Summary> {
  if (!held(code)) return Promise.resolve(NO_ROWS);
  const c = summaryCode(code);
  let p = summaries.get(c);
  if (!p) {
    p = fetchJson<Summary>(`summary/${c}.json`);
    p.catch(() => summaries.delete(c));
    summaries.set(c, p);
  }
  return p;
}

/** The rows of a summary that pass `keep` (given the row's code, year and type), as objects. */
function pick({ columns, rows }: Summary, keep: (code: string, year: number, type: string) => boolean): Row[] {
  const [code, year, type] = ['code', 'year', 'type'].map((k) => columns.indexOf(k));
  const out: Row[] = [];
  for (const r of rows) {
    if (!keep(String(r[code]), Number(r[year]), String(r[type]))) continue;
    const o: Row = {};
    for (let i = 0; i < columns.length; i++) o[columns[i]] = r[i];
    out.push(o);
  }
  return out;
}

/** One row per child region of `parent` for a year and type (map, rankings, target gaps). */
export async function childValues(parent: string, year: number, type: UnitType): Promise<Row[]> {
  if (!childLevel(parent)) return [];
  return pick(await summaryRows(parent), (c, y, t) => y === year && t === type && inside(parent, c));
}

/** One row per year for a region and type: every indicator (KPIs, trends, sparklines). */
export async function regionSeries(code: string, type: UnitType): Promise<Row[]> {
  return pick(await summaryRows(code), (c, _y, t) => c === code && t === type);
}

// ------------------------------------------------------------------ DuckDB-backed questions

/** All districts in a region for a year (assessment input). */
export function districtValues(within: string, year: number, type: UnitType, signal?: AbortSignal): Promise<Row[]> {
  return runQuery(regionValuesQuery({ level: 'district', within, year, type }), signal);
}

/** Every unit of a district (loads that province's unit partition and names on demand). */
export function unitValues(district: string, year: number, type: UnitType, ind: Indicator, signal?: AbortSignal) {
  if (!held(district)) return Promise.resolve([] as Row[]);
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
