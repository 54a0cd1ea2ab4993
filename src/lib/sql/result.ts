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
  /** Rows drawn (bars: the first 60, points: the first 5,000). */
  rows: number;
}

const TIME_NAMES = /^(year|yr|年份|month|date|day)$/i;
const BARS = 60;
const POINTS = 5000;
const SERIES = 4;

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
 * a time column (year, date) and numbers → line; a text column and numbers → bar of the first text
 * column against the first numbers; only numbers → scatter of the first two; else none.
 */
export function planChart(columns: Column[], rows: Row[]): ChartPlan | null {
  if (!rows.length) return null;
  const time = columns.find((c) => isTimeAxis(c, rows));
  const numbers = columns.filter((c) => c.kind === 'number' && c !== time);
  if (!numbers.length) return null;
  const y = numbers.slice(0, SERIES).map((c) => c.name);
  if (time) return { kind: 'line', x: time.name, y, rows: Math.min(rows.length, POINTS) };
  const text = columns.find((c) => c.kind === 'text' && /^(name|名称)$/i.test(c.name)) ?? columns.find((c) => c.kind === 'text');
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
  const categories = shown.map((r) => String(r[plan.x] ?? '—'));
  return {
    grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel:
        plan.kind === 'bar'
          ? { rotate: categories.length > 8 ? 45 : 0, interval: categories.length > 24 ? 'auto' : 0, fontSize: 10 }
          : {}
    },
    yAxis: { type: 'value', scale: plan.kind === 'line' },
    series: plan.y.map((name) => ({
      name,
      type: plan.kind,
      data: shown.map((r) => num(r[name])),
      ...(plan.kind === 'line' ? { symbolSize: 6 } : {})
    }))
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
