// Indicator pages in Chromium: every catalogue indicator's page draws all its charts with no console
// error; for one indicator the histogram's count, a province's box-plot median and the scatter's r
// equal the same figures from native DuckDB over the snapshot files with the catalogue's SQL, over
// districts and over every unit; choosing another comparison indicator updates the URL and the chart.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { openSite, newTab, pngPixels, DEMO_LABEL_BOX, type Site, type Tab, DUCKDB_ENGINE } from './harness';
import { openDuck, rows } from '../../scripts/lib/duck';
import { indicator, indicators } from '../../src/lib/indicators/catalogue';
import { fromPartialsExpr, unitExpr } from '../../src/lib/indicators/sql';

const DATA = 'static/data';
const CHARTS = ['histogram', 'map', 'boxes', 'ranking', 'trend', 'scatter'] as const;

let site: Site;
let con: DuckDBConnection;
beforeAll(async () => {
  site = await openSite();
  con = await openDuck();
  await con.run(`CREATE VIEW district AS SELECT * FROM read_parquet('${DATA}/district.parquet')`);
  await con.run(`CREATE VIEW units AS SELECT * FROM read_parquet('${DATA}/units/2025/*.parquet')`);
});
afterAll(async () => {
  con?.closeSync();
  await site?.close();
});

/** Open a page and collect its console errors. */
async function open(path: string): Promise<{ tab: Tab; errors: string[] }> {
  const tab = await newTab(site);
  const errors: string[] = [];
  tab.page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  tab.page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const res = await tab.page.goto(site.url + path);
  expect(res?.status()).toBe(200);
  return { tab, errors };
}

/** Scroll a chart into view (charts start near the viewport) and wait until it is drawn. */
async function chartDrawn(page: Page, chart: string): Promise<void> {
  const box = page.locator(`[data-chart="${chart}"]`);
  await box.scrollIntoViewIfNeeded();
  await page.waitForSelector(`[data-chart="${chart}"][data-ready="yes"]`, { timeout: 90_000 });
  const drawn = chart === 'map' ? '[data-testid="map"] path[data-code]' : '.echart[data-rendered]';
  await box.locator(drawn).first().waitFor({ timeout: 60_000 });
}

/** The cells of a panel's table view, as text. */
async function tableOf(page: Page, panel: string): Promise<string[][]> {
  const p = page.locator(`[data-panel="${panel}"]`);
  await p.locator('[data-action="toggle-table"]').click();
  const cells = await p
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
  await p.locator('[data-action="toggle-table"]').click();
  return cells;
}

const num = (v: unknown) => Number(v);

const summary = JSON.parse(readFileSync(`${DATA}/summary/000000.json`, 'utf8')) as { columns: string[]; rows: unknown[][] };
/** The nation's own figure of an indicator for a year (all types), as the summary holds it. */
function national(id: string, year: number): number {
  const col = (k: string) => summary.columns.indexOf(k);
  const row = summary.rows.find((r) => r[col('code')] === '000000' && r[col('year')] === year && r[col('type')] === 'all')!;
  return Number(row[col(id)]);
}

