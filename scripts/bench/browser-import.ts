// A 100,000-row file in the browser (DESIGN.md budget: validating it and loading it never block the
// main thread for more than 50 ms): checked on /import/ in the worker, then explored — snapshots
// built in DuckDB-WASM, kept in IndexedDB, the overview opened on them. Long tasks are recorded by an
// init script into sessionStorage, so they survive the page load that opens the file.
import type { Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDuck, lit } from '../lib/duck';
import { freshPage, max, median, ms, RUNS, type Row } from './common';

const ROWS = 100_000;
const RECORD_LONG_TASKS = `new PerformanceObserver((l) => {
  const a = JSON.parse(sessionStorage.getItem('cgo-bench-lt') || '[]');
  for (const e of l.getEntries()) a.push([location.pathname, Math.round(e.startTime), Math.round(e.duration)]);
  sessionStorage.setItem('cgo-bench-lt', JSON.stringify(a));
}).observe({ type: 'longtask' });
addEventListener('pagehide', () => sessionStorage.setItem('cgo-bench-marks', JSON.stringify(
  performance.getEntriesByType('mark').filter((m) => m.name.startsWith('cgo-local:')).map((m) => [m.name.slice(10), Math.round(m.startTime)]))));`;

type Task = [path: string, start: number, duration: number];

/** One file checked and explored `runs` times: medians of times, maxima of long tasks. */
async function measure(browser: Browser, url: string, file: string, runs: number) {
  const stages: string[] = [];
  const check: number[] = [],
    open: number[] = [],
    checkTask: number[] = [],
    buildTask: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ctx, page } = await freshPage(browser, undefined, [RECORD_LONG_TASKS]);
    await page.goto(`${url}import/`);
    await page.waitForSelector('.import[data-ready="yes"]');
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('[data-testid="import-file"]').setInputFiles(file);
    await page.waitForSelector('[data-testid="report-summary"][data-ok="yes"]', { timeout: 300_000 });
    const t1 = await page.evaluate(() => performance.now());
    await page.locator('[data-action="explore-local"]').click();
    await page.waitForSelector('[data-testid="local-banner"]', { timeout: 300_000 });
    await page.waitForSelector('[data-testid="kpis"][data-loaded="yes"]', { timeout: 120_000 });
    open.push(await page.evaluate(() => performance.now())); // since the load that opened the file
    const tasks = JSON.parse((await page.evaluate(() => sessionStorage.getItem('cgo-bench-lt'))) ?? '[]') as Task[];
    const onImport = tasks.filter(([p]) => p.endsWith('/import/'));
    check.push(t1 - t0);
    checkTask.push(Math.max(0, ...onImport.filter(([, s]) => s >= t0 && s < t1).map(([, , d]) => d)));
    const building = onImport.filter(([, s]) => s >= t1).sort((a, b) => b[2] - a[2]);
    buildTask.push(building[0]?.[2] ?? 0);
    // The stage each long task fell in (the marks ExplorePanel sets), for finding what blocks.
    const marks = JSON.parse((await page.evaluate(() => sessionStorage.getItem('cgo-bench-marks'))) ?? '[]') as [
      string,
      number
    ][];
    const stageOf = (t: number) => marks.filter(([, at]) => at <= t).pop()?.[0] ?? 'start';
    for (const [, s, d] of building.slice(0, 3)) stages.push(`${stageOf(s)} ${d} ms`);
    await ctx.close();
  }
  return { check, open, checkTask, buildTask, stages };
}

export async function browserImportBench(browser: Browser, url: string): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cgo-bench-page-'));
  try {
    const csv = join(dir, 'units-100k.csv');
    const parquet = join(dir, 'units-100k.parquet');
    const con = await openDuck();
    await con.run(`CREATE TABLE f AS SELECT * FROM read_parquet(${lit(resolve('data/generated/base.parquet'))}) WHERE year = 2025
                   ORDER BY code LIMIT ${ROWS}`);
    await con.run(`COPY f TO ${lit(csv)} (HEADER)`);
    await con.run(`COPY f TO ${lit(parquet)} (FORMAT PARQUET)`);
    con.closeSync();
    const runs = Math.min(RUNS, 3);
    const rows: Row[] = [];
    for (const [kind, file] of [
      ['CSV', csv],
      ['Parquet', parquet]
    ]) {
      const m = await measure(browser, url, file, runs);
      rows.push(
        [`browser import ${ROWS.toLocaleString('en')}-row ${kind}`, `check (${runs} runs)`, ms(median(m.check))],
        ['', 'longest main-thread task while checking (max)', ms(max(m.checkTask)), '≤ 50 ms'],
        ['', 'longest main-thread task while building snapshots (max)', ms(max(m.buildTask)), '≤ 50 ms'],
        ['', 'long tasks while building, by stage', m.stages.join(', ') || 'none'],
        ['', 'opened overview: load → KPIs of the file', ms(median(m.open))]
      );
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
