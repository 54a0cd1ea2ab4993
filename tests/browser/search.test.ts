// Search across regions, streets and all 620,573 units, by Chinese text or pinyin initials (a unit
// opens its region page), and cities without districts (东莞) opening like districts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openSite, newTab, type Site } from './harness';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

describe('search', () => {
  it('finds a community by pinyin initials and opens its region page', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(site.url);
    const box = page.locator('[data-testid="search"]');
    await box.fill('dfxsq');
    await page.waitForSelector('[data-testid="search-results"] button[data-code="110101001001"]', { timeout: 90_000 });
    await page.locator('[data-testid="search-results"] button[data-code="110101001001"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('c')).toBe('110101001001');
    expect(new URL(page.url()).pathname).toBe('/region/');
    await page.waitForSelector('.region[data-code="110101001001"][data-ready="yes"]', { timeout: 90_000 });
    expect(await page.locator('h1').textContent()).toContain('多福巷社区居委会');
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  });

  it('the overview at a district marks a unit named in the URL and scrolls to it', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}?r=110101&u=110101001001`);
    await page.waitForSelector('[data-testid="picked-unit"][data-code="110101001001"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="picked-unit"]').textContent()).toContain('多福巷社区居委会');
    // It is below the map: the page scrolls to it and focus moves to it.
    await expect
      .poll(() =>
        page.locator('[data-testid="picked-unit"]').evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= innerHeight && document.activeElement === el && scrollY > 0;
        })
      )
      .toBe(true);
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  });

  it('finds regions and units by Chinese substring', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(site.url);
    await page.locator('[data-testid="search"]').fill('南山区');
    await page.waitForSelector('[data-testid="search-results"] button[data-code="440305"]', { timeout: 90_000 });
    await page.locator('[data-testid="search"]').fill('银闸社区');
    await page.waitForSelector('[data-testid="search-results"] button[data-code="110101001002"]');
    // Typing markup finds nothing (and is not parsed either).
    await page.locator('[data-testid="search"]').fill('<img src=x onerror=alert(1)>');
    await page.waitForSelector('[data-testid="search-results"] li.none');
    await tab.context.close();
  });

  it('text typed before the page is live is searched once it is', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    // Hold the app's scripts: the prerendered box takes typing, but nothing listens to it yet.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/_app/immutable/**/*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(site.url, { waitUntil: 'domcontentloaded' });
    await page.locator('[data-testid="search"]').fill('南山区');
    release();
    await page.waitForSelector('[data-testid="search-results"] button[data-code="440305"]', { timeout: 90_000 });
    expect(await page.locator('[data-testid="search"]').inputValue()).toBe('南山区');
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  });

  it('shows a unit name containing HTML as literal text and creates no element from it', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    // A department's file could hold any text in a name: add one hostile unit to the search index.
    const hostile = '<img src=x onerror="window.__xss=1"><b>恶意测试社区</b>';
    const code = '110101001999';
    let served = false;
    await page.route('**/search.tsv*', async (route) => {
      const res = await route.fetch();
      const body = (await res.text()) + `${code}\t${hostile}\tyemcssq\tu\n`;
      served = true;
      await route.fulfill({ status: 200, contentType: 'text/tab-separated-values; charset=utf-8', body });
    });
    await page.goto(site.url);
    await page.locator('[data-testid="search"]').fill('恶意测试社区');
    const hit = page.locator(`[data-testid="search-results"] button[data-code="${code}"]`);
    await hit.waitFor({ timeout: 90_000 });
    expect(served).toBe(true);
    expect(await hit.locator('.nm').textContent()).toBe(hostile);
    expect(await hit.locator('.nm').evaluate((el) => el.childElementCount)).toBe(0);
    expect(await page.locator('[data-testid="search-results"] img, [data-testid="search-results"] b').count()).toBe(0);
    // Picking it navigates like any unit (to its region page), and nothing from the name ever ran.
    await hit.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('c')).toBe(code);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('a city without districts (东莞) opens like a district and lists its units', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}?r=441900`);
    await page.waitForSelector('[data-testid="units"] li', { timeout: 60_000 });
    const codes = await page
      .locator('[data-testid="units"] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!));
    expect(codes.every((c) => c.startsWith('441900'))).toBe(true);
    expect(codes.length).toBeGreaterThan(50);
    expect(await page.locator('[data-map-parent]').getAttribute('data-map-parent')).toBe('440000');
    const crumbs = await page
      .locator('[data-testid="breadcrumbs"] [data-code]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(crumbs).toEqual(['000000', '440000', '441900']);
    await tab.context.close();
  });
});
