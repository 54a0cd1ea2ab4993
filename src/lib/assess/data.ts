/**
 * Rows (plain objects, e.g. parsed CSV or DuckDB rows) → a unit-major Float64Array matrix,
 * NaN for missing. Numbers may arrive as numbers or numeric strings. Missing: null,
 * undefined, '', NA, N/A, NaN, null, -, —, .. (statistical tables' "no data" marks).
 * Any other non-numeric text is an error naming the column and row (never silently NaN).
 */
import { AssessError } from './errors';
import type { Spec } from './types';

export type Row = Record<string, number | string | null | undefined>;

export interface DataMatrix {
  n: number;
  m: number;
  units: string[];
  /** n × m, unit-major: values[i * m + j]. */
  values: Float64Array;
  /** Values of a categorical column per unit (for rank_within / impute.by), or null. */
  keys: Record<string, (string | null)[]>;
}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '-', '—', '..', 'none']);
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parse one cell: a finite number, NaN for missing, or undefined when not numeric. */
export function parseCell(v: unknown): number | undefined {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.isNaN(v) ? NaN : undefined;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const s = v.trim();
    if (MISSING.has(s.toLowerCase())) return NaN;
    return NUMERIC.test(s) ? Number(s) : undefined;
  }
  return undefined;
}

function hasColumn(rows: Row[], col: string): boolean {
  for (const r of rows) if (Object.prototype.hasOwnProperty.call(r, col)) return true;
  return false;
}

/** Build the matrix for a parsed spec. Throws AssessError naming the field/column. */
export function readRows(rows: Row[], spec: Spec): DataMatrix {
  if (!Array.isArray(rows) || rows.length === 0) throw new AssessError('data', 'no rows');
  const n = rows.length,
    m = spec.indicators.length;
  if (!hasColumn(rows, spec.unit)) throw new AssessError('unit', `column "${spec.unit}" not found in data`);
  spec.indicators.forEach((d, j) => {
    if (!hasColumn(rows, d.column)) throw new AssessError(`indicators[${j}].column`, `column "${d.column}" not found in data`);
  });
  const units: string[] = new Array(n);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const raw = rows[i][spec.unit];
    const u = raw === null || raw === undefined ? '' : String(raw).trim();
    if (u === '') throw new AssessError('unit', `row ${i + 1} has no unit id in column "${spec.unit}"`);
    if (seen.has(u)) throw new AssessError('unit', `duplicate unit "${u}" (rows ${seen.get(u)! + 1} and ${i + 1})`);
    seen.set(u, i);
    units[i] = u;
  }
  const values = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    const col = spec.indicators[j].column;
    for (let i = 0; i < n; i++) {
      const x = parseCell(rows[i][col]);
      if (x === undefined)
        throw new AssessError(
          `indicators[${j}].column`,
          `column "${col}", row ${i + 1} (unit "${units[i]}"): "${String(rows[i][col])}" is not a number`
        );
      values[i * m + j] = x;
    }
  }
  const keys: Record<string, (string | null)[]> = {};
  const keyCols: [string, string][] = [];
  if (spec.rank_within) keyCols.push(['rank_within', spec.rank_within]);
  if (spec.impute.method !== 'none' && spec.impute.by) keyCols.push(['impute.by', spec.impute.by]);
  for (const [path, col] of keyCols) {
    if (!hasColumn(rows, col)) throw new AssessError(path, `column "${col}" not found in data`);
    keys[col] = rows.map((r) => (r[col] === null || r[col] === undefined || r[col] === '' ? null : String(r[col])));
  }
  return { n, m, units, values, keys };
}
