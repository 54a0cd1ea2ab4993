// CSV export: RFC 4180 quoting, UTF-8 with BOM so Excel opens Chinese text correctly, and
// neutralised formula prefixes (= + - @) so a region name can never run as a spreadsheet formula.
import type { Cell } from './types';
export type { Cell };

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A number rounded to `decimals` + 2 places (no float noise such as 96.03174603174604); other cells unchanged. */
export function roundCell(v: Cell, decimals: number | undefined): Cell {
  if (typeof v !== 'number' || !Number.isFinite(v) || decimals === undefined) return v;
  return Number(v.toFixed(Math.min(20, Math.max(0, decimals + 2))));
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Let the browser save a text or data URL as a file (no network). */
export function download(filename: string, content: string | Blob, type = 'text/csv;charset=utf-8'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function downloadDataUrl(filename: string, dataUrl: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
