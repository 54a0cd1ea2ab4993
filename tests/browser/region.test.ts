// The region page in Chromium: walk country → province → city → district → street → community by
// clicking links on region pages; reach the same community by a pasted URL and by search; scorecard
// values equal native DuckDB over the same snapshot files with the catalogue's SQL; the children table
// sorts, filters and downloads the rows shown; the nearest-neighbour peers equal a computation written
// here independently (native DuckDB for the sums, plain TS for the distances).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openSite, newTab, type Site } from './harness';
import { openDuck, rows, lit } from '../../scripts/lib/duck';
import { indicator } from '../../src/lib/indicators/catalogue';
import { aggExpr, unitExpr } from '../../src/lib/indicators/sql';

const DATA = 'static/data';
const PATH = ['440000', '440300', '440305'];
let site: Site;
let con: DuckDBConnection;
let street = '';
let unit = '';

beforeAll(async () => {
  site = await openSite();
  con = await openDuck();
  await con.run(`CREATE VIEW u25 AS SELECT * FROM read_parquet(${lit(`${DATA}/units/2025/44.parquet`)})`);
  await con.run(`CREATE VIEW u24 AS SELECT * FROM read_parquet(${lit(`${DATA}/units/2024/44.parquet`)})`);
  await con.run(`CREATE VIEW streets AS SELECT * FROM read_parquet(${lit(`${DATA}/streets.parquet`)})`);
  await con.run(`CREATE VIEW names AS SELECT * FROM read_parquet(${lit(`${DATA}/names/44.parquet`)})`);
  await con.run(`CREATE VIEW district AS SELECT * FROM read_parquet(${lit(`${DATA}/district.parquet`)})`);
  // The street and community walked to: Nanshan's first street, and its first community.
  [{ code: street }] = await rows<{ code: string }>(con, `SELECT min(code) AS code FROM streets WHERE parent = '440305'`);
  [{ code: unit }] = await rows<{ code: string }>(con, `SELECT min(code) AS code FROM u25 WHERE starts_with(code, '${street}')`);
});
afterAll(async () => {
  con?.closeSync();
  await site?.close();
});

const ready = (page: Page, code: string) =>
  page.waitForSelector(`.region[data-code="${code}"][data-ready="yes"]`, { timeout: 90_000 });
/** Panels below the scorecard ask for their rows when scrolled towards: scroll there, then wait. */
async function scrolledReady(page: Page, panel: string, inside: string) {
  await page.locator(`[data-testid="${panel}"]`).scrollIntoViewIfNeeded({ timeout: 90_000 });
  return page.waitForSelector(`[data-testid="${panel}"][data-ready="yes"] ${inside}`, { timeout: 90_000 });
}
const childrenReady = (page: Page) => scrolledReady(page, 'children-panel', 'table');
const peersReady = (page: Page) => scrolledReady(page, 'peers', '[data-testid="peer-set"][data-set="nearest"]');
const cardValue = (page: Page, id: string) =>
  page.locator(`[data-card="${id}"] [data-testid="kpi-value"]`).getAttribute('data-value').then(Number);

/** Open a child from the children table: filter by its code, then click its link. */
async function openChild(page: Page, code: string) {
  await childrenReady(page);
  await page.locator('[data-control="child-filter"]').fill(code);
  await page.locator(`[data-testid="children"] tr[data-code="${code}"] a`).click();
  await ready(page, code);
}

