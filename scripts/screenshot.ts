// Screenshots of pages at several sizes, for looking at what users see:
//   npx tsx scripts/screenshot.ts [path?query] [--sizes 1920x1080,1366x768,390x844] [--out tests/artifacts]
import { startServer } from './lib/server';
import { launchChromium } from './lib/chromium';
import { mkdirSync } from 'node:fs';

const arg = (k: string, d: string) => {
  const i = process.argv.indexOf(k);
  return i > 0 ? process.argv[i + 1] : d;
};
const target = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '';
const sizes = arg('--sizes', '1920x1080,1366x768,390x844')
  .split(',')
  .map((s) => s.split('x').map(Number));
const out = arg('--out', 'tests/artifacts');
const wait = arg('--wait', '[data-map-ready="yes"], .rankings[data-ready="yes"]');
mkdirSync(out, { recursive: true });
const { server, url } = await startServer('build', 0);
const browser = await launchChromium();
const errors: string[] = [];
for (const [w, h] of sizes) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url + target);
  await page.waitForSelector(wait, { timeout: 90_000 }).catch(() => errors.push('timeout waiting for ' + wait));
  await page.waitForTimeout(800);
  // At most 100 characters of the path in the name (a long ?q= query would pass the file system's limit).
  const name = `${out}/${(target || 'index').replace(/[^a-z0-9]+/gi, '_').slice(0, 100)}-${w}x${h}.png`;
  await page.screenshot({ path: name, fullPage: process.argv.includes('--full') });
  console.log(name);
  await page.close();
}
if (errors.length) console.log('errors:', errors.slice(0, 10));
await browser.close();
server.close();
