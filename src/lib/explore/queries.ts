// The explorer's SQL, pure (built with the `sql` builder; indicator values from the catalogue's
// `unitExpr`, group values from its partial sums). Two kinds of query:
// - cube builds, once per filter change: pre-aggregated tables keyed by the histogram bin of every
//   unit (Mosaic's data cubes), so that a brush on the histogram is answered by SUMs over bins;
// - direct queries over the filtered units for what does not add up over bins (ranks, quantiles,
//   the correlation matrix), run when a brush is committed.
import { indicator, indicators, type Indicator } from '../indicators/catalogue';
import { fromPartialsExpr, partialExprs, unitExpr } from '../indicators/sql';
import { ident, list, sql, trusted, type Sql } from '../data/sql';
import type { Query } from '../data/queries';
import type { Bins } from './stats';
import { NO_BIN } from './brush-index';
import { SIZE_FROM, SIZES, type ExploreState, type GroupLevel } from './state';

/** Bins of the histogram, the scatter's x and y, and the centres the scatter's sums are taken about. */
export interface Layout {
  hist: Bins;
  x: Bins;
  y: Bins;
  cx: number;
  cy: number;
}

/** A range of histogram bins (inclusive), or null for no brush. */
export type BinRange = [number, number] | null;

const value = (id: string): Sql => sql`(${trusted(unitExpr(indicator(id)))})`;

/** The unit files the filter reads: one per year and province. */
export function unitFiles(s: ExploreState, provinces: readonly string[]): string[] {
  const wanted = s.regions.length ? new Set(s.regions.map((r) => r.slice(0, 2))) : null;
  const ps = provinces.filter((p) => !wanted || wanted.has(p));
  const out: string[] = [];
  for (let y = s.from; y <= s.to; y++) for (const p of ps) out.push(`units/${y}/${p}.parquet`);
  return out;
}

/** The unit rows of those files, as one relation: read from the registered Parquet files (a year of
 *  all units is ~23 MB of Parquet, ~20× more as DuckDB tables; only the cubes are kept as tables). */
function source(files: string[]): Sql {
  if (!files.length) return trusted('(SELECT * FROM (VALUES (NULL)) WHERE FALSE)');
  return sql`read_parquet([${list(files)}])`;
}

/** The prefix of a unit code that a region code stands for (province 2, city 4, district 6 digits). */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** WHERE clause of the filters (region, urban/rural, size class, value range); years are in the files. */
export function filterWhere(s: ExploreState): Sql {
  const parts: Sql[] = [];
  if (s.regions.length)
    parts.push(
      sql`(${list(
        s.regions.map((r) => sql`starts_with(code, ${regionPrefix(r)})`),
        ' OR '
      )})`
    );
  if (s.type !== 'all') parts.push(sql`urban = ${s.type === 'urban' ? 1 : 0}`);
  if (s.sizes.length && s.sizes.length < SIZES.length) {
    const band = (c: (typeof SIZES)[number]) => {
      const next = SIZES[SIZES.indexOf(c) + 1];
      return next ? sql`(households >= ${SIZE_FROM[c]} AND households < ${SIZE_FROM[next]})` : sql`households >= ${SIZE_FROM[c]}`;
    };
    parts.push(sql`(${list(s.sizes.map(band), ' OR ')})`);
  }
  if (s.value) {
    const v = value(s.value.ind);
    if (s.value.lo !== null) parts.push(sql`${v} >= ${s.value.lo}`);
    if (s.value.hi !== null) parts.push(sql`${v} <= ${s.value.hi}`);
  }
  return parts.length ? list(parts, ' AND ') : trusted('TRUE');
}

/** Bin index of an expression (NULL for a missing value), clamped against float noise at the edges. */
export function binExpr(expr: Sql, b: Bins): Sql {
  return sql`LEAST(GREATEST(floor((${expr} - ${b.lo}) / ${b.step}), 0), ${b.count - 1})::INTEGER`;
}

/** The filtered units with the values the views need. */
function filtered(s: ExploreState, files: string[]): Sql {
  return sql`(SELECT * FROM ${source(files)} WHERE ${filterWhere(s)})`;
}

/** Count and value ranges of the filtered units: the bins of the histogram and the scatter. */
export function rangesQuery(s: ExploreState, files: string[]): Query {
  const [h, x, y] = [value(s.hist), value(s.scatterX), value(s.scatterY)];
  return {
    sql: sql`SELECT count(*)::DOUBLE AS units, min(${h})::DOUBLE AS h_min, max(${h})::DOUBLE AS h_max,
      min(${x})::DOUBLE AS x_min, max(${x})::DOUBLE AS x_max, avg(${x})::DOUBLE AS x_avg,
      min(${y})::DOUBLE AS y_min, max(${y})::DOUBLE AS y_max, avg(${y})::DOUBLE AS y_avg
      FROM ${filtered(s, files)}`,
    files: []
  };
}

