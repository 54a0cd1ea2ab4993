// The rankings page on a phone and in its exports: the method collapses to a one-line summary, the
// table fits (interval column visible), a row's explanation opens where the row is and takes the
// focus, the interval axis is fitted to the rows shown, names carry their parent, and the results
// CSV and the interval chart PNG say what they are.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { openSite, newTab, pngPixels, DEMO_LABEL_BOX, type Site } from './harness';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

const mcDone = (page: Page) => page.waitForSelector('.rankings[data-mc="done"]', { timeout: 120_000 });
const ready = (page: Page) => page.waitForSelector('.rankings[data-ready="yes"]', { timeout: 90_000 });
const rowUnit = (page: Page, i: number) =>
  page.locator('[data-testid="rank-table"] tbody tr[data-unit]').nth(i).getAttribute('data-unit');

describe('rankings on a phone (390 px)', () => {
  it('collapses the method, fits the table and opens an explanation where the row is', async () => {
    const tab = await newTab(site, { width: 390, height: 844 });
    const { page } = tab;
    await page.goto(`${site.url}rankings/?mc=100`);
    await mcDone(page);
    // The method is a closed disclosure with the method in one line.
    const toggle = page.locator('[data-action="toggle-method"]');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#method-body').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="method-summary"]').textContent()).toContain('蒙特卡洛 100 次');
    // Counts are grouped as everywhere else on the site (2,978).
    expect(await page.locator('[data-testid="count"]').textContent()).toMatch(/^\d{1,3}(,\d{3})+ 个地区参与排名/);
    // The table starts on the first screen.
    const tableTop = await page.locator('[data-testid="rank-table"]').evaluate((el) => el.getBoundingClientRect().top);
    expect(tableTop).toBeLessThan(844);
    // No page-level horizontal scroll; the interval column is inside the viewport.
    const fit = await page.evaluate(() => {
      const th = document.querySelector('[data-testid="rank-table"] th.ci')!.getBoundingClientRect();
      const bar = document.querySelector('[data-testid="rank-table"] tbody td.ci svg')!.getBoundingClientRect();
      return { scroll: document.documentElement.scrollWidth, width: innerWidth, thRight: th.right, barRight: bar.right };
    });
    expect(fit.scroll).toBeLessThanOrEqual(fit.width);
    expect(fit.thRight).toBeLessThanOrEqual(fit.width);
    expect(fit.barRight).toBeLessThanOrEqual(fit.width);
    // Tapping row 3 opens its explanation directly below it, on screen, with the focus.
    const unit = (await rowUnit(page, 2))!;
    await page.locator(`tr[data-unit="${unit}"] button.name`).click();
    await page.waitForSelector(`tr[data-unit="${unit}"] + tr.explain-row [data-testid="explain"][data-unit="${unit}"]`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('explain-row');
    const top = await page.locator('#explain-row').evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(844);
    expect(await page.locator(`tr[data-unit="${unit}"] button.name`).getAttribute('aria-expanded')).toBe('true');
    // No serious accessibility problem with the explanation open inside the table.
    await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const serious = await page.evaluate(async () => {
      type Violation = { id: string; impact: string; nodes: { target: string[] }[] };
      const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } }).axe;
      const r = await axe.run();
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(serious).toEqual([]);
    // Opening the disclosure shows the controls.
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('[data-weight="burden"]').isVisible()).toBe(true);
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  }, 150_000);

  it('rows open with the keyboard (Enter) and the focus moves to the explanation', async () => {
    const tab = await newTab(site, { width: 390, height: 844 });
    const { page } = tab;
    await page.goto(`${site.url}rankings/?r=440000`);
    await ready(page);
    const unit = (await rowUnit(page, 4))!;
    await page.locator(`tr[data-unit="${unit}"] button.name`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('u')).toBe(unit);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('explain-row');
    expect(await page.locator('#explain-row [data-testid="explain"]').getAttribute('data-unit')).toBe(unit);
    // Escape closes it and gives the focus back to the row.
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).searchParams.get('u')).toBe(null);
    expect(await page.locator('#explain-row').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-unit'))).toBe(unit);
    await tab.context.close();
  });

  it('a shared link opens the explanation in view, on the page of its row', async () => {
    const tab = await newTab(site, { width: 390, height: 844 });
    const { page } = tab;
    await page.goto(`${site.url}rankings/?r=440000`);
    await ready(page);
    // Row 40 of page 1 is far below the first screen.
    const unit = (await rowUnit(page, 39))!;
    await page.goto(`${site.url}rankings/?r=440000&u=${unit}`);
    await page.waitForSelector(`tr[data-unit="${unit}"] + tr.explain-row [data-testid="explain"]`, { timeout: 60_000 });
    await expect.poll(() => page.locator('#explain-row').evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(844);
    expect(await page.locator('#explain-row').evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
    await tab.context.close();
  });
});

