// Any data shape renders (issue 9, point 3), beside small-data.test.ts: a site built from a
// villages-only snapshot (one year, 2023, villages in 东莞 and 成都) and one from an urban-only snapshot
// (two years, communities in 东城 and 南山). Every page shows data; nothing asks for a year or a
// province the manifest does not hold; the overview opens on an indicator that applies; the legend
// spans the data's own values (and a share's never passes 100 %); choosing the empty unit type says
// there are no such units and offers the way back; rankings, quality and method pages render.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSite, newTab, mapReady, type Site, type Tab } from './harness';
import { csvText, good, table } from '../unit/import-helpers';
import { indicator } from '../../src/lib/indicators/catalogue';
import type { Cell } from '../../src/lib/import/validate';

interface Shape {
  name: 'villages' | 'urban';
  years: number[];
  units: [string, string, number][];
  empty: 'urban' | 'rural';
  district: string;
}
const SHAPES: Shape[] = [
  {
    name: 'villages',
    years: [2023],
    units: [
      ['441900003201', '大岭山村村委会', 0],
      ['441900003202', '长安村村委会', 0],
      ['441900004201', '虎门村村委会', 0],
      ['510112003201', '大梁村村委会', 0],
      ['510112003202', '三圣村村委会', 0],
      ['510112004201', '西河村村委会', 0]
    ],
    empty: 'urban',
    district: '510112'
  },
  {
    name: 'urban',
    years: [2024, 2025],
    units: [
      ['110101001001', '多福巷社区居委会', 1],
      ['110101001002', '银闸社区居委会', 1],
      ['110101002001', '东华门社区居委会', 1],
      ['440305001001', '南头城社区居委会', 1],
      ['440305001002', '深南社区居委会', 1],
      ['440305002001', '沙河社区居委会', 1]
    ],
    empty: 'rural',
    district: '440305'
  }
];

const root = mkdtempSync(path.join(tmpdir(), 'cgo-shapes-'));
const sites = new Map<string, { site: Site; dir: string }>();

/** Rows with values that differ from unit to unit and year to year (some facilities missing). */
function rowsOf(shape: Shape): Record<string, Cell>[] {
  return shape.years.flatMap((y, k) =>
    shape.units.map(([code, name, urban], i) =>
      good(code, y, name, urban, {
        sat_overall: 60 + i * 6 + k,
        survey_n: 40 + i,
        households: 800 + i * 150 + k * 10,
        has_facility: i % 3 === 2 ? 0 : 1,
        facility_area: i % 3 === 2 ? 0 : 500 + i * 40,
        activity_area: i % 3 === 2 ? 0 : 200 + i * 20
      })
    )
  );
}

/** Imports the shape into a snapshot folder and builds a site from it (CGO_STATIC / CGO_BUILD). */
function buildSite(shape: Shape): string {
  const dir = path.join(root, shape.name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'in.csv'), csvText(table(rowsOf(shape))));
  const opts = { cwd: process.cwd(), stdio: 'pipe' as const };
  const data = path.join(dir, 'static', 'data');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', path.join(dir, 'in.csv'), '--out', data], opts);
  copyFileSync('static/favicon.svg', path.join(dir, 'static', 'favicon.svg'));
  symlinkSync(path.resolve('static/geo'), path.join(dir, 'static', 'geo'));
  mkdirSync(path.join(dir, 'build'));
  execFileSync('npx', ['vite', 'build'], {
    ...opts,
    env: { ...process.env, CGO_STATIC: path.join(dir, 'static'), CGO_BUILD: path.join(dir, 'build') }
  });
  return dir;
}

beforeAll(async () => {
  for (const shape of SHAPES) {
    const dir = buildSite(shape);
    sites.set(shape.name, { site: await openSite(path.join(dir, 'build')), dir });
  }
}, 900_000);
afterAll(async () => {
  for (const { site } of sites.values()) await site.close();
  rmSync(root, { recursive: true, force: true });
});

const manifestOf = (shape: Shape) =>
  JSON.parse(readFileSync(path.join(sites.get(shape.name)!.dir, 'static', 'data', 'manifest.json'), 'utf8'));