const create = (name: string, body: Sql, gen: number): Sql =>
  sql`CREATE OR REPLACE TEMP TABLE ${ident(name)} AS ${body} -- build ${gen}`;

/** Per histogram bin: units, and the scatter's six sums over complete pairs centred on (cx, cy). */
export function cubeBinsSql(name: string, s: ExploreState, files: string[], l: Layout, gen: number): Query {
  const body = sql`SELECT b, count(*)::DOUBLE AS units, count(px)::DOUBLE AS n, sum(px) AS sx, sum(py) AS sy,
      sum(px * px) AS sxx, sum(py * py) AS syy, sum(px * py) AS sxy
    FROM (SELECT ${binExpr(value(s.hist), l.hist)} AS b,
        CASE WHEN ${value(s.scatterY)} IS NOT NULL THEN ${value(s.scatterX)} - ${l.cx} END AS px,
        CASE WHEN ${value(s.scatterX)} IS NOT NULL THEN ${value(s.scatterY)} - ${l.cy} END AS py
      FROM ${filtered(s, files)}) GROUP BY b`;
  return { sql: create(name, body, gen), files: [] };
}

/** Per histogram bin and scatter cell (x bin, y bin): units with both values. */
export function cubeScatterSql(name: string, s: ExploreState, files: string[], l: Layout, gen: number): Query {
  const [x, y] = [value(s.scatterX), value(s.scatterY)];
  const body = sql`SELECT ${binExpr(value(s.hist), l.hist)} AS b, ${binExpr(x, l.x)} AS bx, ${binExpr(y, l.y)} AS by,
      count(*)::DOUBLE AS n
    FROM ${filtered(s, files)} WHERE ${x} IS NOT NULL AND ${y} IS NOT NULL GROUP BY ALL`;
  return { sql: create(name, body, gen), files: [] };
}

/** The 6-digit code of a unit's region at a level. */
export function groupCode(level: GroupLevel): Sql {
  if (level === 'province') return trusted(`substr(code, 1, 2) || '0000'`);
  if (level === 'city') return trusted(`substr(code, 1, 4) || '00'`);
  return trusted('substr(code, 1, 6)');
}

export const groupIndicators = (s: ExploreState): Indicator[] => [...new Set(s.groupInds)].map(indicator);

/** Per group, year, urban/rural and histogram bin: units and the partial sums of the table's indicators. */
export function cubeGroupSql(name: string, s: ExploreState, files: string[], l: Layout, gen: number): Query {
  const partials = groupIndicators(s).flatMap((i) => partialExprs(i).map(trusted));
  const body = sql`SELECT ${groupCode(s.level)} AS g, year, urban, ${binExpr(value(s.hist), l.hist)} AS b,
      count(*)::DOUBLE AS units, ${list(partials)}
    FROM ${filtered(s, files)} GROUP BY ALL`;
  return { sql: create(name, body, gen), files: [] };
}

const inRange = (r: BinRange): Sql => (r ? sql`b BETWEEN ${r[0]} AND ${r[1]}` : trusted('TRUE'));
const bin = sql`coalesce(b, ${NO_BIN})::INTEGER AS b`;

/** The bins cube's rows for the page's index (bin −1: no value; absent sums are 0). */
export const binsIndexSql = (cube: string): Query => ({
  sql: sql`SELECT ${bin}, units, n, coalesce(sx, 0) AS sx, coalesce(sy, 0) AS sy, coalesce(sxx, 0) AS sxx,
      coalesce(syy, 0) AS syy, coalesce(sxy, 0) AS sxy FROM ${ident(cube)} ORDER BY b NULLS FIRST`,
  files: []
});

/** The scatter cube's rows for the page's index: by cell (x bin, y bin), then bin. */
export const scatterIndexSql = (cube: string): Query => ({
  sql: sql`SELECT bx::INTEGER AS bx, "by"::INTEGER AS "by", ${bin}, n FROM ${ident(cube)} ORDER BY bx, "by", b NULLS FIRST`,
  files: []
});

/** The group cube summed over the dimension the pivot does not show, for the page's index: by
 *  group (its code as a number) and pivot column, then bin; units and every partial sum. */
