// Slow 4G: a cold visit of /?r=440000 (Guangdong) under CDP network emulation — 150 ms latency,
// 1.6 Mbit/s down, 750 kbit/s up — without and with 4× CPU throttling. Time from navigation start
// until the KPI cards show Guangdong's figures (no card "—"), recorded in the page by an observer,
// and the bytes transferred until then (main document and its resources; workers fetch separately).
import type { Browser } from 'playwright-core';
import { freshPage, kb, median, ms, type Row } from './common';

const REGION = '440000';
const RUNS = Math.max(1, Number(process.env.SLOW_RUNS ?? 3));

const KPI_OBSERVER = (code: string) => `(() => {
  const done = () => {
    const k = document.querySelector('[data-testid="kpis"]');
    const v = [...document.querySelectorAll('[data-testid="kpi-value"]')].map((e) => (e.textContent || '').trim());
    return k && k.dataset.region === '${code}' && k.dataset.loaded === 'yes' && v.length > 0 && v.every((x) => x && x !== '—');
  };
  const obs = new MutationObserver(() => {
    if (window.__kpiAt || !done()) return;
    window.__kpiAt = performance.now();
    obs.disconnect();
  });
  obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

async function visit(browser: Browser, url: string, cpu: number) {
  const { ctx, page } = await freshPage(browser, { width: 412, height: 823 }, [KPI_OBSERVER(REGION)]);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: 1.6e6 / 8, // bytes per second
    uploadThroughput: 750e3 / 8
  });
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await page.goto(`${url}?r=${REGION}`, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForFunction(() => (window as unknown as { __kpiAt?: number }).__kpiAt, null, { timeout: 180_000, polling: 200 });
  const r = await page.evaluate(() => {
    const at = (window as unknown as { __kpiAt: number }).__kpiAt;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.responseEnd <= at);
    return { at, bytes: nav.transferSize + res.reduce((s, e) => s + e.transferSize, 0), requests: res.length + 1 };
  });
  await ctx.close();
  return r;
}

export async function slow4gBench(browser: Browser, url: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const cpu of [1, 4]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, url, cpu));
    const s = `slow 4G${cpu > 1 ? ` + ${cpu}× CPU` : ''}, /?r=${REGION} (median of ${runs.length})`;
    rows.push([s, "navigation → Guangdong's KPI figures shown", ms(median(runs.map((r) => r.at)))]);
    rows.push([s, '  per run', runs.map((r) => ms(r.at)).join(', ')]);
    rows.push([s, 'bytes transferred until then', kb(median(runs.map((r) => r.bytes)))]);
    rows.push([s, 'requests until then', String(median(runs.map((r) => r.requests)))]);
  }
  return rows;
}
