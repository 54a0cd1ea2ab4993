// Rankings: plain re-rank of every district of the country, and 1,000 Monte Carlo runs in the worker
// while the main thread stays responsive (longest main-thread task while it runs).
import type { Browser } from 'playwright-core';
import { RUNS, freshPage, median, ms, type Row } from './common';

const LONG_TASKS = `window.__long = []; try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); } catch {}`;

export async function rankingsBench(browser: Browser, url: string): Promise<Row[]> {
  const out = { rerankEngine: [] as number[], rerankEndToEnd: [] as number[], mcTotal: [] as number[], longest: [] as number[] };
  let units = 0;
  for (let i = 0; i < RUNS; i++) {
    const { ctx, page } = await freshPage(browser, undefined, [LONG_TASKS]);
    await page.goto(url + 'rankings/');
    await page.waitForSelector('.rankings[data-ready="yes"]', { timeout: 120_000 });
    units = Number((await page.locator('[data-testid="count"]').textContent())!.match(/\d+/)![0]);
    const seq = Number(await page.locator('.rankings').getAttribute('data-seq'));
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('[data-weight="burden"]').fill(String(20 + i));
    await page.waitForSelector(`.rankings[data-seq="${seq + 1}"][data-ready="yes"]`, { timeout: 60_000 });
    out.rerankEndToEnd.push((await page.evaluate(() => performance.now())) - t0);
    out.rerankEngine.push(Number(await page.locator('.rankings').getAttribute('data-nominal-ms')));
    // 1,000 Monte Carlo runs.
    const t1 = await page.evaluate(() => performance.now());
    await page.locator('[data-control="runs"]').selectOption('1000');
    await page.waitForSelector('.rankings[data-mc="done"]', { timeout: 180_000 });
    const t2 = await page.evaluate(() => performance.now());
    out.mcTotal.push(t2 - t1);
    const long = await page.evaluate(
      ([a, b]) =>
        (window as unknown as { __long: [number, number][] }).__long.filter(([s]) => s >= a && s <= b).map(([, d]) => d),
      [t1, t2]
    );
    out.longest.push(long.length ? Math.max(...long) : 0);
    await ctx.close();
  }
  const s = `rankings (${units} districts)`;
  return [
    [s, 're-rank, engine', ms(median(out.rerankEngine))],
    [s, 're-rank, slider → table', ms(median(out.rerankEndToEnd))],
    [s, '1,000 Monte Carlo runs (worker)', ms(median(out.mcTotal))],
    [s, 'longest main-thread task meanwhile', ms(median(out.longest)), '≤ 50 ms (0 = none over 50)']
  ];
}
