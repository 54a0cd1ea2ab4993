// Issue 8 · overview in Chromium, with known cases: the view opens on an indicator that applies
// (南山区 has no villages; t=urban nationally), says why a view is blank and offers the switch, marks
// small numbers (西城区's two villages) and keeps them out of best/worst, lists in the largest gaps
// only regions missing their own target (东莞市's own mix), and has a legend where "no data" and
// "no target" look different. Expected values come from the built summaries.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openSite, newTab, mapReady, type Site } from './harness';
import { indicator } from '../../src/lib/indicators/catalogue';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

type Row = Record<string, number | string | null>;
function summary(file: string): Row[] {
  const s = JSON.parse(readFileSync(`static/data/summary/${file}.json`, 'utf8')) as { columns: string[]; rows: unknown[][] };
  return s.rows.map((r) => Object.fromEntries(s.columns.map((c, i) => [c, r[i]])) as Row);
}
const rowOf = (file: string, code: string, type = 'all', year = 2025) =>
  summary(file).find((r) => r.code === code && r.type === type && r.year === year)!;

const kpisLoaded = (page: Page, region: string) =>
  page.waitForSelector(`[data-testid="kpis"][data-region="${region}"][data-loaded="yes"]`, { timeout: 60_000 });
const selectedCard = (page: Page) => page.locator('[data-testid="kpis"] [aria-pressed="true"]');
const query = (page: Page) => new URL(page.url()).searchParams;

describe('overview: the right view', () => {
  it('南山区 (all urban) opens on urban facility coverage and shows its number, URL unchanged', async () => {
    const tab = await newTab(site);
    await tab.page.goto(`${site.url}?r=440305`);
    await kpisLoaded(tab.page, '440305');
    const nanshan = rowOf('440300', '440305');
    expect(nanshan.units).toBe(nanshan.urban_units); // the known case: no villages
    await expect.poll(() => selectedCard(tab.page).getAttribute('data-indicator')).toBe('facility_coverage_urban');
    const value = selectedCard(tab.page).locator('[data-testid="kpi-value"]');
    expect(await value.textContent()).toMatch(/\d/);
    expect(Number(await value.getAttribute('data-value'))).toBeCloseTo(Number(nanshan.facility_coverage_urban), 6);
    expect(query(tab.page).has('i')).toBe(false); // the default is not written into the URL
    await expect.poll(() => tab.page.locator('[data-testid="view-notice"]').count()).toBe(0);
    // Units list: 108 units, 100 shown, so "show 8 more", never more than remain.
    await tab.page.waitForSelector('[data-testid="units"] li', { timeout: 60_000 });
    expect(await tab.page.locator('[data-action="show-more"]').textContent()).toContain(
      `再显示 ${Number(nanshan.units) - 100} 个`
    );
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  });

  it('t=urban nationally opens on an urban indicator with data for every province', async () => {
    const tab = await newTab(site);
    await tab.page.goto(`${site.url}?t=urban`);
    await mapReady(tab.page, '000000');
    await expect.poll(() => selectedCard(tab.page).getAttribute('data-indicator')).toBe('facility_coverage_urban');
    const provinces = summary('000000').filter(
      (r) => r.code !== '000000' && r.type === 'urban' && r.year === 2025 && r.facility_coverage_urban !== null
    ).length;
    expect(provinces).toBe(31);
    await expect.poll(() => tab.page.locator('[data-panel="rankings"] .n').textContent()).toBe(`${provinces} 个地区有数据`);
    expect(await tab.page.locator('[data-panel="rankings"] [data-list="best"] [data-code]').count()).toBe(5);
    // Every province at 100 %: none is named worst, and the panel says why.
    const values = summary('000000')
      .filter((r) => r.code !== '000000' && r.type === 'urban' && r.year === 2025)
      .map((r) => r.facility_coverage_urban);
    if (values.every((v) => v === values[0])) {
      expect(await tab.page.locator('[data-panel="rankings"] [data-list="worst"] [data-code]').count()).toBe(0);
      expect(await tab.page.locator('[data-testid="all-level"]').textContent()).toContain('没有可亮丑的地区');
    } else expect(await tab.page.locator('[data-testid="all-level"]').count()).toBe(0);
    expect(query(tab.page).has('i')).toBe(false);
    await tab.context.close();
  });

  it('an explicit village-only indicator in 南山区 says why, and the switch shows data', async () => {
    const tab = await newTab(site);
    await tab.page.goto(`${site.url}?r=440305&i=facility_coverage_rural`);
    const notice = tab.page.locator('[data-testid="view-notice"]');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.getAttribute('data-kind')).toBe('notApplicable');
    expect(await notice.textContent()).toContain('南山区的当前视图中没有农村社区(村)');
    expect(await tab.page.locator('[data-panel="rankings"]').count()).toBe(0); // no empty ranking
    await notice.locator('[data-action="switch-indicator"]').click();
    await expect.poll(() => query(tab.page).get('i')).toBe('facility_coverage_urban');
    await mapReady(tab.page, '440300');
    expect(await notice.count()).toBe(0);
    expect(await selectedCard(tab.page).locator('[data-testid="kpi-value"]').textContent()).toMatch(/\d/);
    await tab.context.close();
  });

  it('villages chosen in 南山区: no units of that type, one click back to all types', async () => {
    const tab = await newTab(site);
    await tab.page.goto(`${site.url}?r=440305&t=rural&lang=en`);
    const notice = tab.page.locator('[data-testid="view-notice"]');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.getAttribute('data-kind')).toBe('noUnits');
    expect(await notice.textContent()).toContain('has no villages');
    await notice.locator('[data-action="switch-type"]').click();
    await expect.poll(() => query(tab.page).has('t')).toBe(false);
    await mapReady(tab.page, '440300');
    expect(query(tab.page).get('lang')).toBe('en');
    await tab.context.close();
  });
});