/** Only years and provinces of the manifest were asked for. */
function expectOnlyHeld(tab: Tab, shape: Shape) {
  const m = manifestOf(shape);
  const asked = tab.requests.filter((u) => u.includes('/data/'));
  const years = asked.map((u) => /\/units\/(\d{4})\//.exec(u)?.[1]).filter(Boolean);
  expect(
    years.every((y) => m.years.includes(Number(y))),
    years.join()
  ).toBe(true);
  const provinces = asked
    .map((u) => /\/(?:units\/\d{4}|names)\/(\d{2})\.parquet/.exec(u)?.[1] ?? /\/summary\/(\d{2})\d{4}\.json/.exec(u)?.[1])
    .filter((p): p is string => !!p && p !== '00');
  expect(
    provinces.every((p) => m.provinces.includes(p)),
    provinces.join()
  ).toBe(true);
  expect(tab.offsite).toEqual([]);
  expect(tab.problems).toEqual([]);
}

const number = (s: string) => Number(s.replace(/[^\d.-]/g, ''));

describe.each(SHAPES.map((s) => [s.name, s] as const))('a %s-only site', (_, shape) => {
  const site = () => sites.get(shape.name)!.site;

  it('the overview opens on an indicator that applies, with figures, and the empty type says there are no such units', async () => {
    const tab = await newTab(site());
    const { page } = tab;
    await page.goto(site().url);
    await mapReady(page, '000000');
    await page.waitForSelector('[data-testid="kpis"][data-loaded="yes"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="demo-banner"]').count()).toBe(0);
    const opened = indicator(await page.locator('[data-control="indicator"]').inputValue());
    expect(opened.scope, opened.id).not.toBe(shape.empty);
    expect(await page.locator('[data-testid="view-notice"]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="kpi-value"]').first().textContent()).not.toBe('—');
    // The year selector offers exactly the data's years.
    const years = await page.locator('[data-control="year"] option').allTextContents();
    expect(years.map(Number).sort()).toEqual(shape.years);
    // The type that has no units: a sentence and the switch back, not a blank dashboard.
    await page.locator(`[data-type="${shape.empty}"]`).click();
    const notice = page.locator('[data-testid="view-notice"][data-kind="noUnits"]');
    await notice.waitFor({ timeout: 30_000 });
    await notice.locator('[data-action="switch-type"]').click();
    await page.waitForSelector('[data-type="all"][aria-checked="true"]');
    expect(await page.locator('[data-testid="view-notice"]').count()).toBe(0);
    expectOnlyHeld(tab, shape);
    await tab.context.close();
  });

  it('legends span the data: the grid’s lowest and highest values are the legend’s ends; a share never passes 100 %', async () => {
    const tab = await newTab(site());
    const { page } = tab;
    // satisfaction_score has no target: a sequential scale over the provinces' own values.
    await page.goto(`${site().url}?i=satisfaction_score`);
    await mapReady(page, '000000');
    await page.locator('[data-view="grid"]').click();
    await page.waitForSelector('[data-testid="tiles"] li');
    const values = (await page.locator('[data-testid="tiles"] .tv').allTextContents()).map(number);
    expect(values).toHaveLength(2);
    const ticks = (await page.locator('[data-testid="legend"] .ticks span').allTextContents()).map(number);
    expect(ticks[0]).toBe(Math.min(...values));
    expect(ticks[ticks.length - 1]).toBe(Math.max(...values));
    // A coverage share with a target: the legend stays within 0–100 %.
    const share = shape.empty === 'urban' ? 'facility_coverage_rural' : 'facility_coverage_urban';
    await page.goto(`${site().url}?i=${share}`);
    await mapReady(page, '000000');
    const shareTicks = (await page.locator('[data-testid="legend"] .ticks span').allTextContents()).map(number);
    expect(Math.max(...shareTicks)).toBeLessThanOrEqual(100);
    expect(Math.min(...shareTicks)).toBeGreaterThanOrEqual(0);
    expectOnlyHeld(tab, shape);
    await tab.context.close();
  });

  it('a district lists its units; rankings, quality and method pages render from the same data', async () => {
    const tab = await newTab(site());
    const { page } = tab;
    await page.goto(`${site().url}?r=${shape.district}`);
    await page.waitForSelector('[data-testid="units"] li', { timeout: 60_000 });
    expect(await page.locator('[data-testid="units"] li').count()).toBe(3);
    const held = manifestOf(shape).provinces.map((p: string) => `${p}0000`);
    await page.goto(`${site().url}rankings/`);
    await page.waitForSelector('.rankings[data-ready="yes"]', { timeout: 90_000 });
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|undefined/);
    expect(await page.locator('[data-testid="rank-table"] tbody tr').count()).toBeGreaterThan(0);
    // Only the provinces with data are offered as a scope.
    expect(
      (
        await page.locator('[data-control="region"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
      ).slice(1)
    ).toEqual(held);
    // The empty type: a sentence and the way back instead of an empty table.
    await page.locator('[data-control="type"]').selectOption(shape.empty);
    await page.waitForSelector('[data-testid="no-units"]', { timeout: 60_000 });
    await page.locator('[data-testid="no-units"] [data-action="switch-type"]').click();
    await page.waitForSelector('.rankings[data-ready="yes"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="no-units"]').count()).toBe(0);
    await page.goto(`${site().url}quality/`);
    await page.waitForSelector('.quality[data-ready="yes"]', { timeout: 110_000 });
    expect(
      (
        await page.locator('[data-control="scope"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
      ).slice(1)
    ).toEqual(held.map((c: string) => c.slice(0, 2)));
    await page.goto(`${site().url}method/`);
    await page.waitForSelector('[data-testid="provenance"]', { timeout: 60_000 });
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|undefined/);
    expectOnlyHeld(tab, shape);
    await tab.context.close();
  });
});
