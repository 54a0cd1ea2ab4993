// Cold loads of the built site (a fresh browser context each): time to the first KPI value in the
// DOM against the time DuckDB-WASM is ready, bytes transferred before the first KPI, and — when
// selected — one drill-down per load (the first click of a visit, nothing cached yet).
import type { Browser } from 'playwright-core';
import { RUNS, freshPage, kb, max, median, ms, pct, type Row } from './common';
import { DRILL_CODE, SECOND_CODE, drillOnce, type Drill } from './drill';

type Cold = { kpi: number[]; ready: number[]; bytes: number[]; jsBytes: number[]; drill: Drill[]; drill2: Drill[] };

// Record the moment the first KPI value enters the DOM (polling from outside would add its own delay).
const KPI_OBSERVER = `new MutationObserver(() => {
  const el = document.querySelector('[data-testid="kpi-value"]');
  if (el && /\\d/.test(el.textContent) && !window.__kpiAt) window.__kpiAt = performance.now();
}).observe(document, { subtree: true, childList: true, characterData: true });`;

/** Cold loads over a network profile; `mbit` null = unthrottled localhost. */
async function coldLoads(browser: Browser, url: string, mbit: number | null, drill: boolean): Promise<Cold> {
  const cold: Cold = { kpi: [], ready: [], bytes: [], jsBytes: [], drill: [], drill2: [] };
  const runs = drill ? Math.max(5, RUNS) : RUNS; // at least 5 drill-downs
  for (let i = 0; i < runs; i++) {
    const { ctx, page } = await freshPage(browser, undefined, [KPI_OBSERVER]);
    if (mbit) {
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 5,
        downloadThroughput: (mbit * 1e6) / 8,
        uploadThroughput: (mbit * 1e6) / 8
      });
    }
    await page.goto(url);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-value"]')?.textContent ?? ''), null, {
      timeout: 60_000
    });
    const first = await page.evaluate(() => {
      const at = (window as unknown as { __kpiAt: number }).__kpiAt;
      const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.responseEnd <= at);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const bytes = nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0);
      const js = res.filter((r) => /\.(m?js)$/.test(new URL(r.name).pathname)).reduce((s, r) => s + r.transferSize, 0);
      return { t: at, bytes, js };
    });
    await page.waitForSelector('[data-db="ready"]', { timeout: 120_000 });
    cold.kpi.push(first.t);
    cold.ready.push(await page.evaluate(() => (window as unknown as { __duckdbReadyAt: number }).__duckdbReadyAt));
    cold.bytes.push(first.bytes);
    cold.jsBytes.push(first.js);
    if (drill) {
      cold.drill.push(await drillOnce(page, DRILL_CODE));
      // Back to the nation, then a second province: the code is loaded, its figures are not.
      await page.goBack();
      cold.drill2.push(await drillOnce(page, SECOND_CODE));
    }
    await ctx.close();
  }
  return cold;
}

export async function loadBench(browser: Browser, url: string, parts: { load: boolean; drill: boolean }): Promise<Row[]> {
  const rows: Row[] = [];
  const profiles: [string, number | null][] = parts.load
    ? [
        ['localhost', null],
        ['100 Mbit/s', 100]
      ]
    : [['localhost', null]];
  for (const [label, mbit] of profiles) {
    const c = await coldLoads(browser, url, mbit, parts.drill && mbit === null);
    if (parts.load) {
      const section = `cold load, ${label}`;
      rows.push([section, 'first KPI value in the DOM', ms(median(c.kpi))]);
      rows.push([section, 'DuckDB-WASM ready', ms(median(c.ready))]);
      rows.push([section, 'first KPI as share of DuckDB ready', pct(median(c.kpi), median(c.ready)), '≤ 25 %']);
      if (mbit === null) {
        rows.push([section, 'bytes before first KPI', kb(median(c.bytes)), '≤ 300 KB']);
        rows.push([section, '  of which JavaScript', kb(median(c.jsBytes))]);
      }
    }
    const drills: [string, Drill[]][] = [
      [`drill-down 广东 (${c.drill.length} cold runs)`, c.drill],
      ['second drill (back, then 江苏)', c.drill2]
    ];
    for (const [section, d] of drills) {
      if (!d.length) continue;
      const total = d.map((x) => x.total);
      rows.push([section, 'click → KPIs + map painted, median', ms(median(total)), '≤ 100 ms']);
      rows.push([section, 'click → KPIs + map painted, max', ms(max(total))]);
      rows.push([
        section,
        '  KPIs updated / map updated (medians)',
        `${ms(median(d.map((x) => x.kpis)))} / ${ms(median(d.map((x) => x.map)))}`
      ]);
    }
  }
  return rows;
}