describe('overview: small numbers and gaps', () => {
  it('北京: 西城区 (2 villages) is marked uncertain and not named among the worst', async () => {
    const xicheng = rowOf('110000', '110102');
    expect(xicheng.facility_coverage_rural__has).toBe(2);
    const tab = await newTab(site);
    await tab.page.goto(`${site.url}?r=110000&i=facility_coverage_rural`);
    await mapReady(tab.page, '110000');
    const rankings = tab.page.locator('[data-panel="rankings"]');
    await rankings.locator('[data-list="best"] [data-code]').first().waitFor();
    expect(await rankings.locator('[data-list="worst"] [data-code="110102"]').count()).toBe(0);
    expect(await rankings.locator('[data-list="best"] [data-code="110102"]').count()).toBe(0);
    const uncertain = rankings.locator('[data-testid="uncertain-regions"]');
    expect(await uncertain.locator('[data-code="110102"]').textContent()).toContain('西城区');
    // The worst named is the lowest of the districts with at least 5 villages counted.
    const rows = summary('110000').filter(
      (r) => r.code !== '110000' && r.type === 'all' && r.year === 2025 && r.facility_coverage_rural !== null
    );
    const sure = rows.filter((r) => Number(r.facility_coverage_rural__has) >= 5);
    const lowest = sure.reduce((a, b) => (Number(b.facility_coverage_rural) < Number(a.facility_coverage_rural) ? b : a));
    expect(await rankings.locator('[data-list="worst"] [data-code]').first().getAttribute('data-code')).toBe(lowest.code);
    // Opening 西城区: its card is marked, with the reason in its accessible name.
    await tab.page.goto(`${site.url}?r=110102&i=facility_coverage_rural`);
    await kpisLoaded(tab.page, '110102');
    const mark = selectedCard(tab.page).locator('[data-testid="small-mark"]');
    expect(await mark.getAttribute('aria-label')).toContain('仅 2 个单位有数据');
    // Its units list shows the 2 villages the indicator counts and says the 261 communities are not counted.
    await tab.page.waitForSelector('[data-testid="units"] li', { timeout: 60_000 });
    expect(await tab.page.locator('[data-testid="units"] li').count()).toBe(2);
    expect(await tab.page.locator('[data-panel="units"] .counts').textContent()).toContain(
      `另有 ${xicheng.urban_units} 个城市社区不在此指标统计范围内`
    );
    await tab.context.close();
  });

  it('广东: largest gaps list only cities below their own target, with 东莞市 own target shown', async () => {
    const tab = await newTab(site);
    await tab.page.goto(`${site.url}?r=440000`);
    await mapReady(tab.page, '440000');
    const gaps = tab.page.locator('[data-panel="gaps"]');
    await gaps.locator('[data-gap]').first().waitFor({ timeout: 60_000 });
    const listed = await gaps.locator('[data-gap] [data-code]').evaluateAll((els) =>
      els.map((e) => ({
        ind: e.closest('[data-gap]')!.getAttribute('data-gap')!,
        code: e.getAttribute('data-code')!,
        value: Number(e.getAttribute('data-value')),
        target: Number(e.getAttribute('data-target')),
        text: e.textContent ?? ''
      }))
    );
    expect(listed.length).toBeGreaterThan(0);
    for (const g of listed) expect(indicator(g.ind).direction * (g.target - g.value), `${g.ind} ${g.code}`).toBeGreaterThan(0);
    // 东莞市: 7.04 social organisations per unit exceeds Guangdong's ≥ 6.2 but misses its own ≥ 7.1
    // (253 urban × 10 + 356 rural × 5) / 609; it is listed only with that own target beside it.
    const dongguan = rowOf('440000', '441900');
    const own =
      (Number(dongguan.urban_units) * 10 + (Number(dongguan.units) - Number(dongguan.urban_units)) * 5) / Number(dongguan.units);
    expect(Number(dongguan.social_orgs_per_community)).toBeLessThan(own);
    const dg = listed.filter((g) => g.code === '441900');
    for (const g of dg) expect(g.text).toContain('其目标');
    expect(dg.find((g) => g.ind === 'social_orgs_per_community')?.text).toContain('其目标 ≥ 7.1');
    // Indicators it meets by its own target (work items ≤ 85; day care ≥ its mix of 80 % and 40 %): not listed.
    expect(Number(dongguan.admin_items)).toBeLessThan(85);
    expect(Number(dongguan.elderly_daycare_coverage)).toBeGreaterThan(own * 8); // ≥ (253·80 + 356·40)/609 = 56.6
    expect(dg.map((g) => g.ind).filter((i) => i === 'admin_items' || i === 'elderly_daycare_coverage')).toEqual([]);
    // The province's own mixed target says what it is made of.
    expect(await gaps.locator('[data-gap="social_orgs_per_community"]').textContent()).toContain('按城乡构成：城市 10.0');
    await tab.context.close();
  });
});

