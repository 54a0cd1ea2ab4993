import { startServer } from './lib/server';
import { launchChromium } from './lib/chromium';
const { server, url } = await startServer('build', 0);
const b = await launchChromium();
const p = await b.newPage({ viewport: { width: Number(process.env.W ?? 1280), height: 900 } });
p.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
p.on('pageerror', (e) => console.log('pageerror', e.message));
p.on('request', (r) => { if (!r.url().includes('/_app/immutable/')) console.log('req', r.url().replace(url, '/')); });
await p.goto(url + (process.argv[2] ?? 'sql/'));
try { await p.waitForSelector('.sql[data-ready="yes"]', { timeout: 40_000 }); } catch (e) { console.log('timeout'); }
console.log(await p.locator('.sql').getAttribute('data-state'), await p.locator('[data-testid="sql-status"]').textContent());
console.log((await p.locator('.refused, .error').allTextContents()).join('|'));
console.log("scroll", await p.evaluate(() => [document.documentElement.scrollWidth, innerWidth]));
await b.close(); server.close();