export function groupIndexSql(cube: string, s: ExploreState): Query {
  const col = trusted(s.pivot === 'year' ? 'year' : 'urban');
  const sums = groupIndicators(s)
    .flatMap((i) => [`${i.id}__n`, `${i.id}__d`])
    .map((c) => sql`coalesce(sum(${ident(c)}), 0)::DOUBLE AS ${ident(c)}`);
  return {
    sql: sql`SELECT g::INTEGER AS g, ${col}::INTEGER AS col, ${bin}, sum(units)::DOUBLE AS units, ${list(sums)}
      FROM ${ident(cube)} GROUP BY ALL ORDER BY g, col, b NULLS FIRST`,
    files: []
  };
}

/** The group-by table within a brush: one row per group and pivot column (year, or urban 1/0). */
export function groupSql(cube: string, s: ExploreState, r: BinRange): Query {
  const col = trusted(s.pivot === 'year' ? 'year' : 'urban');
  const vals = groupIndicators(s).map((i) => sql`${trusted(fromPartialsExpr(i))} AS ${ident(i.id)}`);
  return {
    sql: sql`SELECT g AS code, ${col}::INTEGER AS col, sum(units)::DOUBLE AS units, ${list(vals)}
      FROM ${ident(cube)} WHERE ${inRange(r)} GROUP BY g, ${col} ORDER BY g, ${col}`,
    files: []
  };
}

/** The filtered units, and within the brush when one is set (the same bins as the cubes). */
function brushed(s: ExploreState, files: string[], hist: Bins, r: BinRange): Sql {
  const cond = r ? sql`${binExpr(value(s.hist), hist)} BETWEEN ${r[0]} AND ${r[1]}` : trusted('TRUE');
  return sql`(SELECT * FROM ${filtered(s, files)} WHERE ${cond})`;
}

/** Spearman correlation of the scatter's indicators: Pearson over average ranks (ties share their mean rank). */
export function spearmanSql(s: ExploreState, files: string[], hist: Bins, r: BinRange): Query {
  const rank = (c: string) => trusted(`(rank() OVER (ORDER BY ${c}) + (count(*) OVER (PARTITION BY ${c}) - 1) / 2.0)`);
  return {
    sql: sql`SELECT corr(rx, ry)::DOUBLE AS rho, count(*)::DOUBLE AS n FROM (SELECT ${rank('x')} AS rx, ${rank('y')} AS ry
      FROM (SELECT ${value(s.scatterX)} AS x, ${value(s.scatterY)} AS y FROM ${brushed(s, files, hist, r)})
      WHERE x IS NOT NULL AND y IS NOT NULL)`,
    files: []
  };
}

export const BOX_GROUPS = 40;

/** Box-plot figures (p5, quartiles, p95) of an indicator per group, the largest groups first. */
export function boxSql(s: ExploreState, files: string[], hist: Bins, r: BinRange): Query {
  const v = value(s.box);
  return {
    sql: sql`SELECT ${groupCode(s.level)} AS code, count(*)::DOUBLE AS n,
        quantile_cont(v, 0.05)::DOUBLE AS p05, quantile_cont(v, 0.25)::DOUBLE AS q1, quantile_cont(v, 0.5)::DOUBLE AS median,
        quantile_cont(v, 0.75)::DOUBLE AS q3, quantile_cont(v, 0.95)::DOUBLE AS p95
      FROM (SELECT code, ${v} AS v FROM ${brushed(s, files, hist, r)}) WHERE v IS NOT NULL
      GROUP BY ALL ORDER BY n DESC, code LIMIT ${BOX_GROUPS}`,
    files: []
  };
}

/** Column name of the pair (i, j), i < j, of catalogue indicators in the correlation matrix query. */
export const pairKey = (i: number, j: number): string => `p${i}_${j}`;

/** Pearson correlation of every pair of catalogue indicators over the filtered units (pairwise
 *  complete): one row per pair with a value (`pair`: its pairKey, `r`). Short aliases keep the
 *  statement small (703 pairs); the result is unpivoted because the page decodes 703 rows of two
 *  columns in a few milliseconds and one row of 703 columns in ~60. */
export function correlationSql(s: ExploreState, files: string[], hist: Bins, r: BinRange, inds = indicators): Query {
  const vals = inds.map((ind, i) => sql`${trusted(unitExpr(ind))} AS ${trusted(`c${i}`)}`);
  const pairs: Sql[] = [];
  for (let a = 0; a < inds.length; a++)
    for (let b = a + 1; b < inds.length; b++) pairs.push(trusted(`corr(c${a},c${b})::DOUBLE AS ${pairKey(a, b)}`));
  return {
    sql: sql`SELECT pair, r FROM (UNPIVOT (SELECT ${list(pairs)} FROM (SELECT ${list(vals)} FROM ${brushed(s, files, hist, r)}))
      ON COLUMNS(*) INTO NAME pair VALUE r)`,
    files: []
  };
}