describe('indicator pages', () => {
  describe('every indicator, opened from the method page in one tab', () => {
    // One tab for all pages: each is reached as a reader reaches it (a link on the method page, then
    // back), so the engine is loaded once and each page is checked on navigation within the app
    // (the pages' first load is checked below, for one indicator).
    let tab: Tab;
    let errors: string[];
    beforeAll(async () => {
      ({ tab, errors } = await open('method/'));
    });
    afterAll(async () => {
      await tab?.context.close();
    });

    it.each(indicators.map((i) => i.id))('/indicator/%s/ draws every chart, no console error', async (id) => {
      const { page } = tab;
      if (!new URL(page.url()).pathname.endsWith('/method/')) await page.goBack();
      const link = page.locator(`tr[data-indicator="${id}"] [data-testid="indicator-link"]`);
      await link.click();
      await page.waitForURL((u) => u.pathname.endsWith(`/indicator/${id}/`));
      await expect.poll(() => page.locator('h1').textContent()).toBe(indicator(id).zh);
      for (const c of CHARTS) await chartDrawn(page, c);
      await expect.poll(() => page.locator('[data-testid="headline"]').getAttribute('data-value')).toMatch(/\d/);
      expect(tab.offsite).toEqual([]);
      expect(tab.problems).toEqual([]);
      expect(errors).toEqual([]);
    });
  });

  const ind = indicator('certified_share');
  const cmp = indicator('college_share');

  it('the header and the national headline are in the page before DuckDB-WASM is loaded', async () => {
    const tab = await newTab(site);
    // Hold the DuckDB engine's files (worker script and wasm) until the header has been checked.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await tab.context.route(DUCKDB_ENGINE, async (route) => {
      await held;
      await route.continue();
    });
    await tab.page.goto(`${site.url}indicator/${ind.id}/`);
    const headline = tab.page.locator('[data-testid="headline"]');
    await expect.poll(() => headline.getAttribute('data-value')).not.toBe(null);
    expect(num(await headline.getAttribute('data-value'))).toBeCloseTo(national(ind.id, 2025), 9);
    expect(await tab.page.locator('[data-testid="headline-value"]').textContent()).toBe(`${national(ind.id, 2025).toFixed(1)}%`);
    expect(await tab.page.locator('[data-testid="target"]').textContent()).toContain(ind.target!.document);
    expect(await tab.page.locator('.indicator').getAttribute('data-db')).toBe('loading');
    release();
    await tab.page.waitForSelector('.indicator[data-db="ready"]', { timeout: 90_000 });
    await tab.context.close();
  });

  it('the method page and the overview link each indicator to its page', async () => {
    const { tab, errors } = await open('method/?lang=en');
    const { page } = tab;
    const link = page.locator('tr[data-indicator="under35_share"] [data-testid="indicator-link"]');
    // The page is prerendered in Chinese; English (and the links carrying it) once it has hydrated.
    await expect.poll(() => link.textContent(), { timeout: 30_000 }).toBe(indicator('under35_share').en);
    await expect.poll(() => link.getAttribute('href')).toMatch(/\/indicator\/under35_share\/\?lang=en$/);
    await link.click();
    await page.waitForURL((u) => u.pathname.endsWith('/indicator/under35_share/') && u.searchParams.get('lang') === 'en');
    await expect.poll(() => page.locator('h1').textContent()).toBe(indicator('under35_share').en);
    await chartDrawn(page, 'histogram');
    await page.goto(`${site.url}?i=turnover_rate`);
    // The overview shows the URL's indicator once hydrated (its HTML is the default view).
    const about = page.locator('[data-testid="indicator-page-link"]');
    await expect.poll(() => about.getAttribute('href'), { timeout: 30_000 }).toMatch(/\/indicator\/turnover_rate\/$/);
    await about.click();
    await page.waitForURL((u) => u.pathname.endsWith('/indicator/turnover_rate/'));
    await expect.poll(() => page.locator('h1').textContent()).toBe(indicator('turnover_rate').zh);
    expect(errors).toEqual([]);
    await tab.context.close();
  });

  /** The figures the page should show, from native DuckDB with the catalogue's SQL. */
  async function expected(level: 'district' | 'unit', compare = cmp) {
    const sql =
      level === 'unit'
        ? `SELECT substr(code, 1, 2) AS p, ${unitExpr(ind)} AS v, ${unitExpr(compare)} AS c FROM units`
        : `SELECT province AS p, ${fromPartialsExpr(ind)} AS v, ${fromPartialsExpr(compare)} AS c
           FROM district WHERE year = 2025 GROUP BY district, province`;
    const [r] = await rows<Record<string, unknown>>(
      con,
      `WITH x AS (${sql}) SELECT count(v) AS n, quantile_cont(v, 0.5) FILTER (WHERE p = '44') AS gd_median,
         count(v) FILTER (WHERE p = '44') AS gd_n, corr(v, c) AS r, count(v + c) AS pairs FROM x`
    );
    return { n: num(r.n), median: num(r.gd_median), gdN: num(r.gd_n), r: num(r.r), pairs: num(r.pairs) };
  }

  for (const level of ['district', 'unit'] as const)
    it(`over ${level === 'unit' ? 'every unit' : 'districts'}: histogram count, Guangdong's median and r equal native DuckDB`, async () => {
      const want = await expected(level);
      const t0 = Date.now();
      const { tab, errors } = await open(`indicator/${ind.id}/?c=${cmp.id}${level === 'unit' ? '&l=unit' : ''}`);
      const { page } = tab;
      await chartDrawn(page, 'histogram');
      console.info(`${level}: histogram drawn ${Date.now() - t0} ms after navigation (${want.n} values)`);
      expect(num(await page.locator('[data-testid="histogram-n"]').getAttribute('data-n'))).toBe(want.n);
      const bins = await tableOf(page, 'histogram');
      expect(bins.reduce((s, r) => s + num(r[2]), 0)).toBe(want.n);

      await chartDrawn(page, 'boxes');
      const gd = (await tableOf(page, 'boxes')).find((r) => r[0] === '440000')!;
      expect(num(gd[2])).toBe(want.gdN);
      expect(num(gd[6])).toBeCloseTo(want.median, 9);

      await chartDrawn(page, 'scatter');
      const fit = page.locator('[data-testid="scatter-fit"]');
      expect(num(await fit.getAttribute('data-n'))).toBe(want.pairs);
      expect(num(await fit.getAttribute('data-r'))).toBeCloseTo(want.r, 9);
      expect(errors).toEqual([]);
      await tab.context.close();
    });

  it('histogram, box plots and scatter download as CSV and PNG, named and labelled as demonstration data', async () => {
    const { tab, errors } = await open(`indicator/${ind.id}/?c=${cmp.id}`);
    const { page } = tab;
    for (const chart of ['histogram', 'boxes', 'scatter']) {
      await chartDrawn(page, chart);
      const panel = page.locator(`[data-panel="${chart}"]`);
      const [csv] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-action="csv"]').click()]);
      expect(csv.suggestedFilename()).toMatch(new RegExp(`^demo-${chart}-${ind.id}(-${cmp.id})?-000000-2025\\.csv$`));
      const lines = readFileSync((await csv.path())!, 'utf8')
        .split('\r\n')
        .filter(Boolean);
      expect(lines.length).toBe((await tableOf(page, chart)).length + 1);
      const [png] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-action="png"]').click()]);
      const bytes = readFileSync((await png.path())!);
      expect(png.suggestedFilename()).toMatch(/\.png$/);
      expect((await pngPixels(page, bytes, [DEMO_LABEL_BOX])).counts[0]).toBeGreaterThan(40);
    }
    expect(errors).toEqual([]);
    await tab.context.close();
  });

  it('choosing a province shows its cities: URL, box plots and map follow', async () => {
    const want = await rows<{ city: string; n: number; median: number }>(
      con,
      `SELECT city || '00' AS city, count(*) AS n, quantile_cont(v, 0.5) AS median
       FROM (SELECT city, district, ${fromPartialsExpr(ind)} AS v FROM district
             WHERE year = 2025 AND province = '44' GROUP BY city, district)
       WHERE v IS NOT NULL GROUP BY city ORDER BY city`
    );
    const { tab, errors } = await open(`indicator/${ind.id}/`);
    const { page } = tab;
    await chartDrawn(page, 'boxes');
    await page.locator('[data-control="region"]').selectOption('440000');
    await page.waitForURL((u) => u.searchParams.get('r') === '440000');
    await page.waitForSelector('[data-chart="boxes"][data-ready="yes"]');
    await expect.poll(async () => (await tableOf(page, 'boxes')).length).toBe(want.length);
    const boxes = new Map((await tableOf(page, 'boxes')).map((r) => [r[0], r]));
    for (const w of want) {
      expect(num(boxes.get(w.city)![2])).toBe(num(w.n));
      expect(num(boxes.get(w.city)![6])).toBeCloseTo(num(w.median), 9);
    }
    await chartDrawn(page, 'map');
    await expect.poll(() => page.locator('[data-chart="map"] path[data-code="440300"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await tab.context.close();
  });

  it('choosing another comparison indicator updates the URL and the scatter', async () => {
    const other = indicator('under35_share');
    const want = await expected('district', other);
    const { tab, errors } = await open(`indicator/${ind.id}/?c=${cmp.id}`);
    const { page } = tab;
    await chartDrawn(page, 'scatter');
    const fit = page.locator('[data-testid="scatter-fit"]');
    expect(await fit.getAttribute('data-compare')).toBe(cmp.id);
    const before = Number(await page.locator('[data-chart="scatter"] .echart').getAttribute('data-rendered'));
    await page.locator('[data-control="compare"]').selectOption(other.id);
    await page.waitForURL((u) => u.searchParams.get('c') === other.id);
    await page.waitForSelector(`[data-testid="scatter-fit"][data-compare="${other.id}"]`);
    await page.waitForSelector('[data-chart="scatter"][data-ready="yes"]');
    expect(num(await fit.getAttribute('data-r'))).toBeCloseTo(want.r, 9);
    expect(num(await fit.getAttribute('data-n'))).toBe(want.pairs);
    await expect
      .poll(async () => Number(await page.locator('[data-chart="scatter"] .echart').getAttribute('data-rendered')))
      .toBeGreaterThan(before);
    expect(await page.locator('[data-panel="scatter"] h2').textContent()).toContain(other.zh);
    // The URL restores the view.
    await page.reload();
    await page.waitForSelector(`[data-testid="scatter-fit"][data-compare="${other.id}"]`, { timeout: 90_000 });
    expect(errors).toEqual([]);
    await tab.context.close();
  });
});
