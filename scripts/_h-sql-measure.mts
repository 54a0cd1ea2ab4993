import { startServer } from './lib/server';
import { launchChromium } from './lib/chromium';
const { server, url } = await startServer('build', 0);
const b = await launchChromium();
const ctx = await b.newContext();
const reqs: string[] = [];
ctx.on('request', (r) => reqs.push(r.url()));
const p = await ctx.newPage();
const qs = process.argv.slice(2);
let n = 0;
await p.goto(url + 'sql/?q=' + encodeURIComponent(qs[0]));
for (const q of qs) {
  if (n > 0) { await p.locator('#sql-text').fill(q); await p.locator('[data-action="run"]').click(); }
  n++;
  const t0 = Date.now();
  await p.waitForSelector(`.sql[data-ready="yes"][data-run="${n}"]`, { timeout: 300_000 });
  const files = reqs.filter((u) => /\/data\/(units|names)\//.test(u)).length;
  console.log(JSON.stringify(q.slice(0, 70)), '|', (await p.locator('[data-testid="sql-status"]').textContent())!.replace(/\s+/g, ' '), '| unit+name requests so far', files, '| wall', Date.now() - t0, 'ms');
  const mem = await p.evaluate(() => (performance as any).memory?.usedJSHeapSize);
  console.log('  js heap MB', Math.round(mem / 1e6));
}
await b.close(); server.close();
