import { startServer } from './lib/server';
import { launchChromium } from './lib/chromium';
const { server, url } = await startServer('build', 0);
const b = await launchChromium();
const [paths, wait] = [process.argv[2].split(','), process.argv[3]];
for (const q of paths) {
  const p = await b.newPage({ viewport: { width: 412, height: 823 } });
  await p.addInitScript(() => {
    (window as any).__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as any).__long.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask', buffered: true });
  });
  await p.goto(url + q);
  await p.waitForSelector(wait, { timeout: 90_000 });
  await p.waitForTimeout(3000);
  const long = await p.evaluate(() => (window as any).__long);
  const ready = await p.evaluate(() => (globalThis as any).__duckdbReadyAt);
  console.log(q, 'duckdb ready', Math.round(ready), 'long tasks [start,ms]', JSON.stringify(long));
  await p.close();
}
await b.close();
server.close();
