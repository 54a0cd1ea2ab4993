// The overview in Chromium: KPIs from the small JSON before DuckDB is ready, then map and charts
// from DuckDB; drill-down province → city → district updates map, KPIs, rankings and URL; the URL
// restores the view; traffic lights agree with the targets; nothing leaves the origin.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { openSite, newTab, mapReady, pngPixels, DEMO_LABEL_BOX, type Site, DUCKDB_ENGINE } from './harness';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

const summary = JSON.parse(readFileSync('static/data/summary/000000.json', 'utf8')) as { columns: string[]; rows: unknown[][] };
const national = summary.rows
  .map((r) => Object.fromEntries(summary.columns.map((c, i) => [c, r[i]])) as Record<string, number | string>)
  .filter((r) => r.code === '000000');
const nat = (type: string, year: number) => national.find((r) => r.type === type && r.year === year)!;
/** The number shown in a KPI card ("79.4%" → 79.4). */
const shown = (s: string) => Number(s.replace(/[^\d.\-−]/g, '').replace('−', '-'));

describe('overview', () => {
  it('paints national KPIs before DuckDB is ready, then map, chart and engine', async () => {
    const tab = await newTab(site);
    // Hold the DuckDB engine's files (worker script and wasm) until the KPIs have been checked.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await tab.context.route(DUCKDB_ENGINE, async (route) => {
      await held;
      await route.continue();
    });
    await tab.page.goto(site.url);
    const first = tab.page.locator('[data-indicator="facility_coverage_rural"] [data-testid="kpi-value"]');
    await expect.poll(() => first.textContent(), { timeout: 30_000 }).toMatch(/\d/);
    expect(await tab.page.locator('[data-db]').getAttribute('data-db')).toBe('loading');
    expect(await tab.page.locator('[data-testid="kpi-value"]').count()).toBe(7);
    expect(shown((await first.textContent())!)).toBeCloseTo(Number(nat('all', 2025).facility_coverage_rural), 1);
    await expect.poll(() => tab.page.locator('[data-testid="demo-banner"]').count()).toBe(1);
    // The map needs no DuckDB (per-region summaries): it is ready while the engine is still held.
    await mapReady(tab.page, '000000');
    expect(await tab.page.locator('[data-db]').getAttribute('data-db')).toBe('loading');
    release();
    await tab.page.waitForSelector('[data-db="ready"]', { timeout: 60_000 });
    expect(await tab.page.locator('[data-testid="map"] path[data-code]').count()).toBe(31);
    await tab.page.waitForSelector('[data-panel="compare"] .echart[data-rendered]');
    expect(await tab.page.locator('[data-list="best"] li').count()).toBe(5);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('a slow answer for a region left behind never overwrites the current view', async () => {
    const tab = await newTab(site);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await tab.context.route(/summary\/440000\.json/, async (route) => {
      await held;
      await route.continue();
    });
    // Open Guangdong while its figures cannot arrive, then go back to the nation before they do.
    await tab.page.goto(`${site.url}?r=440000`);
    await tab.page.locator('[data-testid="breadcrumbs"] button[data-code="000000"]').click({ timeout: 30_000 });
    await tab.page.waitForSelector('[data-testid="kpis"][data-region="000000"][data-loaded="yes"]');
    const arrived = tab.page.waitForEvent('requestfinished', (r) => r.url().includes('summary/440000.json'));
    release();
    await arrived;
    // Let the page handle the late answer (two frames), then check it was dropped.
    await tab.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await tab.page.locator('[data-testid="kpis"]').getAttribute('data-region')).toBe('000000');
    const v = Number(
      await tab.page.locator('[data-indicator="facility_coverage_rural"] [data-testid="kpi-value"]').getAttribute('data-value')
    );
    expect(v).toBeCloseTo(Number(nat('all', 2025).facility_coverage_rural), 6);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('traffic lights agree with the targets (hand-checked)', async () => {
    const tab = await newTab(site);
    const light = (id: string) => tab.page.locator(`[data-indicator="${id}"]`).getAttribute('data-light');
    // The full-precision value (the card shows it rounded), so thresholds are checked exactly.
    const value = async (id: string) =>
      Number(await tab.page.locator(`[data-indicator="${id}"] [data-testid="kpi-value"]`).getAttribute('data-value'));
    for (const year of [2019, 2025]) {
      await tab.page.goto(`${site.url}?y=${year}`);
      // The prerendered cards show the latest year until the page has read the URL: wait for this year's.
      await tab.page.waitForSelector(`[data-testid="kpis"][data-year="${year}"][data-loaded="yes"]`);
      // rural coverage: target 80 %, red at 50 %: green ≥ 80, yellow > 65, orange > 50, red ≤ 50
      const r = await value('facility_coverage_rural');
      expect(await light('facility_coverage_rural')).toBe(r >= 80 ? 'green' : r > 65 ? 'yellow' : r > 50 ? 'orange' : 'red');
      // workers per 10k urban residents: target 18, red 12 → yellow above 15
      const w = await value('workers_per_10k');
      expect(await light('workers_per_10k')).toBe(w >= 18 ? 'green' : w > 15 ? 'yellow' : w > 12 ? 'orange' : 'red');
      // work items, lower is better: target ≤ 85, red 200 → yellow below 142.5
      const a = await value('admin_items');
      expect(await light('admin_items')).toBe(a <= 85 ? 'green' : a < 142.5 ? 'yellow' : a < 200 ? 'orange' : 'red');
      // satisfaction has no official target: no light
      expect(await light('satisfaction_score')).toBe('none');
    }
    // The demo calibration: rural coverage 2019 ≈ 59 % (orange), 2025 just under 80 % (yellow).
    expect(await light('facility_coverage_rural')).toBe('yellow');
    await tab.context.close();
  });

  it('drills province → city → district; URL, KPIs, map and rankings follow; the URL restores the view', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}?i=certified_share`);
    await mapReady(page, '000000');
    const kpi = () => page.locator('[data-indicator="certified_share"] [data-testid="kpi-value"]').textContent();
    const nationalValue = await kpi();

    await page.locator('[data-testid="map"] path[data-code="440000"]').click();
    await mapReady(page, '440000');
    expect(new URL(page.url()).searchParams.get('r')).toBe('440000');
    await page.waitForSelector('[data-testid="kpis"][data-region="440000"][data-loaded="yes"]');
    await expect.poll(kpi).not.toBe(nationalValue);
    const cities = await page
      .locator('[data-testid="map"] path[data-code]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(cities.length).toBeGreaterThan(15);
    expect(cities.every((c) => c!.startsWith('44') && c!.endsWith('00'))).toBe(true);
    const ranked = await page
      .locator('[data-list="best"] button')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(ranked.every((c) => c!.startsWith('44'))).toBe(true);

    await page.locator('[data-testid="map"] path[data-code="440300"]').click(); // 深圳市
    await mapReady(page, '440300');
    const districts = await page
      .locator('[data-testid="map"] path[data-code]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(districts.length).toBeGreaterThan(4);
    const d = districts.find((c) => c !== null && c.startsWith('4403'))!;
    await page.locator(`[data-testid="map"] path[data-code="${d}"]`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('r')).toBe(d);
    await expect.poll(() => page.locator('[data-testid="kpis"]').getAttribute('data-region')).toBe(d);
    await expect
      .poll(() => page.locator('[data-testid="breadcrumbs"] [aria-current="location"]').getAttribute('data-code'))
      .toBe(d);
    await page.waitForSelector('[data-testid="kpis"][data-loaded="yes"]');
    const districtValue = await kpi();
    const districtUrl = page.url();

    // Back goes up to the city; forward returns.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('r')).toBe('440300');
    await page.goForward();
    await expect.poll(() => new URL(page.url()).searchParams.get('r')).toBe(d);

    // A fresh tab on the same URL restores the same view.
    const fresh = await newTab(site);
    await fresh.page.goto(districtUrl);
    await mapReady(fresh.page, '440300');
    await fresh.page.waitForSelector(`[data-testid="kpis"][data-region="${d}"][data-loaded="yes"]`);
    await expect
      .poll(() => fresh.page.locator('[data-indicator="certified_share"] [data-testid="kpi-value"]').textContent())
      .toBe(districtValue);
    expect(await fresh.page.locator('[data-control="indicator"]').inputValue()).toBe('certified_share');
    expect(await fresh.page.locator('[data-testid="breadcrumbs"] [aria-current="location"]').getAttribute('data-code')).toBe(d);

    expect([...tab.offsite, ...fresh.offsite]).toEqual([]);
    await fresh.context.close();
    await tab.context.close();
  });

  it('year, type and indicator controls change the view and the URL', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(site.url);
    await mapReady(page, '000000');
    await page.locator('[data-control="year"]').selectOption('2020');
    await page.locator('[data-type="urban"]').click();
    await page.locator('[data-control="indicator"]').selectOption('signboards');
    await expect.poll(() => page.url()).toContain('y=2020');
    expect(page.url()).toContain('t=urban');
    expect(page.url()).toContain('i=signboards');
    await page.waitForSelector('[data-testid="kpis"][data-loaded="yes"]');
    const v = (await page.locator('[data-indicator="signboards"] [data-testid="kpi-value"]').textContent())!;
    expect(shown(v)).toBeCloseTo(Number(nat('urban', 2020).signboards), 1);
    // No-map view lists the same regions as tiles.
    await page.locator('[data-view="grid"]').click();
    await expect.poll(() => page.locator('[data-testid="tiles"] button').count()).toBe(31);
    expect(page.url()).toContain('v=grid');
    await tab.context.close();
  });

  it('a district lists its communities and villages, with survey margins for satisfaction', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}?r=440305&i=satisfaction_score`); // 深圳市南山区
    await page.waitForSelector('[data-testid="units"] li', { timeout: 60_000 });
    const codes = await page
      .locator('[data-testid="units"] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!));
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.every((c) => /^440305\d{6}$/.test(c))).toBe(true);
    const first = await page.locator('[data-testid="units"] li').first().textContent();
    expect(first).toMatch(/±\d+(\.\d)? \(n=(5\d|60)\)/); // 50–60 households per survey
    // Worst first: values ascend for a higher-is-better score.
    const values = await page
      .locator('[data-testid="units"] li .v')
      .evaluateAll((els) => els.map((e) => parseFloat(e.textContent!)));
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    // The unit partition came from this site: units/2025/44.parquet and names/44.parquet.
    expect(tab.requests.some((u) => u.endsWith('/data/units/2025/44.parquet'))).toBe(true);
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  });

  it('every chart has a table view and CSV download', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(site.url);
    await mapReady(page, '000000');
    await page.locator('[data-panel="compare"] [data-action="toggle-table"]').click();
    expect(await page.locator('[data-panel="compare"] tbody tr').count()).toBe(31);
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-panel="compare"] [data-action="csv"]').click()
    ]);
    const path = await dl.path();
    const csv = readFileSync(path!, 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(32);
    expect(csv).toContain('广东省');
    // Exports of generated data say so, and every file names its indicator, region and year.
    expect(dl.suggestedFilename()).toMatch(/^demo-compare-[a-z_]+-000000-20\d\d\.csv$/);
    // Values carry the catalogue's decimals + 2 at most: no float noise (96.03174603174604).
    const values = csv
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(',')[3]); // rank, code, region, value, …
    expect(values.every((v) => /^-?\d+(\.\d{1,3})?$/.test(v))).toBe(true);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-panel="trend"] [data-action="png"]').click()
    ]);
    expect(png.suggestedFilename()).toMatch(/^demo-trend-[a-z_]+-000000-20\d\d\.png$/);
    // A report-ready image: a dark title above the chart, a grey source line below it.
    const trendBytes = readFileSync((await png.path())!);
    const [title, source] = (
      await pngPixels(page, trendBytes, [
        { x: 0, y: 0, w: '50%', h: 40, rgb: [15, 23, 42], tol: 40 }, // #0f172a title, top left
        { x: 0, y: -40, w: '50%', h: 40, rgb: [100, 116, 139], tol: 40 } // #64748b source line, bottom left
      ])
    ).counts;
    expect(title).toBeGreaterThan(200);
    expect(source).toBeGreaterThan(100);
    // The demonstration label is drawn inside the image: decode the PNG and count its orange pixels
    // in the top-right corner (none there without the label), for the chart and for the map.
    expect((await pngPixels(page, trendBytes, [DEMO_LABEL_BOX])).counts[0]).toBeGreaterThan(40);
    // ECharts' aria description of the data follows the chart's own label.
    await expect.poll(() => page.locator('[data-panel="trend"] .echart').getAttribute('aria-label')).toMatch(/20\d\d/);
    // The SVG map exports as a real PNG image too.
    const [mapPng] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-panel="map"] [data-action="png"]').click()
    ]);
    const bytes = readFileSync((await mapPng.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(20_000);
    expect((await pngPixels(page, bytes, [DEMO_LABEL_BOX])).counts[0]).toBeGreaterThan(40);
    await tab.context.close();
  });

  it('switches to English and keeps the view', async () => {
    const tab = await newTab(site);
    await tab.page.goto(`${site.url}?r=440000`);
    await tab.page.locator('[data-action="lang"]').click();
    await expect.poll(() => tab.page.locator('html').getAttribute('lang')).toBe('en');
    expect(new URL(tab.page.url()).searchParams.get('r')).toBe('440000');
    await expect.poll(() => tab.page.locator('[data-testid="demo-banner"]').textContent()).toContain('Demonstration data');
    await expect
      .poll(() => tab.page.locator('[data-testid="breadcrumbs"]').textContent(), { timeout: 30_000 })
      .toContain('Guangdong Province');
    await tab.context.close();
  });
});
