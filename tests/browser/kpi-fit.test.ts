// KPI cards in English at a phone and a desktop width: every value, unit, change and target fits
// its box (nothing cut off or spilling out of the card).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openSite, newTab, type Site } from './harness';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

const PARTS = ['kpi-value', 'kpi-number', 'kpi-unit', 'kpi-change', 'kpi-target'];

describe('KPI cards fit their content', () => {
  for (const width of [390, 1440]) {
    it(`English at ${width} px: no value, unit or target overflows`, async () => {
      const tab = await newTab(site, { width, height: 900 });
      await tab.page.goto(`${site.url}?lang=en`);
      await tab.page.locator('[data-testid="kpis"][data-loaded="yes"]').waitFor({ timeout: 60_000 });
      await tab.page.locator('[data-testid="kpi-unit"]').first().waitFor();
      const overflowing = await tab.page.evaluate((parts) => {
        const out: string[] = [];
        for (const card of document.querySelectorAll<HTMLElement>('[data-testid="kpis"] [data-indicator]')) {
          const boxes = [card, ...parts.flatMap((p) => [...card.querySelectorAll<HTMLElement>(`[data-testid="${p}"]`)])];
          for (const el of boxes)
            if (el.scrollWidth > el.clientWidth)
              out.push(
                `${card.dataset.indicator} ${el.dataset.testid ?? 'card'}: "${el.textContent}" ${el.scrollWidth} > ${el.clientWidth}`
              );
        }
        return out;
      }, PARTS);
      expect(overflowing).toEqual([]);
      expect(await tab.page.locator('[data-testid="kpi-number"]').count()).toBe(7);
      await tab.context.close();
    });
  }
});
