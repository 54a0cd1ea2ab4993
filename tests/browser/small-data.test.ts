// Any data shape renders: a site built from a small imported snapshot — one year, six units in one
// province, an all-urban district (南山区) and a villages-only city (东莞市) — shows sensible pages:
// a one-year trend is a point that says why there is no line, nothing asks for a year or province
// the manifest does not hold, and the colour scale spans the data's own values.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSite, newTab, mapReady, type Site } from './harness';
import { csvText, good, table } from '../unit/import-helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'cgo-small-'));
const UNITS: [string, string, number, number][] = [
  ['440305001001', '南头城社区居委会', 1, 61],
  ['440305001002', '<b>深南</b>社区居委会', 1, 74],
  ['440305002001', '沙河社区居委会', 1, 88],
  ['440305002002', '蛇口社区居委会', 1, 95],
  ['441900003201', '大岭山村村委会', 0, 40],
  ['441900003202', '长安村村委会', 0, 100]
];
let site: Site;

beforeAll(async () => {
  const rows = UNITS.map(([code, name, urban, score]) =>
    good(
      code,
      2025,
      name,
      urban,
      score > 50 ? { sat_overall: score } : { sat_overall: score, has_facility: 0, facility_area: 0, activity_area: 0 }
    )
  );
  writeFileSync(path.join(dir, 'small.csv'), csvText(table(rows)));
  const opts = { cwd: process.cwd(), stdio: 'pipe' as const };
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/import.ts', path.join(dir, 'small.csv'), '--out', path.join(dir, 'static', 'data')],
    opts
  );
  copyFileSync('static/favicon.svg', path.join(dir, 'static', 'favicon.svg'));
  symlinkSync(path.resolve('static/geo'), path.join(dir, 'static', 'geo'));
  mkdirSync(path.join(dir, 'build'));
  execFileSync('npx', ['vite', 'build'], {
    ...opts,
    env: { ...process.env, CGO_STATIC: path.join(dir, 'static'), CGO_BUILD: path.join(dir, 'build') }
  });
  site = await openSite(path.join(dir, 'build'));
}, 300_000);
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

const manifest = () => JSON.parse(readFileSync(path.join(dir, 'static', 'data', 'manifest.json'), 'utf8'));

describe('a small imported snapshot (one year, six units, one province)', () => {
  it('the overview shows real figures, no demonstration label, and a one-year trend that says why it has no line', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(site.url);
    await mapReady(page, '000000');
    expect(await page.locator('[data-testid="demo-banner"]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="kpi-value"]').first().textContent()).not.toBe('—');
    await page.locator('[data-panel="trend"]').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('[data-testid="single-year"]').count(), { timeout: 30_000 }).toBe(1);
    // The map legend spans the provinces' own values, not a fixed 0–100 (one province: one value).
    const ticks = await page.locator('[data-testid="legend"] span').allTextContents();
    expect(ticks.length).toBeGreaterThan(0);
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  });

  it('drilling down asks only for years and provinces the manifest holds', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}?r=440305`);
    await mapReady(page, '440300');
    await page.waitForSelector('[data-testid="units"] li', { timeout: 60_000 });
    expect(await page.locator('[data-testid="units"] li').count()).toBe(4);
    // A name with markup is text.
    expect(await page.locator('[data-testid="units"] b').count()).toBe(0);
    // Hover every province on the national map (prefetch), then look at what was requested.
    await page.goto(site.url);
    await mapReady(page, '000000');
    for (const p of await page.locator('[data-testid="map"] path[data-code]').all()) await p.hover({ force: true });
    const m = manifest();
    const asked = tab.requests.filter((u) => u.includes('/data/'));
    const years = asked.map((u) => /\/units\/(\d{4})\//.exec(u)?.[1]).filter(Boolean);
    expect(years.every((y) => m.years.includes(Number(y)))).toBe(true);
    const summaries = asked
      .map((u) => /\/summary\/(\d{2})\d{4}\.json/.exec(u)?.[1])
      .filter((p): p is string => !!p && p !== '00');
    expect(summaries.every((p) => m.provinces.includes(p))).toBe(true);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