describe('overview: reading lights and arrows', () => {
  it('a legend by the cards and the rankings; "no data" and "no target" differ in shape and name', async () => {
    const tab = await newTab(site);
    await tab.page.goto(`${site.url}?r=440305&i=facility_coverage_rural`);
    await tab.page.locator('[data-testid="view-notice"]').waitFor({ timeout: 60_000 });
    const legend = tab.page.locator('[data-testid="legend"]').first();
    expect(await legend.textContent()).toMatch(/已达标.*无数据.*无目标.*按期/);
    // The chosen card has no data here (hatched); satisfaction has no target (hollow ring).
    const noData = selectedCard(tab.page).locator('[data-light]');
    const noTarget = tab.page.locator('[data-indicator="satisfaction_score"] [data-light]');
    expect(await noData.getAttribute('data-light')).toBe('grey');
    expect(await noTarget.getAttribute('data-light')).toBe('none');
    expect(await noData.getAttribute('aria-label')).toBe('无数据');
    expect(await noTarget.getAttribute('aria-label')).toBe('无目标');
    const look = (l: typeof noData) =>
      l.evaluate((e) => {
        const s = getComputedStyle(e);
        return { image: s.backgroundImage, fill: s.backgroundColor };
      });
    const [a, b] = [await look(noData), await look(noTarget)];
    expect(a.image).toContain('gradient'); // hatched
    expect(b.image).toBe('none');
    expect(b.fill).toBe('rgba(0, 0, 0, 0)'); // hollow
    await tab.context.close();
  });

  it('national: a legend in the rankings; a mixed target shows its urban and rural parts', async () => {
    const tab = await newTab(site);
    await tab.page.goto(`${site.url}?lang=en`);
    await mapReady(tab.page, '000000');
    expect(await tab.page.locator('[data-panel="rankings"] [data-testid="legend"]').textContent()).toContain('No target');
    expect(
      await tab.page.locator('[data-indicator="social_orgs_per_community"] [data-testid="kpi-target"]').textContent()
    ).toMatch(/by urban\/rural mix: urban 10\.0.*rural 5\.0/);
    await tab.context.close();
  });

  it('东莞市 (a city without districts): the footnote says its neighbours are cities', async () => {
    const tab = await newTab(site);
    await tab.page.goto(`${site.url}?r=441900`);
    await mapReady(tab.page, '440000');
    expect(await tab.page.locator('[data-testid="leaf-hint"]').textContent()).toContain('同省的地级市');
    await tab.page.goto(`${site.url}?r=440305`);
    await mapReady(tab.page, '440300');
    expect(await tab.page.locator('[data-testid="leaf-hint"]').textContent()).toContain('同级区县');
    await tab.context.close();
  });
});

describe('overview: the new parts are accessible', () => {
  for (const path of ['?r=440305&i=facility_coverage_rural', '?r=110102&i=facility_coverage_rural&lang=en'])
    it(`${path}: no serious or critical axe violations`, async () => {
      const tab = await newTab(site);
      await tab.page.goto(site.url + path);
      await tab.page.waitForSelector('[data-testid="view-notice"], [data-testid="units"] li', { timeout: 60_000 });
      await tab.page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
      const serious = await tab.page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
        const r = await axe.run();
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(serious).toEqual([]);
      await tab.context.close();
    });
});
