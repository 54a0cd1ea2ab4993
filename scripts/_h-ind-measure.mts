import { startServer } from './lib/server';
import { launchChromium } from './lib/chromium';
const { server, url } = await startServer('build', 0);
const b = await launchChromium();
for (const q of (process.argv[2] ?? ',?l=unit').split(',')) {
  const p = await b.newPage({ viewport: { width: 1440, height: 2700 } });
  await p.addInitScript(() => {
    (window as any).__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as any).__long.push(Math.round(e.duration)))).observe({ type: 'longtask', buffered: true });
  });
  const t0 = Date.now();
  await p.goto(url + q);
  await p.waitForSelector('[data-chart="histogram"][data-ready="yes"] .echart[data-rendered]', { timeout: 90_000 });
  const t1 = Date.now() - t0;
  await p.waitForSelector('[data-chart="scatter"][data-ready="yes"] .echart[data-rendered]', { timeout: 90_000 });
  const t2 = Date.now() - t0;
  const headline = await p.evaluate(() => performance.getEntriesByType('paint').map((e) => `${e.name}:${Math.round(e.startTime)}`));
  const ready = await p.evaluate(() => (globalThis as any).__duckdbReadyAt);
  const long = await p.evaluate(() => (window as any).__long as number[]);
  console.log(q || '(districts)', { histogram: t1, all: t2, duckdbReadyAt: Math.round(ready), paints: headline, longTasks: long.sort((a, b) => b - a).slice(0, 8) });
  await p.close();
}
await b.close();
server.close();
