// Drill-down, measured inside the page: from the click on Guangdong on the national map (the
// click event's timestamp) to the next animation frame after both the KPI cards show Guangdong's
// values and the map shows its cities. An observer in the page records the moment, so polling
// from outside adds nothing.
import type { Page } from 'playwright-core';

export const DRILL_CODE = '440000';
/** A second province drilled into after going back (code warm, its figures not yet fetched). */
export const SECOND_CODE = '320000';

export type Drill = { total: number; kpis: number; map: number };

/** Click a region on the map; in-page milliseconds until the KPIs, the map, and both have painted. */
export async function drillOnce(page: Page, code = DRILL_CODE): Promise<Drill> {
  await page.waitForSelector('[data-map-parent="000000"][data-map-ready="yes"]', { timeout: 60_000 });
  await page.evaluate((c) => {
    const w = window as unknown as { __drill: Promise<Drill> };
    w.__drill = new Promise<Drill>((resolve) => {
      let t0 = NaN;
      let kpisAt = NaN;
      let mapAt = NaN;
      const kpisDone = () => {
        const kpis = document.querySelector('[data-testid="kpis"]') as HTMLElement | null;
        const values = [...document.querySelectorAll('[data-testid="kpi-value"]')].map((e) => e.textContent?.trim());
        return (
          kpis?.dataset.region === c && kpis.dataset.loaded === 'yes' && values.length > 0 && values.every((v) => v && v !== '—')
        );
      };
      const mapDone = () => document.querySelector(`[data-map-parent="${c}"][data-map-ready="yes"]`) !== null;
      const check = () => {
        if (Number.isNaN(t0)) return;
        const now = performance.now();
        if (Number.isNaN(kpisAt) && kpisDone()) kpisAt = now;
        if (Number.isNaN(mapAt) && mapDone()) mapAt = now;
        if (Number.isNaN(kpisAt) || Number.isNaN(mapAt)) return;
        obs.disconnect();
        // The next animation frame after both updates: the frame that paints them.
        requestAnimationFrame(() => resolve({ total: performance.now() - t0, kpis: kpisAt - t0, map: mapAt - t0 }));
      };
      const obs = new MutationObserver(check);
      obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      document.addEventListener('click', (e) => ((t0 = e.timeStamp), check()), { capture: true, once: true });
    });
  }, code);
  await page.locator(`[data-testid="map"] path[data-code="${code}"]`).click();
  return page.evaluate(() => (window as unknown as { __drill: Promise<Drill> }).__drill);
}
