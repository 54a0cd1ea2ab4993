// The explorer's fast path, pure: the cubes' rows (columns from DuckDB) as indexes, and a brush
// answered from them by sums (brush-index.ts): the count, the scatter's statistics and density, and
// the group-by table, the same figures as SQL over the cubes (tests/unit/explore-index.test.ts).
import type { Columns, Row } from '../data/query';
import { BinIndex } from './brush-index';
import { groupIndicators, pairKey, type BinRange, type Layout } from './queries';
import { fitFromMoments, niceBins, type Fit } from './stats';
import type { ExploreState } from './state';

export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Bins of the histogram and the scatter, from the filtered units' ranges (rangesQuery's row). */
export function layoutFrom(r: Row): Layout {
  return {
    hist: niceBins(num(r.h_min), num(r.h_max), 30),
    x: niceBins(num(r.x_min), num(r.x_max), 40),
    y: niceBins(num(r.y_min), num(r.y_max), 40),
    cx: num(r.x_avg) ?? 0,
    cy: num(r.y_avg) ?? 0
  };
}

const MOMENTS = ['units', 'n', 'sx', 'sy', 'sxx', 'syy', 'sxy'] as const;

/** The bins cube (one cell) and the scatter cube (cells by x bin, y bin) as indexes. */
export function cubeIndexes(bins: Columns, xy: Columns): { bins: BinIndex; scatter: BinIndex } {
  return {
    bins: new BinIndex(
      [],
      bins.b,
      MOMENTS.map((m) => bins[m])
    ),
    scatter: new BinIndex([xy.bx, xy.by], xy.b, [xy.n])
  };
}

/** The group cube as an index for one pivot: cells by group and pivot column. */
export interface GroupIndex {
  id: string;
  index: BinIndex;
  /** Per indicator of the table: its id and scale, and the measures of its partial sums. */
  inds: { id: string; scale: number; n: number; d: number }[];
}

/** The group cube's rows for one pivot (groupIndexSql) as an index. */
export function groupIndexFrom(id: string, cols: Columns, s: ExploreState): GroupIndex {
  const inds = groupIndicators(s).map((ind, i) => ({ id: ind.id, scale: ind.formula.scale, n: 1 + 2 * i, d: 2 + 2 * i }));
  const measures = [cols.units, ...inds.flatMap((i) => [cols[`${i.id}__n`], cols[`${i.id}__d`]])];
  return { id, index: new BinIndex([cols.g, cols.col], cols.b, measures), inds };
}

/** What the brushed views show. */
export interface BrushAnswer {
  units: number;
  fit: Fit;
  density: { bx: number; by: number; n: number }[];
  groups: Row[];
  /** Milliseconds the answer took (sums from the indexes). */
  queryMs: number;
}

/** What the page holds of a prepared filter that a brush needs. */
export interface Indexed {
  bins: BinIndex;
  scatter: BinIndex;
  layout: { cx: number; cy: number };
}

/** The fast path: count, scatter statistics and density, and the group-by table within a brush,
 *  as sums from the indexes (the same figures as SQL over the cubes: tests/unit/explore-index.test.ts). */
export function brushAnswer(p: Indexed, g: GroupIndex, range: BinRange): BrushAnswer {
  const t0 = performance.now();
  const [units, n, sx, sy, sxx, syy, sxy] = p.bins.sums(range).map((m) => m[0] ?? 0);
  const [cellN] = p.scatter.sums(range);
  const density: BrushAnswer['density'] = [];
  for (let c = 0; c < cellN.length; c++)
    if (cellN[c] > 0) density.push({ bx: p.scatter.key(0, c), by: p.scatter.key(1, c), n: cellN[c] });
  const sums = g.index.sums(range);
  const groups: Row[] = [];
  for (let c = 0; c < g.index.cells; c++) {
    if (!(sums[0][c] > 0)) continue;
    const row: Row = { code: String(g.index.key(0, c)).padStart(6, '0'), col: g.index.key(1, c), units: sums[0][c] };
    for (const i of g.inds) row[i.id] = sums[i.d][c] === 0 ? null : (i.scale * sums[i.n][c]) / sums[i.d][c];
    groups.push(row);
  }
  const fit = fitFromMoments({ n, sx, sy, sxx, syy, sxy }, p.layout.cx, p.layout.cy);
  return { units, fit, density, groups, queryMs: performance.now() - t0 };
}

/** The correlation matrix (matrix[i][j], null where undefined) from correlationSql's rows. */
export function correlationMatrix(rows: Row[], n: number): (number | null)[][] {
  const r = new Map(rows.map((row) => [row.pair, num(row.r)]));
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : (r.get(i < j ? pairKey(i, j) : pairKey(j, i)) ?? null)))
  );
}
