// The explorer's view models, pure: the pivot of the group-by table and the filter summary that
// captions exports and names their files.
import type { Cell, Row } from '../types';
import { indicator } from '../indicators/catalogue';
import { roundCell } from '../csv';
import type { ExploreState } from './state';

export interface PivotTable {
  columns: string[];
  /** Column keys (code, name, then `<col>:units` and `<col>:<indicator>`), parallel to `columns`. */
  keys: string[];
  rows: Cell[][];
}

export interface PivotLabels {
  region: string;
  code: string;
  units: string;
  /** Header of a pivot column value: a year, or 1 / 0 for urban / rural. */
  col: (value: number) => string;
  indicator: (id: string) => string;
  name: (code: string) => string;
}

/** Pivot columns of a state: its years, or urban (1) and rural (0). */
export function pivotColumns(s: ExploreState): number[] {
  if (s.pivot === 'type') return s.type === 'urban' ? [1] : s.type === 'rural' ? [0] : [1, 0];
  const out: number[] = [];
  for (let y = s.from; y <= s.to; y++) out.push(y);
  return out;
}

/** Group rows (code, col, units, indicator values) as one row per region, columns per pivot value. */
export function pivotTable(groups: Row[], s: ExploreState, l: PivotLabels): PivotTable {
  const cols = pivotColumns(s);
  const inds = [...new Set(s.groupInds)];
  const columns = [l.code, l.region];
  const keys = ['code', 'name'];
  for (const c of cols) {
    columns.push(`${l.col(c)} ${l.units}`);
    keys.push(`${c}:units`);
    for (const id of inds) {
      columns.push(`${l.col(c)} ${l.indicator(id)}`);
      keys.push(`${c}:${id}`);
    }
  }
  const byCode = new Map<string, Map<number, Row>>();
  for (const g of groups) {
    const code = String(g.code);
    if (!byCode.has(code)) byCode.set(code, new Map());
    byCode.get(code)!.set(Number(g.col), g);
  }
  const rows: Cell[][] = [];
  // Codes are digit strings of one length: compared as strings (localeCompare's first call builds a
  // collator, ~15 ms on a slow machine, for an order the plain comparison already gives).
  for (const [code, byCol] of [...byCode].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const r: Cell[] = [code, l.name(code)];
    for (const c of cols) {
      const g = byCol.get(c);
      r.push(g ? Number(g.units) : 0);
      for (const id of inds) r.push(roundCell(g ? (g[id] as number | null) : null, indicator(id).decimals));
    }
    rows.push(r);
  }
  return { columns, keys, rows };
}

export interface SummaryLabels {
  whole: string;
  region: (code: string) => string;
  years: (from: number, to: number) => string;
  type: (t: ExploreState['type']) => string;
  size: (c: ExploreState['sizes'][number]) => string;
  value: (id: string, lo: number | null, hi: number | null) => string;
  brush: (id: string, lo: number, hi: number) => string;
}

/** "广东省、北京市 · 2025 · 城市社区 · …": what the filtered set is. */
export function filterSummary(s: ExploreState, l: SummaryLabels): string {
  const parts = [
    s.regions.length ? s.regions.map(l.region).join('、') : l.whole,
    s.from === s.to ? String(s.from) : l.years(s.from, s.to),
    l.type(s.type)
  ];
  if (s.sizes.length) parts.push(s.sizes.map(l.size).join('/'));
  if (s.value) parts.push(l.value(s.value.ind, s.value.lo, s.value.hi));
  if (s.brush) parts.push(l.brush(s.hist, s.brush[0], s.brush[1]));
  return parts.join(' · ');
}

/** File-name parts of the filters: regions, years, type, sizes, value range, brush. */
export function filterFileParts(s: ExploreState): (string | number)[] {
  const parts: (string | number)[] = [
    s.regions.length ? s.regions.join('+') : '000000',
    s.from === s.to ? s.from : `${s.from}-${s.to}`
  ];
  if (s.type !== 'all') parts.push(s.type);
  if (s.sizes.length) parts.push(`size_${s.sizes.join('+')}`);
  if (s.value) parts.push(`${s.value.ind}_${s.value.lo ?? ''}_${s.value.hi ?? ''}`);
  if (s.brush) parts.push(`brush_${s.hist}_${s.brush[0]}_${s.brush[1]}`);
  return parts;
}
