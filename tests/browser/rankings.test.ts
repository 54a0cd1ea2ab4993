// The rankings page in Chromium: live re-ranking when the method changes, movement arrows, Monte
// Carlo intervals computed off the main thread, explanations, the method in the URL and as JSON,
// and the same ranks as `npm run assess` on the same data and method.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { openSite, newTab, type Site } from './harness';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

const ready = (page: import('playwright-core').Page) => page.waitForSelector('.rankings[data-ready="yes"]', { timeout: 90_000 });
const firstUnits = (page: import('playwright-core').Page, n = 10) =>
  page
    .locator('[data-testid="rank-table"] tbody tr')
    .evaluateAll((trs, k) => trs.slice(0, k).map((tr) => tr.getAttribute('data-unit')), n);

describe('rankings', () => {
  it('ranks every district of the country and re-ranks live when a weight changes', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}rankings/`);
    await ready(page);
    const count = await page.locator('[data-testid="count"]').textContent();
    const n = Number(count!.match(/[\d,]+/)![0].replace(/,/g, ''));
    expect(n).toBeGreaterThan(2800);
    const before = await firstUnits(page);
    // Give administrative burden far more weight.
    await page.locator('[data-weight="burden"]').fill('50');
    await expect.poll(() => new URL(page.url()).searchParams.get('w')).toBe('burden:50');
    await ready(page);
    await expect.poll(() => firstUnits(page)).not.toEqual(before);
    // Movement against the default method is shown.
    const moves = await page
      .locator('[data-testid="rank-table"] tbody td.mv.up, [data-testid="rank-table"] tbody td.mv.down')
      .count();
    expect(moves).toBeGreaterThan(0);
    expect(await page.locator('.badge').count()).toBe(1);
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  });

  it('Monte Carlo rank intervals: 1,000 runs in a worker, p05 ≤ rank ≤ p95, overlap sentence', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}rankings/?mc=1000`);
    await page.waitForSelector('.rankings[data-mc="done"]', { timeout: 150_000 });
    const bars = await page
      .locator('[data-testid="rank-table"] tbody tr')
      .evaluateAll((trs) =>
        trs.slice(0, 20).map((tr) => [Number(tr.getAttribute('data-rank')), tr.querySelector('.iv')?.textContent ?? ''])
      );
    for (const [rank, iv] of bars) {
      const [lo, hi] = String(iv).split('–').map(Number);
      expect(lo).toBeLessThanOrEqual(rank as number);
      expect(hi).toBeGreaterThanOrEqual(rank as number);
    }
    expect(await page.locator('[data-testid="overlap"]').textContent()).toMatch(/重叠|overlap/);
    // Explaining a unit changes the URL but must not rerun the assessment (or lose the intervals).
    // Record every change of data-seq / data-mc from before the click: a rerun sets data-mc to
    // "running" in the same update that starts it, so even a rerun that finishes is caught.
    const seq = await page.locator('.rankings').getAttribute('data-seq');
    await page.evaluate(() => {
      const el = document.querySelector('.rankings')!;
      const w = window as unknown as { __rankChanges: string[] };
      w.__rankChanges = [];
      new MutationObserver((ms) => {
        for (const m of ms) w.__rankChanges.push(`${m.attributeName}=${el.getAttribute(m.attributeName!)}`);
      }).observe(el, { attributes: true, attributeFilter: ['data-seq', 'data-mc'] });
    });
    const unit = await page.locator('[data-testid="rank-table"] tbody tr').first().getAttribute('data-unit');
    await page.locator(`tr[data-unit="${unit}"] button.name`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('u')).toBe(unit);
    await page.waitForSelector(`[data-testid="explain"][data-unit="${unit}"]`);
    // Let the update triggered by the URL change render (effects flush before the next frame).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => (window as unknown as { __rankChanges: string[] }).__rankChanges)).toEqual([]);
    expect(await page.locator('.rankings').getAttribute('data-seq')).toBe(seq);
    expect(await page.locator('.rankings').getAttribute('data-mc')).toBe('done');
    await tab.context.close();
  }, 200_000);

  it('explains a unit and keeps it in the URL', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}rankings/?r=440000`);
    await ready(page);
    const unit = (await firstUnits(page, 3))[2]!;
    await page.locator(`tr[data-unit="${unit}"] button.name`).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('u')).toBe(unit);
    await page.waitForSelector(`[data-testid="explain"][data-unit="${unit}"]`);
    expect(await page.locator('[data-testid="explain"] [data-dimension]').count()).toBe(7);
    expect(await page.locator('[data-testid="explain"] ol').first().locator('li').count()).toBe(3);
    // Reload restores the explained unit.
    await page.reload();
    await page.waitForSelector(`[data-testid="explain"][data-unit="${unit}"]`, { timeout: 60_000 });
    await tab.context.close();
  });

  it('gives the same ranks as `npm run assess` for the same data and method', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}rankings/?r=440000&a=arithmetic,geometric&w=satisfaction:20`);
    await ready(page);
    const dir = mkdtempSync(join(tmpdir(), 'cgo-'));
    const save = async (action: string, name: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-action="${action}"]`).click()]);
      const p = join(dir, name);
      await dl.saveAs(p);
      return p;
    };
    const input = await save('save-input', 'input.csv');
    const methodFile = await save('save-method', 'method.json');
    const pageResults = await save('save-results', 'page.csv');
    const spec = JSON.parse(readFileSync(methodFile, 'utf8')).spec;
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    execFileSync(
      'npx',
      ['tsx', 'scripts/assess.ts', '--data', input, '--spec', join(dir, 'spec.json'), '--out', join(dir, 'cli.csv')],
      { stdio: 'pipe' }
    );
    const read = (p: string) =>
      Papa.parse<Record<string, string>>(readFileSync(p, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true })
        .data;
    const cli = new Map(read(join(dir, 'cli.csv')).map((r) => [r.unit, r]));
    const web = read(pageResults);
    expect(web.length).toBeGreaterThan(100);
    expect(cli.size).toBe(web.length);
    for (const r of web) {
      expect(cli.get(r.unit)?.rank, r.unit).toBe(r.rank);
      if (r.score) expect(Number(cli.get(r.unit)!.score)).toBeCloseTo(Number(r.score), 3); // exported to 2 + 2 decimals
    }
    // Loading the method JSON back reproduces the method.
    await page.goto(`${site.url}rankings/?r=440000`);
    await ready(page);
    await page.locator('[data-action="load-method"]').setInputFiles(methodFile);
    await expect.poll(() => new URL(page.url()).searchParams.get('a')).toBe('arithmetic,geometric');
    expect(new URL(page.url()).searchParams.get('w')).toBe('satisfaction:20');
    // A broken method file gives a clear error naming the field.
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ method: { scheme: 'default', weights: { burdn: 2 } } }));
    await page.locator('[data-action="load-method"]').setInputFiles(join(dir, 'bad.json'));
    await expect.poll(() => page.locator('.method .err').textContent()).toContain('weights.burdn');
    await tab.context.close();
  });
});
