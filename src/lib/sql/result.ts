// The console's view of a result: which quick chart fits its columns, the chart's ECharts option,
// how cells are shown, and pages of the table. Pure: no DOM, no DuckDB.
import type { Row } from '../types';
import { fmtNumber } from '../format';

export interface Column {
  name: string;
  kind: 'number' | 'text' | 'time' | 'other';
}

export type ChartKind = 'bar' | 'line' | 'scatter';

export interface ChartPlan {
  kind: ChartKind;
  /** Category or x column. */
  x: string;
  /** Value columns (y). */
  y: string[];
  /** Lines only: the text column whose values are drawn as one line each (time repeats across them). */
  by?: string;
  /** Rows drawn (bars: the first 60, points: the first 5,000). */
  rows: number;
}

const TIME_NAMES = /^(year|yr|年份|month|date|day)$/i;
const BARS = 60;
const POINTS = 5000;
const SERIES = 4;
/** Lines drawn when a text column splits the rows (the first ones in the result's order). */
const LINES = 12;
/** Two measures whose largest values differ more than this get an axis each. */
const SECOND_AXIS = 10;

/** Is a numeric column a time axis (a year column, or whole numbers 1900–2100 named like time)? */
function isTimeAxis(c: Column, rows: Row[]): boolean {
  if (c.kind === 'time') return true;
  if (c.kind !== 'number' || !TIME_NAMES.test(c.name)) return false;
  return rows.every(
    (r) => r[c.name] === null || (Number.isInteger(r[c.name]) && Number(r[c.name]) >= 1900 && Number(r[c.name]) <= 2100)
  );
}

/**
 * The quick chart for a result, from its column types:
 * a time column (year, date) and numbers → line (when a time value repeats, one line per value of the
 * first text column, of the first number; with no text column to split them, a scatter); a text column
 * and numbers → bar of the first text column against the first numbers; only numbers → scatter of the
 * first two; else none.
 */
export function planChart(columns: Column[], rows: Row[]): ChartPlan | null {
  if (!rows.length) return null;
  const time = columns.find((c) => isTimeAxis(c, rows));
  const numbers = columns.filter((c) => c.kind === 'number' && c !== time);
  if (!numbers.length) return null;
  const y = numbers.slice(0, SERIES).map((c) => c.name);
  const text = columns.find((c) => c.kind === 'text' && /^(name|名称)$/i.test(c.name)) ?? columns.find((c) => c.kind === 'text');
  if (time) {
    const shown = Math.min(rows.length, POINTS);
    const times = rows.slice(0, shown).map((r) => String(r[time.name]));
    if (new Set(times).size === times.length) return { kind: 'line', x: time.name, y, rows: shown };
    if (text) return { kind: 'line', x: time.name, y: y.slice(0, 1), by: text.name, rows: shown };
    return time.kind === 'number' ? { kind: 'scatter', x: time.name, y: y.slice(0, 1), rows: shown } : null;
  }
  if (text) return { kind: 'bar', x: text.name, y: y.slice(0, 2), rows: Math.min(rows.length, BARS) };
  if (numbers.length >= 2)
    return { kind: 'scatter', x: numbers[0].name, y: [numbers[1].name], rows: Math.min(rows.length, POINTS) };
  return null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** ECharts option for a plan (the chart component adds the demonstration label). */
export function chartOption(plan: ChartPlan, rows: Row[]): Record<string, unknown> {
  const shown = rows.slice(0, plan.rows);
  // The legend sits below the demonstration label the chart component draws in the top-right corner.
  const grid = { left: 56, right: 16, top: 52, bottom: plan.kind === 'bar' ? 80 : 40, containLabel: false };
  const legend = { top: 18, type: 'scroll' as const };
  if (plan.kind === 'scatter') {
    return {
      grid,
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', name: plan.x, nameLocation: 'middle', nameGap: 24, scale: true },
      yAxis: { type: 'value', name: plan.y[0], scale: true },
      series: [{ type: 'scatter', symbolSize: 4, data: shown.map((r) => [num(r[plan.x]), num(r[plan.y[0]])]), large: true }]
    };
  }
  if (plan.kind === 'line') return lineOption(plan, shown, grid, legend);
  const categories = shown.map((r) => String(r[plan.x] ?? '—'));
  return {
    grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { rotate: categories.length > 8 ? 45 : 0, interval: categories.length > 24 ? 'auto' : 0, fontSize: 10 }
    },
    yAxis: { type: 'value' },
    series: plan.y.map((name) => ({ name, type: 'bar', data: shown.map((r) => num(r[name])) }))
  };
}

type Key = string | number;
const byKey = (a: Key, b: Key) => (a < b ? -1 : a > b ? 1 : 0);
const largest = (rows: Row[], name: string) => Math.max(0, ...rows.map((r) => Math.abs(num(r[name]) ?? 0)));

/** Lines over the time axis in time order: one per value column, or one per value of `by`. */
function lineOption(plan: ChartPlan, shown: Row[], grid: object, legend: object): Record<string, unknown> {
  const times = [...new Set(shown.map((r) => r[plan.x] as Key).filter((v) => v !== null && v !== undefined))].sort(byKey);
  const along = (rows: Row[], name: string) => {
    const at = new Map(rows.map((r) => [r[plan.x] as Key, num(r[name])]));
    return times.map((x) => at.get(x) ?? null);
  };
  const line = { type: 'line', symbolSize: 6, connectNulls: false };
  let series: Record<string, unknown>[];
  let twoAxes = false;
  if (plan.by) {
    const by = plan.by;
    const groups = [...new Set(shown.map((r) => String(r[by] ?? '—')))].slice(0, LINES);
    series = groups.map((g) => ({
      ...line,
      name: g,
      data: along(
        shown.filter((r) => String(r[by] ?? '—') === g),
        plan.y[0]
      )
    }));
  } else {
    // Two measures of different sizes (units and a score): the second on an axis of its own.
    const [a, b] = plan.y.map((name) => largest(shown, name));
    twoAxes = plan.y.length === 2 && Math.min(a, b) > 0 && Math.max(a, b) / Math.min(a, b) > SECOND_AXIS;
    series = plan.y.map((name, i) => ({ ...line, name, data: along(shown, name), yAxisIndex: twoAxes ? i : 0 }));
  }
  const yAxis = { type: 'value', scale: true };
  return {
    grid: twoAxes ? { ...grid, right: 56 } : grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: times.map(String) },
    yAxis: twoAxes
      ? plan.y.map((name) => ({ ...yAxis, name, splitLine: { show: name === plan.y[0] } }))
      : { ...yAxis, name: plan.by ? plan.y[0] : undefined },
    series
  };
}

/** A cell as shown in the table: numbers with separators (up to 4 decimals), '—' for NULL. */
export function showCell(v: Row[string], kind: Column['kind']): string {
  if (v === null || v === undefined) return '—';
  if (kind === 'number' && typeof v === 'number') {
    if (Number.isInteger(v)) return Math.abs(v) >= 1900 && Math.abs(v) <= 2100 ? String(v) : fmtNumber(v, 0);
    return fmtNumber(v, Math.abs(v) >= 100 ? 2 : 4)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '');
  }
  return String(v);
}

export const PAGE_ROWS = 100;

/** Rows of page `page` (0-based) and how many pages there are. */
export function pageOf<T>(rows: T[], page: number, size = PAGE_ROWS): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { rows: rows.slice(p * size, (p + 1) * size), page: p, pages };
}