describe('rank intervals and exports', () => {
  it('draws intervals on an axis fitted to the page, not on 1…2,978', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}rankings/?mc=100`);
    await mcDone(page);
    // The method panel is open on a desktop.
    expect(await page.locator('[data-action="toggle-method"]').getAttribute('aria-expanded')).toBe('true');
    const axis = page.locator('[data-testid="rank-axis"]');
    const lo = Number(await axis.getAttribute('data-lo'));
    const hi = Number(await axis.getAttribute('data-hi'));
    const ranked = await page
      .locator('[data-testid="rank-table"] tbody tr[data-unit]')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelector('.iv')?.textContent?.split('–').map(Number) ?? []));
    const maxUpper = Math.max(...ranked.map((r) => r[1]));
    expect(lo).toBe(1);
    expect(hi).toBeGreaterThanOrEqual(maxUpper);
    expect(hi).toBeLessThan(maxUpper * 1.2 + 2);
    expect(hi).toBeLessThan(2978);
    expect(await axis.textContent()).toBe(`刻度：第 1–${hi} 名`);
    // On 1…2,978 a bar of the first page would be a fraction of a unit wide; here the widest is
    // a tenth of the 120-unit track or more.
    const widths = await page
      .locator('[data-testid="rank-table"] tbody td.ci svg')
      .evaluateAll((svgs) => svgs.map((s) => Number(s.getAttribute('data-bar-width'))));
    expect(Math.max(...widths)).toBeGreaterThan(12);
    await tab.context.close();
  }, 150_000);

  it('CSV names carry their parent and a code; the chart PNG decodes with its demonstration label', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}rankings/?mc=100`);
    await mcDone(page);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="save-results"]').click()]);
    expect(dl.suggestedFilename()).toMatch(/^demo-assessment-district-000000-\d{4}\.csv$/);
    const text = readFileSync((await dl.path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows.length).toBeGreaterThan(2800);
    expect(new Set(rows.map((r) => r.unit)).size).toBe(rows.length);
    expect(rows.every((r) => /^\d{6}$/.test(r.unit))).toBe(true);
    const gulou = rows.filter((r) => r.name.startsWith('鼓楼区 · '));
    expect(gulou.map((r) => r.parent).sort()).toEqual(['南京市', '开封市', '徐州市', '福州市']);
    for (const r of gulou) expect(r.name).toBe(`鼓楼区 · ${r.parent}`);
    const chaoyang = rows.filter((r) => r.name.startsWith('朝阳区 · ')).map((r) => r.parent);
    expect(chaoyang.sort()).toEqual(['北京市', '长春市']);
    // Scores keep the table's two decimals + 2, without float noise.
    expect(rows.every((r) => !r.score || /^-?\d+(\.\d{1,4})?$/.test(r.score))).toBe(true);
    expect(rows.every((r) => !r.rank_p05 || /^\d+$/.test(r.rank_p05))).toBe(true);

    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="save-chart"]').click()]);
    expect(png.suggestedFilename()).toMatch(/^demo-rank-intervals-district-000000-\d{4}-1-50\.png$/);
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    const decoded = await pngPixels(page, bytes, [DEMO_LABEL_BOX]);
    expect(decoded.width).toBeGreaterThan(1000);
    expect(decoded.height).toBeGreaterThan(50 * 18 * 2);
    expect(decoded.counts[0]).toBeGreaterThan(40);
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  }, 150_000);

  it('English names carry their parent too', async () => {
    const tab = await newTab(site, { width: 390, height: 844 });
    const { page } = tab;
    await page.goto(`${site.url}rankings/?lang=en`);
    await ready(page);
    await page.locator('[data-control="filter"]').fill('Gulou');
    await expect.poll(() => page.locator('[data-testid="rank-table"] tbody button.name').allTextContents()).toHaveLength(4);
    const names = await page.locator('[data-testid="rank-table"] tbody button.name').allTextContents();
    expect(names.map((n) => n.replace(/\s+/g, ' ')).sort()).toEqual([
      'Gulou District · Fuzhou City',
      'Gulou District · Kaifeng City',
      'Gulou District · Nanjing City',
      'Gulou District · Xuzhou City'
    ]);
    expect(await page.locator('[data-testid="method-summary"]').textContent()).toContain('no intervals');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await tab.context.close();
  });
});
