// Explorer: a brush on the histogram over all 620,573 units of a year, answered from the
// pre-aggregated bins (the cubes' rows held in the page as prefix-sum indexes). Each run moves the
// brush to a new range the way a drag does (ECharts' brush action, as a pointer move fires it) and
// measures in the page: the answer (sums from the indexes), and brush → the next frame after the
// scatter and the group-by table show that range. For comparison, the same answer as three SQL
// queries over the cubes in DuckDB-WASM (the way Mosaic answers a brush). Also the cube build for
// the filter and the memory the page and DuckDB hold.
import type { Browser } from 'playwright-core';
import { readdirSync, statSync } from 'node:fs';
import { freshPage, max, median, ms, type Row } from './common';

const BRUSHES = Math.max(5, Number(process.env.BENCH_BRUSHES ?? 30));

type Sample = { total: number; query: number };

export async function exploreBench(browser: Browser, url: string): Promise<Row[]> {
  const { ctx, page } = await freshPage(browser);
  await page.goto(url + 'explore/');
  // Wait for every view (the box plots and the matrix are asked for when scrolled to; the matrix
  // comes last), so brushes meet an idle query queue; then back to the top, where the brush is.
  await page.waitForSelector('.explore[data-ready="yes"]', { timeout: 180_000 });
  for (const panel of ['box', 'corr']) await page.locator(`[data-panel="${panel}"]`).scrollIntoViewIfNeeded();
  await page.waitForSelector('.explore[data-ready="yes"][data-slow="yes"][data-corr="yes"]', { timeout: 180_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForSelector('[data-chart="histogram"] .echart[data-drawn^="ex_bins_"]');
  const units = Number(await page.locator('.explore').getAttribute('data-count'));
  const prepareMs = Number(await page.locator('.explore').getAttribute('data-prepare-ms'));
  const nbins = Number(await page.locator('[data-chart="histogram"]').getAttribute('data-nbins'));
  const samples: Sample[] = [];
  for (let i = 0; i < BRUSHES; i++) {
    // Distinct ranges: a drag sweeping across the histogram.
    const a = i % Math.max(1, nbins - 6);
    const b = Math.min(nbins - 1, a + 3 + (i % 4));
    const sample = await page.evaluate(
      ([a, b]) =>
        new Promise<Sample>((resolve) => {
          const root = document.querySelector('.explore') as HTMLElement;
          const want = `:${a}-${b}:`;
          const done = () => {
            const key = root.dataset.fastKey ?? '';
            if (!key.includes(want) || root.dataset.ready !== 'yes') return false;
            const scatter = document.querySelector('[data-chart="scatter"] .echart') as HTMLElement;
            const table = document.querySelector('[data-testid="group-table"]') as HTMLElement;
            return scatter?.dataset.drawn === key && table?.dataset.drawn === key;
          };
          const obs = new MutationObserver(() => {
            if (!done()) return;
            obs.disconnect();
            requestAnimationFrame(() => resolve({ total: performance.now() - t0, query: Number(root.dataset.queryMs) }));
          });
          obs.observe(document, { subtree: true, attributes: true, childList: true });
          const el = document.querySelector('[data-chart="histogram"] .echart') as unknown as {
            __echarts: { dispatchAction: (a: object) => void };
          };
          const t0 = performance.now();
          el.__echarts.dispatchAction({ type: 'brush', areas: [{ brushType: 'lineX', xAxisIndex: 0, coordRange: [a, b] }] });
        }),
      [a, b]
    );
    samples.push(sample);
  }
  // The same brushes as SQL over the cube tables (count and moments, density cells, group-by rows).
  const gen = (await page.locator('[data-chart="histogram"] .echart').getAttribute('data-drawn'))!.split('_').pop();
  const sqlMs: number[] = await page.evaluate(
    async ([gen, nbins, n]) => {
      const cgo = (window as unknown as { __cgo: { sql: (s: string) => Promise<unknown[]> } }).__cgo;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const a = i % Math.max(1, nbins - 6);
        const w = `b BETWEEN ${a} AND ${Math.min(nbins - 1, a + 3 + (i % 4))} AND ${i} >= 0`; // distinct texts: no cached answer
        const t0 = performance.now();
        await Promise.all([
          cgo.sql(`SELECT sum(units), sum(n), sum(sx), sum(sy), sum(sxx), sum(syy), sum(sxy) FROM ex_bins_${gen} WHERE ${w}`),
          cgo.sql(`SELECT bx, "by", sum(n) FROM ex_xy_${gen} WHERE ${w} GROUP BY ALL`),
          cgo.sql(`SELECT g, year, sum(units) FROM ex_group_${gen} WHERE ${w} GROUP BY ALL`)
        ]);
        out.push(performance.now() - t0);
      }
      return out;
    },
    [gen, nbins, BRUSHES] as [string, number, number]
  );
  const memory = await page.evaluate(async () => {
    const cgo = (window as unknown as { __cgo: { sql: (s: string) => Promise<Record<string, unknown>[]> } }).__cgo;
    const [db] = await cgo.sql('PRAGMA database_size');
    const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
    return { duckdb: String(db.memory_usage), heap };
  });
  await ctx.close();
  // The unit files the explorer registered with DuckDB (held as Parquet bytes in the worker, outside
  // DuckDB's own accounting): one year of every province.
  const year = 'static/data/units/' + readdirSync('static/data/units').sort().at(-1);
  const parquetBytes = readdirSync(year).reduce((sum, f) => sum + statSync(`${year}/${f}`).size, 0);
  const q = samples.map((s) => s.query);
  const t = samples.map((s) => s.total);
  const sec = `explore (${units.toLocaleString('en')} units, ${BRUSHES} brushes)`;
  return [
    [sec, 'cube build for the filter (3 scans)', ms(prepareMs)],
    [sec, 'brush query time (sums from the cube indexes), median / max', `${ms(median(q))} / ${ms(max(q))}`, '≤ 16 ms'],
    [sec, 'the same brushes as SQL over the cubes (DuckDB-WASM), median / max', `${ms(median(sqlMs))} / ${ms(max(sqlMs))}`],
    [sec, 'brush → charts updated, median / max', `${ms(median(t))} / ${ms(max(t))}`, '≤ 100 ms'],
    [sec, 'memory DuckDB holds (PRAGMA database_size: cubes)', memory.duckdb],
    [sec, 'Parquet registered with DuckDB (one year, all units)', `${(parquetBytes / 2 ** 20).toFixed(1)} MB`],
    [sec, 'JS heap of the page', Number.isFinite(memory.heap) ? `${(memory.heap / 2 ** 20).toFixed(0)} MB` : '—']
  ];
}
