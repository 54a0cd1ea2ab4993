// The explorer's typed questions, answered through the site's one query layer (DuckDB-WASM in its
// worker; superseded queries dropped, running ones cancelled). `prepare` builds the pre-aggregated
// tables for a filter and takes their rows into the page as indexes (brush-index.ts); `brushAnswer`
// answers a brush from them without a query; the direct queries (ranks, quantiles, correlation
// matrix) run over the filtered units.
import { aborted, loadEngine, runColumns, runQuery } from '../data/query';
import { registerFiles } from '../data/snapshots';
import { ident, list, sql, type Sql } from '../data/sql';
import type { Cell } from '../types';
import { indicators } from '../indicators/catalogue';
import { NO_BIN, type BinIndex } from './brush-index';
import { correlationMatrix, cubeIndexes, groupIndexFrom, layoutFrom, num, type GroupIndex } from './answer';
export { brushAnswer, type BrushAnswer } from './answer';
import {
  binsIndexSql,
  boxSql,
  correlationSql,
  cubeBinsSql,
  cubeGroupSql,
  cubeScatterSql,
  groupIndexSql,
  groupSql,
  scatterIndexSql,
  rangesQuery,
  spearmanSql,
  unitFiles,
  type BinRange,
  type Layout
} from './queries';
import type { ExploreState } from './state';

/** The pre-aggregated tables of one filter, and how values were binned. */
export interface Prepared {
  key: string;
  files: string[];
  layout: Layout;
  /** Units matching the filter (before any brush). */
  units: number;
  /** Units per histogram bin (bin null: no value). */
  histogram: { b: number | null; units: number }[];
  cubes: { bins: string; scatter: string; group: string };
  /** The bins and scatter cubes as indexes (one cell; cells by x bin and y bin). */
  bins: BinIndex;
  scatter: BinIndex;
  ms: number;
}

/** What the pre-aggregated tables depend on: the state without brush, box indicator and pivot. */
export function prepareKey(s: ExploreState): string {
  const { regions, from, to, type, sizes, value, hist, scatterX, scatterY, level, groupInds } = s;
  return JSON.stringify({ regions, from, to, type, sizes, value, hist, scatterX, scatterY, level, groupInds });
}

let generation = 0;
/** Cube tables of recent builds; older ones are dropped (DuckDB's memory is the page's memory). */
const built: string[][] = [];
const KEEP_BUILDS = 2;

/** Build the cubes for a filter (three scans of the filtered units). */
export async function prepare(s: ExploreState, provinces: readonly string[], signal: AbortSignal): Promise<Prepared> {
  const t0 = performance.now();
  const files = unitFiles(s, provinces);
  // The unit files are registered as Parquet (not copied into tables): queries read the columns they use.
  await registerFiles(files);
  if (signal.aborted) throw aborted();
  const [r] = await runQuery(rangesQuery(s, files), signal);
  const layout = layoutFrom(r);
  const gen = ++generation;
  const cubes = { bins: `ex_bins_${gen}`, scatter: `ex_xy_${gen}`, group: `ex_group_${gen}` };
  // Recorded before building: a build cancelled half-way leaves nothing behind for long either.
  built.push(Object.values(cubes));
  while (built.length > KEEP_BUILDS) dropTables(built.shift()!);
  await Promise.all([
    runQuery(cubeBinsSql(cubes.bins, s, files, layout, gen), signal),
    runQuery(cubeScatterSql(cubes.scatter, s, files, layout, gen), signal),
    runQuery(cubeGroupSql(cubes.group, s, files, layout, gen), signal)
  ]);
  const [binCols, xyCols] = await Promise.all([
    runColumns(binsIndexSql(cubes.bins), signal),
    runColumns(scatterIndexSql(cubes.scatter), signal)
  ]);
  const histogram = Array.from(binCols.b, (b, i) => ({ b: b === NO_BIN ? null : b, units: binCols.units[i] }));
  const ms = performance.now() - t0;
  return { key: prepareKey(s), files, layout, units: Number(r.units), histogram, cubes, ...cubeIndexes(binCols, xyCols), ms };
}

/** Identity of the group index of a prepared filter and a pivot. */
export const groupIndexId = (p: Prepared, s: ExploreState): string => `${p.cubes.group}:${s.pivot}`;

