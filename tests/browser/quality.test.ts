// The data-quality page runs the report of `npm run quality` in the browser (DuckDB-WASM over every
// unit of the latest year) and lists the anomalies planted in the demonstration data
// (scripts/lib/planted.ts), by name, with the worst districts first; the method page links to it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { openSite, newTab, type Site } from './harness';
import { EXPECTED, PLANTED } from '../../scripts/lib/planted';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

const READY = '.quality[data-ready="yes"] [data-testid="quality-warnings"]';

describe('data-quality page', () => {
  it('lists the planted anomalies, counts them per rule and ranks their districts', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}quality/`);
    await page.waitForSelector(READY, { timeout: 110_000 });
    const rows = await page
      .locator('[data-testid="quality-warnings"] tbody tr')
      .evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-rule')} ${e.getAttribute('data-code')} ${e.getAttribute('data-subject')}`.trim())
      );
    const planted = [
      ...EXPECTED.uniform_satisfaction.map((w) => `uniform_satisfaction ${w.code}`),
      ...EXPECTED.peer_ratio.map((w) => `peer_ratio ${w.code} ${w.subject}`),
      ...EXPECTED.small_survey.map((w) => `small_survey ${w.code}`),
      ...EXPECTED.missing_indicator.map((w) => `missing_indicator ${w.code} ${w.subject}`)
    ];
    for (const p of planted) expect(rows).toContain(p);
    const jumps = rows.filter((r) => r.startsWith('yoy_jump '));
    expect(jumps.length).toBeGreaterThan(3);
    expect(jumps.every((r) => r.startsWith(`yoy_jump ${PLANTED.jumpStreet}`) && r.endsWith(' households'))).toBe(true);
    expect(rows).toHaveLength(planted.length + jumps.length);

    const count = (rule: string) =>
      page.locator(`[data-testid="quality-counts"] tr[data-rule="${rule}"] td[data-count]`).getAttribute('data-count');
    expect(await count('small_survey')).toBe(String(EXPECTED.small_survey.length));
    expect(await count('peer_ratio')).toBe(String(EXPECTED.peer_ratio.length));
    expect(await count('yoy_jump')).toBe(String(jumps.length));

    // names as text: the 人情分 street and the district without scores
    const uniform = await page
      .locator(`tr[data-rule="uniform_satisfaction"][data-code="${PLANTED.uniformStreet}"]`)
      .textContent();
    expect(uniform).toContain('100');
    const missing = await page.locator(`tr[data-rule="missing_indicator"][data-code="${PLANTED.missingDistrict}"]`).textContent();
    expect(missing).toContain('安宁区');
    // most of its units have no score: the worst district
    const first = await page.locator('[data-testid="quality-worst"] tbody tr').first().getAttribute('data-district');
    expect(first).toBe(PLANTED.missingDistrict);

    // the CSV holds every warning with its message, named for the demonstration data, region and year
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-panel="quality-warnings"] [data-action="csv"]').click()
    ]);
    expect(dl.suggestedFilename()).toBe('demo-quality-warnings-000000-2025.csv');
    const csv = readFileSync((await dl.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('rule,code,name,district,subject,value,threshold,message,message_en');
    expect(csv).toHaveLength(rows.length + 1);
    expect(csv.some((l) => l.startsWith(`missing_indicator,${PLANTED.missingDistrict},安宁区,`))).toBe(true);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('on a 390 px phone nothing scrolls sideways', async () => {
    const tab = await newTab(site, { width: 390, height: 844 });
    const { page } = tab;
    await page.goto(`${site.url}quality/?p=62`);
    await page.waitForSelector(READY, { timeout: 110_000 });
    expect(await page.locator(`tr[data-rule="missing_indicator"][data-code="${PLANTED.missingDistrict}"]`).count()).toBe(1);
    expect(await page.locator('[data-testid="quality-warnings"] tbody tr').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await tab.context.close();
  });

  it('the method page links to it, in the page language', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}method/?lang=en`);
    await page.waitForSelector('[data-testid="provenance"]', { timeout: 60_000 });
    await page.locator('[data-testid="quality-link"]').click();
    await page.waitForSelector(READY, { timeout: 110_000 });
    expect(new URL(page.url()).pathname).toMatch(/\/quality\/$/);
    expect(await page.locator('h1').textContent()).toBe('Data-quality report');
    await tab.context.close();
  });
});
