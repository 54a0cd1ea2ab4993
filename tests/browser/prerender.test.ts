// The first screen is in the HTML: with JavaScript disabled the overview shows the national KPI
// values (the snapshot's figures) and the method page every catalogue indicator.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { openSite, type Site } from './harness';
import { indicators, dimensions, headlineOf } from '../../src/lib/indicators/catalogue';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

const summary = JSON.parse(readFileSync('static/data/summary/000000.json', 'utf8')) as { columns: string[]; rows: unknown[][] };
const info = JSON.parse(readFileSync('static/data/info.json', 'utf8')) as { years: number[] };
const latest = info.years[info.years.length - 1];
const col = (name: string) => summary.columns.indexOf(name);
const nationAll = summary.rows.find((r) => r[col('code')] === '000000' && r[col('type')] === 'all' && r[col('year')] === latest)!;

describe('prerendered pages without JavaScript', () => {
  it('/ shows the national value of every KPI card', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(site.url);
    const cards = page.locator('[data-testid="kpis"] [data-indicator]');
    expect(await cards.count()).toBe(dimensions.length);
    for (const d of dimensions) {
      const ind = headlineOf(d.id);
      const card = page.locator(`[data-testid="kpis"] [data-indicator="${ind.id}"]`);
      const value = Number(nationAll[col(ind.id)]);
      expect(Number(await card.locator('[data-testid="kpi-value"]').getAttribute('data-value'))).toBeCloseTo(value, 6);
      expect(await card.locator('[data-testid="kpi-value"]').textContent()).toMatch(/\d/);
    }
    await context.close();
  });

  it('/method/ lists every indicator', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + 'method/');
    for (const ind of indicators) expect(await page.locator(`tr[data-indicator="${ind.id}"]`).count()).toBe(1);
    expect(await page.locator('[data-testid="provenance"]').textContent()).toMatch(/\d/);
    await context.close();
  });
});