/** The group cube of a prepared filter, for the state's pivot, as an index. */
export async function groupIndexOf(p: Prepared, s: ExploreState, signal: AbortSignal): Promise<GroupIndex> {
  return groupIndexFrom(groupIndexId(p, s), await runColumns(groupIndexSql(p.cubes.group, s), signal), s);
}

function dropTables(names: string[]) {
  for (const n of names)
    runQuery({ sql: sql`DROP TABLE IF EXISTS ${ident(n)} -- drop ${++generation}`, files: [] }).catch(() => undefined);
}

/** Spearman's rho of the scatter's indicators (a direct query: ranks do not add up over bins). */
export async function spearmanOf(p: Prepared, s: ExploreState, range: BinRange, signal: AbortSignal) {
  const [r] = await runQuery(spearmanSql(s, p.files, p.layout.hist, range), signal);
  return { rho: num(r.rho), n: Number(r.n) };
}

/** Box-plot figures of one group. */
export interface Box {
  code: string;
  n: number;
  p05: number;
  q1: number;
  median: number;
  q3: number;
  p95: number;
}

/** Box-plot figures per group (the largest groups). */
export async function boxesOf(p: Prepared, s: ExploreState, range: BinRange, signal: AbortSignal): Promise<Box[]> {
  const rows = await runQuery(boxSql(s, p.files, p.layout.hist, range), signal);
  return rows.map((r) => ({
    code: String(r.code),
    n: Number(r.n),
    p05: Number(r.p05),
    q1: Number(r.q1),
    median: Number(r.median),
    q3: Number(r.q3),
    p95: Number(r.p95)
  }));
}

/** The correlation matrix of every catalogue indicator: matrix[i][j] (null where undefined). */
export async function correlationOf(p: Prepared, s: ExploreState, range: BinRange, signal: AbortSignal) {
  return correlationMatrix(await runQuery(correlationSql(s, p.files, p.layout.hist, range), signal), indicators.length);
}

/** The group-by table (long form: code, col, units, indicators) as a Parquet file written by DuckDB. */
export function groupParquet(p: Prepared, s: ExploreState, range: BinRange): Promise<Uint8Array> {
  return parquetOf(groupSql(p.cubes.group, s, range).sql);
}

/** DuckDB writes `sql` (a SELECT) as a Parquet file; its bytes. */
async function parquetOf(select: Sql): Promise<Uint8Array> {
  const name = `explore-${++generation}.parquet`;
  await runQuery({ sql: sql`COPY (${select}) TO ${name} (FORMAT PARQUET)`, files: [] });
  const { db } = await loadEngine();
  const bytes = await db.copyFileToBuffer(name);
  await db.dropFile(name);
  return bytes;
}

/** Any table of the page (the rows its CSV holds) as a Parquet file: the values go to DuckDB as
 *  literals of one VALUES list (through \`sql\`, never spliced), a column is VARCHAR if it holds text
 *  and DOUBLE otherwise, under the CSV's column names. */
export function tableParquet(columns: string[], rows: Cell[][]): Promise<Uint8Array> {
  const text = columns.map((_, j) => rows.some((r) => typeof r[j] === 'string'));
  const cell = (v: Cell, j: number) =>
    v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : text[j] ? String(v) : Number(v);
  const cols = columns.map((_, j) => ident(`c${j}`));
  const values = rows.length
    ? list(rows.map((r) => sql`(${list(columns.map((_, j) => sql`${cell(r[j], j)}`))})`))
    : sql`(${list(columns.map(() => sql`NULL`))})`;
  const select = list(columns.map((c, j) => sql`CAST(${cols[j]} AS ${text[j] ? sql`VARCHAR` : sql`DOUBLE`}) AS ${ident(c)}`));
  const where = rows.length ? sql`` : sql` WHERE false`;
  return parquetOf(sql`SELECT ${select} FROM (VALUES ${values}) AS t(${list(cols)})${where}`);
}

/** Memory DuckDB holds, in bytes (its own accounting; bench). */
export async function duckdbMemory(): Promise<string> {
  const [r] = await runQuery({ sql: sql`PRAGMA database_size -- ${++generation}`, files: [] });
  return String(r.memory_usage ?? '');
}