describe('region page', () => {
  it('walks from the country to a community by clicking, with breadcrumbs to every ancestor', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}region/`);
    await ready(page, '000000');
    for (const code of [...PATH, street, unit]) {
      await openChild(page, code);
      expect(new URL(page.url()).searchParams.get('c')).toBe(code);
    }
    const crumbs = await page
      .locator('[data-testid="region-crumbs"] a')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-code'), new URL((e as HTMLAnchorElement).href).searchParams.get('c')])
      );
    expect(crumbs.map((c) => c[0])).toEqual(['000000', ...PATH, street]);
    expect(crumbs.slice(1).every(([code, c]) => code === c)).toBe(true);
    const [{ name }] = await rows<{ name: string }>(con, `SELECT name FROM names WHERE code = '${unit}'`);
    expect(await page.locator('h1').textContent()).toContain(name);
    // Back up one level through a breadcrumb.
    await page.locator(`[data-testid="region-crumbs"] a[data-code="${street}"]`).click();
    await ready(page, street);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('a pasted URL shows the community; its scorecard equals native DuckDB with the catalogue SQL', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}region/?c=${unit}`);
    await ready(page, unit);
    for (const id of ['satisfaction_score', 'networked_share', 'households_per_worker']) {
      const ind = indicator(id);
      const [want] = await rows<{ v: number; p: number }>(
        con,
        `SELECT (SELECT ${unitExpr(ind)} FROM u25 WHERE code = '${unit}') AS v, (SELECT ${unitExpr(ind)} FROM u24 WHERE code = '${unit}') AS p`
      );
      expect(await cardValue(page, id)).toBeCloseTo(want.v, 6);
      const change = await page.locator(`[data-card="${id}"] [data-testid="kpi-change"]`).textContent();
      expect(change).toMatch(/\d/);
      void want.p;
    }
    // The survey's n and 95 % margin: 1.96 × sd / √n of this unit.
    const [s] = await rows<{ n: number; sd: number }>(
      con,
      `SELECT survey_n AS n, sat_overall_sd AS sd FROM u25 WHERE code = '${unit}'`
    );
    const survey = page.locator('[data-card="satisfaction_score"] [data-testid="survey"]');
    expect(Number(await survey.getAttribute('data-n'))).toBe(Number(s.n));
    expect(Number(await survey.getAttribute('data-margin'))).toBeCloseTo((1.96 * s.sd) / Math.sqrt(Number(s.n)), 6);
    await tab.context.close();
  });

  it("a street's scorecard is the aggregate of its units (partial sums, as for regions)", async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}region/?c=${street}`);
    await ready(page, street);
    for (const id of ['satisfaction_score', 'workers_per_10k', 'admin_items']) {
      const [want] = await rows<{ v: number }>(
        con,
        `SELECT ${aggExpr(indicator(id))} AS v FROM u25 WHERE starts_with(code, '${street}')`
      );
      expect(await cardValue(page, id)).toBeCloseTo(want.v, 6);
    }
    await tab.context.close();
  });

  it('the search opens a community at its region page', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    const [{ name }] = await rows<{ name: string }>(con, `SELECT name FROM names WHERE code = '${unit}'`);
    await page.goto(site.url);
    await page.locator('[data-testid="search"]').fill(name);
    const hit = page.locator(`[data-testid="search-results"] button[data-code="${unit}"]`);
    await hit.waitFor({ timeout: 90_000 });
    // The result names its district, so namesakes elsewhere read differently.
    expect(await hit.locator('.pa').textContent()).toBe(' · 南山区');
    await hit.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/region/');
    expect(new URL(page.url()).searchParams.get('c')).toBe(unit);
    await ready(page, unit);
    await tab.context.close();
  });

  it('the children table sorts, filters and downloads the rows shown', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}region/?c=440305`);
    await ready(page, '440305');
    await childrenReady(page);
    const id = 'satisfaction_score';
    const ind = indicator(id);
    const want = await rows<{ code: string; name: string; v: number }>(
      con,
      `SELECT substr(u.code, 1, 9) AS code, any_value(s.name) AS name, ${aggExpr(ind)} AS v
       FROM u25 u JOIN streets s ON s.code = substr(u.code, 1, 9) WHERE starts_with(u.code, '440305') GROUP BY 1 ORDER BY v DESC, code`
    );
    // The table shows the chosen indicator (satisfaction by default): sort by it, best first.
    await page.locator('[data-testid="children"] [data-sort-key="value"]').click();
    await page.waitForSelector('[data-testid="children"][data-sort="value:desc"]');
    const shown = await page
      .locator('[data-testid="children"] tbody tr')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-code'), Number(e.getAttribute('data-value'))] as const));
    expect(shown.map((r) => r[0])).toEqual(want.slice(0, 25).map((r) => r.code));
    shown.forEach((r, i) => expect(r[1]).toBeCloseTo(want[i].v, 6));
    // Filter by part of a name: the rows are those whose name holds it.
    const part = want[0].name.slice(0, 2);
    await page.locator('[data-control="child-filter"]').fill(part);
    const filtered = want.filter((r) => r.name.includes(part)).map((r) => r.code);
    await expect
      .poll(() => page.locator('[data-testid="children"] tbody tr[data-code]').count())
      .toBe(Math.min(25, filtered.length));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-panel="children"] [data-action="csv"]').click()
    ]);
    expect(download.suggestedFilename()).toMatch(/^demo-children-440305-2025\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(csv.length - 1).toBe(filtered.length);
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(filtered);
    await tab.context.close();
  });

  it('nearest-neighbour peers of a district equal an independent computation', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}region/?c=440305`);
    await peersReady(page);
    const shown = await page
      .locator('[data-testid="peer-list"] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    const ctx = await rows<{ code: string; units: number; urban: number; hh: number; res: number }>(
      con,
      `SELECT district AS code, SUM(units)::DOUBLE AS units, SUM(units * urban)::DOUBLE AS urban, SUM(households)::DOUBLE AS hh,
         SUM(residents)::DOUBLE AS res FROM district WHERE year = 2025 GROUP BY 1`
    );
    const regions = JSON.parse(readFileSync(`${DATA}/regions.json`, 'utf8')) as [string, string, string, string | null][];
    const districts = new Set(regions.filter((r) => r[2] === 'd' && r[0] !== r[3]).map((r) => r[0]));
    const pool = ctx.filter((c) => districts.has(c.code));
    expect(nearestIndependent('440305', pool, 15)).toEqual(shown);
    // Switching the set shows the same-parent peers: Shenzhen's other districts.
    await page.locator('[data-testid="peers"] [data-set="parent"]').click();
    await page.waitForSelector('[data-testid="peer-set"][data-set="parent"]');
    const siblings = await page
      .locator('[data-testid="peer-list"] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(siblings.length).toBeGreaterThan(3);
    expect(siblings.every((c) => c!.startsWith('4403') && c !== '440305')).toBe(true);
    await tab.context.close();
  });

  it("a community's nearest neighbours (its own and its district's structure) equal an independent computation", async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}region/?c=${unit}`);
    await peersReady(page);
    const shown = await page
      .locator('[data-testid="peer-list"] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    type U = {
      code: string;
      urban: number;
      hh: number;
      res: number;
      d_units: number;
      d_urban: number;
      d_hh: number;
      d_res: number;
    };
    const units = await rows<U>(
      con,
      `WITH u AS (SELECT u.code, u.urban::DOUBLE AS urban, u.households::DOUBLE AS hh, u.residents::DOUBLE AS res
                  FROM u25 u JOIN names n USING (code)),
            d AS (SELECT substr(code, 1, 6) AS district, COUNT(*)::DOUBLE AS d_units, SUM(urban) AS d_urban,
                  SUM(hh) AS d_hh, SUM(res) AS d_res FROM u GROUP BY 1)
       SELECT u.*, d.d_units, d.d_urban, d.d_hh, d.d_res FROM u JOIN d ON d.district = substr(u.code, 1, 6) ORDER BY u.code`
    );
    const ln = (x: number) => Math.log(Math.max(1, x));
    // Its own size and type, then its district's five (a unit's own "units" is 1: no spread, no weight).
    const features = units.map((c) => [
      ln(c.res),
      ln(c.hh),
      0,
      c.urban,
      ln(c.hh),
      ln(c.d_res),
      ln(c.d_hh),
      ln(c.d_units),
      c.d_urban / c.d_units,
      ln(c.d_hh / c.d_units)
    ]);
    const codes = units.map((c) => c.code);
    expect(nearestByFeatures(unit, codes, features, 15)).toEqual(shown);
    await tab.context.close();
  });

  it("the overview links to region pages: its own region's, the rankings' and the units list's", async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}?r=440305`);
    await page.waitForSelector('[data-testid="units"] li a', { timeout: 90_000 });
    const unitLink = await page.locator(`[data-testid="units"] li[data-code="${unit}"] a`).getAttribute('href');
    expect(unitLink).toBe(`/region/?c=${unit}`);
    const ranked = page.locator('[data-list="best"] a[data-region-link]').first();
    const code = await ranked.getAttribute('data-region-link');
    expect(await ranked.getAttribute('href')).toBe(`/region/?c=${code}`);
    await page.locator('[data-testid="region-page-link"]').click();
    await ready(page, '440305');
    // …and the region page back to the overview there.
    expect(await page.locator('[data-testid="to-overview"]').getAttribute('href')).toBe('/?r=440305');
    expect(await page.locator('[data-testid="to-assessment"]').getAttribute('href')).toBe('/rankings/?r=440000&u=440305');
    await tab.context.close();
  });

  it('a malformed or unknown code gives a clear message, not a crash', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    for (const c of ['abc', '999999', '440305999999']) {
      await page.goto(`${site.url}region/?c=${c}`);
      await page.waitForSelector('[data-testid="region-error"]', { timeout: 60_000 });
      expect(await page.locator('[data-testid="region-error"]').textContent()).toContain(c.length === 12 ? c : c);
    }
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});

/** Nearest neighbours written out here, apart from src/lib/region/peers.ts. */
function nearestIndependent(
  code: string,
  pool: { code: string; units: number; urban: number; hh: number; res: number }[],
  k: number
) {
  const ln = (x: number) => Math.log(Math.max(1, x));
  const raw = pool.map((c) => [
    ln(c.res),
    ln(c.hh),
    ln(c.units),
    c.units ? c.urban / c.units : 0,
    ln(c.hh / Math.max(1, c.units))
  ]);
  return nearestByFeatures(
    code,
    pool.map((c) => c.code),
    raw,
    k
  );
}

/** The k codes nearest `code` by Euclidean distance over features standardised to mean 0, sd 1 (population sd). */
function nearestByFeatures(code: string, codes: string[], raw: number[][], k: number) {
  const cols = raw[0].map((_, j) => raw.map((r) => r[j]));
  const mean = cols.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
  const sd = cols.map((c, j) => Math.sqrt(c.reduce((a, b) => a + (b - mean[j]) ** 2, 0) / c.length));
  const z = raw.map((r) => r.map((v, j) => (sd[j] ? (v - mean[j]) / sd[j] : 0)));
  const i = codes.indexOf(code);
  return codes
    .map((c, j) => ({ code: c, d: Math.sqrt(z[j].reduce((s, v, f) => s + (v - z[i][f]) ** 2, 0)) }))
    .filter((p) => p.code !== code)
    .sort((a, b) => a.d - b.d || (a.code < b.code ? -1 : 1))
    .slice(0, k)
    .map((p) => p.code);
}
