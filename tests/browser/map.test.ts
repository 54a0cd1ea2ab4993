// The national map in Chromium: every region lies inside the visible area with the South China Sea
// islands in the 南海诸岛 inset; the map is one tab stop that arrow keys move within and that keeps the
// focus after Enter opens a region; its PNG carries the inset and the colour legend.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { openSite, newTab, mapReady, type Site, pngPixels } from './harness';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const inside = (b: Box, f: Box, eps = 0.5) =>
  b.x >= f.x - eps && b.y >= f.y - eps && b.x + b.width <= f.x + f.width + eps && b.y + b.height <= f.y + f.height + eps;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('map', () => {
  for (const [width, height] of [
    [1440, 900],
    [390, 844]
  ])
    it(`at ${width} px every region is inside the map and the islands are in the inset`, async () => {
      const tab = await newTab(site, { width, height });
      await tab.page.goto(site.url);
      await mapReady(tab.page, '000000');
      const m = await tab.page.locator('[data-testid="map"] svg').evaluate((svg: SVGSVGElement) => {
        const vb = svg.viewBox.baseVal;
        const box = (e: SVGGraphicsElement) => {
          const b = e.getBBox();
          return { x: b.x, y: b.y, width: b.width, height: b.height };
        };
        const client = (e: Element) => {
          const r = e.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        const inset = svg.querySelector<SVGGElement>('[data-testid="map-inset"]');
        const main = [...svg.querySelectorAll<SVGPathElement>('path[data-code]')].filter((p) => !inset?.contains(p));
        const frame = inset?.querySelector('rect');
        return {
          viewBox: { x: vb.x, y: vb.y, width: vb.width, height: vb.height },
          svg: client(svg),
          main: main.map((p) => ({ code: p.dataset.code!, box: box(p), client: client(p) })),
          frame: frame ? box(frame) : null,
          islands: [...(inset?.querySelectorAll<SVGPathElement>('path.island[data-inset]') ?? [])].map((p) => ({
            code: p.dataset.inset!,
            box: box(p)
          })),
          label: inset?.querySelector('text')?.textContent ?? null
        };
      });
      expect(m.main.length).toBe(31);
      for (const p of m.main) {
        expect(inside(p.box, m.viewBox), p.code).toBe(true);
        expect(inside(p.client, m.svg, 1), p.code).toBe(true); // on screen, not cut by the box
      }
      // The inset: a frame in the lower right, not covered by the main map, holding Hainan's islands.
      expect(m.frame).not.toBeNull();
      const frame = m.frame!;
      expect(inside(frame, m.viewBox)).toBe(true);
      expect(frame.x + frame.width).toBeGreaterThan(m.viewBox.width * 0.9);
      expect(frame.y + frame.height).toBeGreaterThan(m.viewBox.height * 0.9);
      for (const p of m.main) expect(overlap(p.box, frame), p.code).toBe(false);
      expect(m.label).toBe('南海诸岛');
      expect(m.islands.map((i) => i.code)).toContain('460000');
      for (const i of m.islands) expect(inside(i.box, frame), i.code).toBe(true);
      // Hainan on the main map is the island only: it ends north of the inset's top (no 7°N stretch).
      const hainan = m.main.find((p) => p.code === '460000')!;
      expect(hainan.box.height).toBeLessThan(m.viewBox.height * 0.06);
      expect(tab.offsite).toEqual([]);
      await tab.context.close();
    });

  it('a click on an island in the inset opens its region', async () => {
    const tab = await newTab(site);
    await tab.page.goto(site.url);
    await mapReady(tab.page, '000000');
    await tab.page.locator('[data-testid="map-inset"] path.island[data-inset="460000"]').first().dispatchEvent('click');
    await mapReady(tab.page, '460000');
    // Hainan's map: 三沙市 is drawn only in its inset, and is a focusable region there.
    const sansha = tab.page.locator('[data-testid="map-inset"] path[role="button"][data-code="460300"]');
    expect(await sansha.count()).toBe(1);
    expect(await tab.page.locator('[data-testid="map"] path[role="button"]').count()).toBe(5);
    await tab.context.close();
  });

  it('the PNG export holds the inset and, below the map, the colour legend', async () => {
    const tab = await newTab(site);
    await tab.page.goto(site.url);
    await mapReady(tab.page, '000000');
    // The legend's stop colours, as the page draws its ramp.
    const ramp = await tab.page.locator('[data-testid="legend"] .ramp').evaluate((e) => (e as HTMLElement).style.background);
    const stops = [...ramp.matchAll(/rgb\((\d+), (\d+), (\d+)\)/g)].map((m) => [1, 2, 3].map((i) => Number(m[i])));
    expect(stops.length).toBe(4); // this indicator has a target: red, midpoint, target, beyond
    const [download] = await Promise.all([
      tab.page.waitForEvent('download'),
      tab.page.locator('[data-panel="map"] [data-action="png"]').click()
    ]);
    const png = readFileSync((await download.path())!);
    // Below the map (the last 150 px: legend, source line) and, in the map's lower right, the inset's
    // frame and island dots (#475569 / #64748b, no region is slate-coloured).
    const [first, last, inset] = (
      await pngPixels(tab.page, png, [
        { x: 0, y: -150, w: '100%', h: 150, rgb: stops[0], tol: 30 },
        { x: 0, y: -150, w: '100%', h: 150, rgb: stops[stops.length - 1], tol: 30 },
        { x: '70%', y: '40%', w: '30%', h: '45%', rgb: [80, 96, 120], tol: 60 }
      ])
    ).counts;
    const counts = { first, last, inset };
    expect(counts.first).toBeGreaterThan(50);
    expect(counts.last).toBeGreaterThan(50);
    expect(counts.inset).toBeGreaterThan(100);
    await tab.context.close();
  });

  it('is one tab stop; arrows move between regions; Enter opens one and the focus stays on the map', async () => {
    const tab = await newTab(site);
    const page = tab.page;
    await page.goto(site.url);
    await mapReady(page, '000000');
    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement as HTMLElement | SVGElement | null;
        return {
          code: a?.getAttribute('data-code') ?? null,
          inMap: !!a?.closest('[data-testid="map"]'),
          inRankings: !!a?.closest('[data-panel="rankings"]'),
          tabindex: a?.getAttribute('tabindex') ?? null,
          x: a instanceof SVGGraphicsElement ? a.getBBox().x + a.getBBox().width / 2 : null
        };
      });
    expect(await page.locator('[data-testid="map"] [tabindex="0"]').count()).toBe(1);
    expect(await page.locator('[data-testid="map"] path[role="button"][tabindex="-1"]').count()).toBe(30);
    // From the map panel's last tool button, one Tab lands on the map.
    await page.locator('[data-panel="map"] [data-action="png"]').focus();
    await page.keyboard.press('Tab');
    const first = await focused();
    expect(first.inMap && first.tabindex === '0').toBe(true);
    // The focus ring is drawn: a white halo under a dark outline.
    expect(await page.locator('[data-testid="map"] path.ring').count()).toBe(2);
    // ArrowRight moves to a region further right, and moves the tab stop with it.
    await page.keyboard.press('ArrowRight');
    const next = await focused();
    expect(next.inMap).toBe(true);
    expect(next.code).not.toBe(first.code);
    expect(next.x!).toBeGreaterThan(first.x!);
    expect(await page.locator(`[data-testid="map"] [data-code="${next.code}"][tabindex="0"]`).count()).toBe(1);
    // Leaving the map takes one Tab; the rankings panel is a few more away.
    let presses = 0;
    do {
      await page.keyboard.press('Tab');
      presses++;
    } while (!(await focused()).inRankings && presses < 40);
    expect(presses).toBeLessThan(10);
    // Back on the map (Shift+Tab to its single stop), Enter drills down; the focus stays on the map.
    await page.locator(`[data-testid="map"] [data-code="${next.code}"][tabindex="0"]`).focus();
    await page.keyboard.press('Enter');
    await mapReady(page, next.code!);
    await expect.poll(async () => (await focused()).inMap).toBe(true);
    const after = await focused();
    expect(after.tabindex).toBe('0');
    expect(after.code!.slice(0, 2)).toBe(next.code!.slice(0, 2));
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
