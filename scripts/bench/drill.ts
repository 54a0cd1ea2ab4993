// Drill-down, measured inside the page: from the click on Guangdong on the national map (the
// click event's timestamp) to the next animation frame after both the KPI cards show Guangdong's
// values and the map shows its cities. An observer in the page records the moment, so polling
// from outside adds nothing.
import type { Page } from 'playwright-core';

export const DRILL_CODE = '440000';

/** Click a region on the map and return the in-page milliseconds until its view has painted. */
export async function drillOnce(page: Page, code = DRILL_CODE): Promise<number> {
  await page.waitForSelector('[data-map-parent="000000"][data-map-ready="yes"]', { timeout: 60_000 });
  await page.evaluate((c) => {
    const w = window as unknown as { __drill: Promise<number> };
    w.__drill = new Promise<number>((resolve) => {
      let t0 = NaN;
      let done = false;
      const updated = () => {
        const kpis = document.querySelector('[data-testid="kpis"]') as HTMLElement | null;
        const values = [...document.querySelectorAll('[data-testid="kpi-value"]')].map((e) => e.textContent?.trim());
        return (
          kpis?.dataset.region === c &&
          kpis.dataset.loaded === 'yes' &&
          values.length > 0 &&
          values.every((v) => v && v !== '—') &&
          document.querySelector(`[data-map-parent="${c}"][data-map-ready="yes"]`) !== null
        );
      };
      const check = () => {
        if (done || Number.isNaN(t0) || !updated()) return;
        done = true;
        obs.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      };
      const obs = new MutationObserver(check);
      obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      document.addEventListener('click', (e) => ((t0 = e.timeStamp), check()), { capture: true, once: true });
    });
  }, code);
  await page.locator(`[data-testid="map"] path[data-code="${code}"]`).click();
  return page.evaluate(() => (window as unknown as { __drill: Promise<number> }).__drill);
}
