// The method page shows every indicator of the catalogue with its formula and target document,
// the schemes, and the provenance of the loaded data, offline.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { openSite, newTab, type Site } from './harness';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

const catalogue = JSON.parse(readFileSync('data/indicators/indicators.json', 'utf8'));

describe('method and data page', () => {
  it('lists every indicator, the schemes and the data provenance', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}method/`);
    await page.waitForSelector('[data-testid="provenance"]', { timeout: 60_000 });
    const ids = await page.locator('tr[data-indicator]').evaluateAll((els) => els.map((e) => e.getAttribute('data-indicator')));
    expect(ids.sort()).toEqual(catalogue.indicators.map((i: { id: string }) => i.id).sort());
    const rural = await page.locator('tr[data-indicator="facility_coverage_rural"]').textContent();
    expect(rural).toContain('国办发〔2021〕56号');
    expect(rural).toContain('80');
    expect(await page.locator('[data-scheme]').count()).toBeGreaterThanOrEqual(3);
    const prov = (await page.locator('[data-testid="provenance"]').textContent())!;
    expect(prov).toContain('演示数据');
    expect(prov).toContain('62.1万');
    // The demonstration data's national figures beside the official ones, each near it, with a source.
    const cal = page.locator('[data-testid="calibration"] tr[data-figure]');
    expect(await cal.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-figure')))).toEqual([
      'residents',
      'households',
      'facility_coverage_urban',
      'facility_coverage_rural'
    ]);
    const households = (await page.locator('[data-testid="calibration"] tr[data-figure="households"]').textContent())!;
    expect(households).toContain('4.94亿');
    expect(households).toContain('第七次全国人口普查公报');
    const diff = await page
      .locator('[data-testid="calibration"] tr[data-figure] td:nth-child(4)')
      .evaluateAll((ts) => ts.map((x) => parseFloat(x.textContent!.replace(/^\+/, ''))));
    expect(diff.every((d) => Math.abs(d) < 10)).toBe(true); // within 10 % (or points) of the official figure
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('on a 390 px phone every formula reads on a line or two, and nothing scrolls sideways', async () => {
    for (const lang of ['zh', 'en']) {
      const tab = await newTab(site, { width: 390, height: 844 });
      const { page } = tab;
      await page.goto(`${site.url}method/${lang === 'en' ? '?lang=en' : ''}`);
      await page.waitForSelector('[data-testid="provenance"]', { timeout: 60_000 });
      const formulas = await page.locator('tr[data-indicator] td code').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { width: r.width, lines: e.getClientRects().length }; // an inline box: one rect per line
        })
      );
      expect(formulas.length).toBeGreaterThan(20);
      // Before: one character per line (a column ~10 px wide, dozens of lines).
      expect(Math.min(...formulas.map((f) => f.width))).toBeGreaterThan(100);
      expect(Math.max(...formulas.map((f) => f.lines))).toBeLessThanOrEqual(4);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await tab.context.close();
    }
  });
});
