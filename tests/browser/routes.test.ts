// Every page, in Chinese and English: it loads, shows its data, has no serious or critical axe-core
// violations, starts with a skip link, requests nothing from another origin, and logs no page or
// console errors.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { openSite, newTab, type Site } from './harness';

/** Route → what shows that its data has arrived. */
const ROUTES: Record<string, (page: Page) => Promise<unknown>> = {
  '/': async (page) => {
    await page.waitForSelector('[data-db="ready"]', { timeout: 90_000 });
    await page.waitForSelector('[data-testid="kpis"][data-loaded="yes"]', { timeout: 90_000 });
    await page.waitForSelector('[data-map-parent="000000"][data-map-ready="yes"]', { timeout: 90_000 });
  },
  '/rankings/': (page) => page.waitForSelector('.rankings[data-ready="yes"]', { timeout: 90_000 }),
  '/method/': (page) => page.waitForSelector('[data-testid="provenance"]', { timeout: 60_000 }),
  '/quality/': (page) =>
    page.waitForSelector('.quality[data-ready="yes"] [data-testid="quality-warnings"]', { timeout: 110_000 }),
  '/import/': (page) => page.waitForSelector('.import[data-ready="yes"]', { timeout: 60_000 }),
  '/indicator/certified_share/': async (page) => {
    for (const chart of ['histogram', 'map', 'boxes', 'ranking', 'trend', 'scatter']) {
      await page.locator(`[data-chart="${chart}"]`).scrollIntoViewIfNeeded();
      await page.waitForSelector(`[data-chart="${chart}"][data-ready="yes"]`, { timeout: 90_000 });
    }
  },
  '/sql/': (page) =>
    page.waitForSelector('.sql[data-ready="yes"][data-state="result"] [data-testid="sql-table"]', { timeout: 90_000 }),
  // The shell without a code is the nation's page; checked with a community's code (?c=…), in the same language.
  '/region/': async (page) => {
    const u = new URL(page.url());
    u.searchParams.set('c', '110101001001');
    await page.goto(u.href);
    await page.waitForSelector('.region[data-code="110101001001"][data-ready="yes"]', { timeout: 90_000 });
    // The peers are asked for when scrolled towards.
    await page.locator('[data-testid="peers"]').scrollIntoViewIfNeeded({ timeout: 90_000 });
    await page.waitForSelector('[data-testid="peers"][data-ready="yes"]', { timeout: 90_000 });
  },
  '/explore/': async (page) => {
    await page.waitForSelector('.explore[data-ready="yes"]', { timeout: 110_000 });
    // The box plots and the correlation matrix are asked for when scrolled towards.
    for (const panel of ['box', 'corr']) await page.locator(`[data-panel="${panel}"]`).scrollIntoViewIfNeeded();
    await page.waitForSelector('.explore[data-ready="yes"][data-slow="yes"][data-corr="yes"]', { timeout: 110_000 });
  }
};

/** A real page for each route with a parameter (one of the pages the build prerenders for it). */
const EXAMPLES: Record<string, string> = { '/indicator/[id]/': '/indicator/certified_share/' };

/** Every page in src/routes, as the URL path it is served at. */
function pagesInSource(dir = 'src/routes'): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...pagesInSource(p));
    else if (e.name === '+page.svelte') {
      const rel = relative('src/routes', dir).split(sep).filter(Boolean);
      const path = rel.length ? `/${rel.join('/')}/` : '/';
      out.push(EXAMPLES[path] ?? path);
    }
  }
  return out.sort();
}

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

const readable = (vs: AxeViolation[]) =>
  vs
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `    ${n.target.join(' ')}\n      ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n/g, ' ')}`
          )
          .join('\n') +
        (v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '')
    )
    .join('\n');

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

describe('routes', () => {
  it('the list below covers every page in src/routes', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(pagesInSource());
  });

  for (const [route, ready] of Object.entries(ROUTES))
    for (const lang of ['zh', 'en'] as const) {
      const path = lang === 'en' ? `${route}?lang=en` : route;
      it(`${path}: shows its data, accessible (axe), nothing off-site, no errors`, async () => {
        const tab = await newTab(site);
        const { page } = tab;
        const errors: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(`console: ${m.text()}`);
        });
        page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
        const res = await page.goto(site.url + path.slice(1));
        expect(res?.status()).toBe(200);
        await ready(page);
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toMatch(lang === 'en' ? /^en/ : /^zh/);

        await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
        const violations = (await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }).axe;
          const r = await axe.run({ resultTypes: ['violations'] });
          return r.violations;
        })) as AxeViolation[];
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        if (violations.length) console.info(`${path}: axe\n${readable(violations)}`);
        expect(serious.length, `serious or critical axe violations on ${path}:\n${readable(serious)}`).toBe(0);

        // The first Tab reaches a visible skip link; following it puts focus on the main content.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press('Tab');
        const skip = await page.evaluate(() => {
          const a = document.activeElement as HTMLAnchorElement;
          return { href: a.getAttribute('href'), text: a.textContent, top: a.getBoundingClientRect().top };
        });
        expect(skip.href).toBe('#main');
        expect(skip.text).toBe(lang === 'en' ? 'Skip to main content' : '跳到主要内容');
        expect(skip.top).toBeGreaterThanOrEqual(0);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

        expect(tab.offsite, 'requests to other origins').toEqual([]);
        expect(
          tab.requests
            .filter((u) => !u.startsWith('worker:') && !u.startsWith('data:') && !u.startsWith('blob:'))
            .every((u) => u.startsWith(site.origin + '/'))
        ).toBe(true);
        expect(tab.problems, 'page errors / CSP').toEqual([]);
        expect(errors, 'console errors').toEqual([]);
        await tab.context.close();
      });
    }
});
