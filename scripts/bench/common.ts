// Shared pieces of `npm run bench`: run count, statistics, formatting, the printed table, and the
// built site served with compression to headless Chromium (Playwright for in-page figures).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';

export const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));

export const median = (xs: number[]) => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);
export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 0)} ms` : '—');
export const kb = (b: number) => (Number.isFinite(b) ? `${(b / 1024).toFixed(0)} KB` : '—');
export const pct = (a: number, b: number) => (Number.isFinite(a / b) ? `${((100 * a) / b).toFixed(0)} %` : '—');
export const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '—');

/** One printed row: a section, what is measured, the figure, and the budget of DESIGN.md if any. */
export type Row = [section: string, figure: string, value: string, budget?: string];

/** Print rows as an aligned table (widths count CJK characters as two columns). */
export function printTable(title: string, rows: Row[]): void {
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(c) ? 2 : 1), 0);
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
  const cols = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => width(r[i] ?? '')), 0));
  const line = (r: string[]) => '  ' + r.map((c, i) => pad(c, cols[i])).join(' │ ');
  console.log(`\n${title}`);
  console.log(line(['section', 'figure', 'value', 'budget']));
  console.log('  ' + cols.map((w) => '─'.repeat(w)).join('─┼─'));
  let last = '';
  for (const r of rows) {
    console.log(line([r[0] === last ? '' : r[0], r[1], r[2], r[3] ?? '']));
    last = r[0];
  }
}

/** A fresh browser context with the init scripts every bench page needs. */
export async function freshPage(
  browser: Browser,
  viewport = { width: 1440, height: 900 },
  initScripts: string[] = []
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport });
  // tsx keeps function names with a __name helper that does not exist inside the page.
  await ctx.addInitScript('window.__name = (f) => f;');
  for (const s of initScripts) await ctx.addInitScript(s);
  return { ctx, page: await ctx.newPage() };
}

/** A fresh tab on the overview with DuckDB ready. */
export async function readyPage(browser: Browser, url: string) {
  const { ctx, page } = await freshPage(browser);
  await page.goto(url);
  await page.waitForSelector('[data-db="ready"]', { timeout: 120_000 });
  return { ctx, page };
}

/** Which Content-Encoding the server answers with for a path (Lighthouse and slow 4G need compression). */
export function contentEncoding(url: string): Promise<string> {
  return new Promise((ok, fail) => {
    const req = request(url, { headers: { 'accept-encoding': 'br, gzip, deflate' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const enc = String(res.headers['content-encoding'] ?? 'none');
        if (enc === 'gzip') gunzipSync(Buffer.concat(chunks)); // throws if the body is not gzip
        ok(enc);
      });
    });
    req.on('error', fail);
    req.end();
  });
}

/** Is this part selected by BENCH_ONLY (comma-separated; unset = all)? */
export function selected(part: string): boolean {
  const only = process.env.BENCH_ONLY?.trim();
  if (!only) return true;
  return only.split(',').some((p) => p.trim() === part);
}

/** Result of one bench part: its rows for the table. */
export type Part = { name: string; run: () => Promise<Row[]> };
