// The explorer in Chromium: a filter's count and a group-by's values equal the same question asked
// of native DuckDB over the same snapshot files; a real mouse brush on the histogram changes the
// count to native DuckDB's count for that range (and clearing restores it); a permalink restores
// the view and back/forward step through committed changes; exports download non-empty files with
// the right columns: every table as CSV and as Parquet (read back by native DuckDB), every chart as
// PNG and as SVG (parsed in the browser: valid, with the demonstration label and the filters as text).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Page } from 'playwright-core';
import { openSite, newTab, type Site } from './harness';
import { aggExpr, unitExpr } from '../../src/lib/indicators/sql';
import { indicator } from '../../src/lib/indicators/catalogue';

let site: Site;
let con: DuckDBConnection;
beforeAll(async () => {
  site = await openSite();
  con = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
});
afterAll(async () => {
  await site?.close();
  con?.closeSync?.();
});

const native = async (text: string) =>
  (await con.runAndReadAll(text)).getRowObjectsJson() as unknown as Record<string, string | number | null>[];
const units = (year: number, province = '*') => `read_parquet('static/data/units/${year}/${province}.parquet')`;

const ready = (page: Page) => page.waitForSelector('.explore[data-ready="yes"]', { timeout: 110_000 });
/** Every view ready: the box plots and the matrix below the first screen are asked for when scrolled to. */
async function belowReady(page: Page) {
  await ready(page);
  for (const panel of ['box', 'corr']) await page.locator(`[data-panel="${panel}"]`).scrollIntoViewIfNeeded();
  await page.waitForSelector('.explore[data-ready="yes"][data-slow="yes"][data-corr="yes"]', { timeout: 110_000 });
}
const count = async (page: Page) => Number(await page.locator('.explore').getAttribute('data-count'));
const shownCount = async (page: Page) =>
  Number((await page.locator('[data-testid="count"]').textContent())!.match(/[\d,]+/)![0].replace(/,/g, ''));

/** Drag across histogram bins a..b with the mouse (ECharts' brush answers real pointer events). */
async function dragBins(page: Page, a: number, b: number) {
  const box = (await page.locator('[data-chart="histogram"] .echart').boundingBox())!;
  const [x0, x1, y] = await page.locator('[data-chart="histogram"] .echart').evaluate(
    (el, [a, b]) => {
      const c = (el as unknown as { __echarts: { convertToPixel: (f: object, v: number[]) => number[] } }).__echarts;
      const p0 = c.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [a, 0]);
      const p1 = c.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [b, 0]);
      return [p0[0], p1[0], p0[1] - 60];
    },
    [a, b]
  );
  await page.mouse.move(box.x + x0, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + (x0 + x1) / 2, box.y + y, { steps: 4 });
  await page.mouse.move(box.x + x1, box.y + y, { steps: 4 });
  await page.mouse.up();
}

describe('explorer', () => {
  it('counts all units, then a filter (Guangdong, urban) and a group-by by city as native DuckDB does', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}explore/`);
    await ready(page);
    expect(await count(page)).toBe(620573);
    expect(await page.locator('[data-testid="count"]').textContent()).toContain('620,573');

    await page.goto(`${site.url}explore/?r=440000&t=urban&g=city&gi=satisfaction_score,certified_share`);
    await ready(page);
    const [{ n }] = await native(`SELECT count(*)::INTEGER AS n FROM ${units(2025, '44')} WHERE urban = 1`);
    expect(await count(page)).toBe(n);
    expect(await shownCount(page)).toBe(n);

    const expected = await native(`SELECT substr(code, 1, 4) || '00' AS code, count(*)::INTEGER AS units,
        ${aggExpr(indicator('satisfaction_score'))} AS sat, ${aggExpr(indicator('certified_share'))} AS cert
      FROM ${units(2025, '44')} WHERE urban = 1 GROUP BY 1 ORDER BY 1`);
    const rows = page.locator('[data-testid="group-table"] tbody tr');
    expect(await rows.count()).toBe(expected.length);
    for (const e of expected) {
      const tr = page.locator(`[data-testid="group-table"] tr[data-code="${e.code}"]`);
      expect(Number(await tr.locator('[data-key="2025:units"]').getAttribute('data-value'))).toBe(e.units);
      expect(Number(await tr.locator('[data-key="2025:satisfaction_score"]').getAttribute('data-value'))).toBeCloseTo(
        Number(e.sat),
        2
      );
      expect(Number(await tr.locator('[data-key="2025:certified_share"]').getAttribute('data-value'))).toBeCloseTo(
        Number(e.cert),
        2
      );
    }
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('a mouse brush on the histogram filters the count as native DuckDB does; clearing restores it', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}explore/?r=440000`);
    await ready(page);
    const all = await count(page);
    const hist = page.locator('[data-chart="histogram"]');
    await page.waitForSelector('[data-chart="histogram"] .echart[data-drawn^="ex_bins_"]');
    const lo = Number(await hist.getAttribute('data-lo'));
    const step = Number(await hist.getAttribute('data-step'));
    const nbins = Number(await hist.getAttribute('data-nbins'));
    const a = Math.floor(nbins / 2) - 2;
    const b = Math.floor(nbins / 2) + 1;
    await dragBins(page, a, b);
    // The brush is committed to the URL at its end and the views show that range.
    await expect.poll(() => new URL(page.url()).searchParams.get('b'), { timeout: 30_000 }).not.toBeNull();
    await page.waitForSelector('.explore[data-ready="yes"]:not([data-bins="all"])', { timeout: 60_000 });
    const [ba, bb] = (await page.locator('.explore').getAttribute('data-bins'))!.split('-').map(Number);
    expect(bb).toBeGreaterThanOrEqual(ba);
    const v = `(${unitExpr(indicator('satisfaction_score'))})`;
    const bin = `LEAST(GREATEST(floor((${v} - ${lo}) / ${step}), 0), ${nbins - 1})::INTEGER`;
    const [{ n }] = await native(`SELECT count(*)::INTEGER AS n FROM ${units(2025, '44')} WHERE ${bin} BETWEEN ${ba} AND ${bb}`);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(all);
    await expect.poll(() => count(page), { timeout: 30_000 }).toBe(n);
    // The scatter's n follows the brush too (units with both values inside the brush).
    const [{ m }] = await native(`SELECT count(*)::INTEGER AS m FROM ${units(2025, '44')} WHERE ${bin} BETWEEN ${ba} AND ${bb}
      AND (${unitExpr(indicator('certified_share'))}) IS NOT NULL`);
    await expect.poll(async () => Number(await page.locator('[data-testid="scatter-stats"]').getAttribute('data-n'))).toBe(m);
    // Clearing the brush restores every view.
    await page.locator('[data-action="clear-brush"]').click();
    await page.waitForSelector('.explore[data-ready="yes"][data-bins="all"]', { timeout: 60_000 });
    expect(await count(page)).toBe(all);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('a permalink restores the view; back and forward step through committed changes', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    const url = `${site.url}explore/?r=110000,310000&t=rural&s=m,l&h=admin_time_share&b=40:60&sx=ledgers&sy=meetings_per_year&g=district&pv=type`;
    await page.goto(url);
    await ready(page);
    expect(await page.locator('[data-testid="hist-ind"]').inputValue()).toBe('admin_time_share');
    expect(await page.locator('[data-testid="scatter-x"]').inputValue()).toBe('ledgers');
    expect(await page.locator('[data-testid="group-level"]').inputValue()).toBe('district');
    expect(await page.locator('[data-testid="pivot"]').inputValue()).toBe('type');
    expect(await page.locator('[data-testid="type-rural"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="size-m"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="region-chips"] li').count()).toBe(2);
    expect(await page.locator('.explore').getAttribute('data-bins')).not.toBe('all');
    const brushed = await count(page);
    const [{ n }] =
      await native(`SELECT count(*)::INTEGER AS n FROM (SELECT * FROM ${units(2025, '11')} UNION ALL SELECT * FROM ${units(2025, '31')})
      WHERE urban = 0 AND households >= 500 AND households < 3000`);
    expect(brushed).toBeLessThan(Number(n));

    // Two committed changes, then back twice and forward once.
    await page.locator('[data-action="clear-brush"]').click();
    await page.waitForSelector('.explore[data-ready="yes"][data-bins="all"]', { timeout: 60_000 });
    expect(await count(page)).toBe(n);
    await page.locator('[data-testid="type-all"]').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('t')).toBeNull();
    await ready(page);
    const allTypes = await count(page);
    expect(allTypes).toBeGreaterThan(Number(n));
    await page.goBack();
    await expect.poll(() => count(page), { timeout: 60_000 }).toBe(n);
    await page.goBack();
    await expect.poll(() => count(page), { timeout: 60_000 }).toBe(brushed);
    await page.goForward();
    await expect.poll(() => count(page), { timeout: 60_000 }).toBe(n);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('a slow query (the correlation matrix) shows progress and can be cancelled; the next queries still run', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}explore/?y=2024`);
    await ready(page);
    // The matrix is asked for once its panel is scrolled towards.
    expect(await page.locator('.explore').getAttribute('data-corr')).toBe('no');
    await page.locator('[data-panel="corr"]').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="corr-busy"] [data-action="cancel"]').click({ timeout: 60_000 });
    await page.waitForSelector('[data-testid="corr-cancelled"]');
    expect(await page.locator('.explore').getAttribute('data-corr')).toBe('no');
    // DuckDB's connection answers after the cancelled query: the matrix asked for again, then a filter.
    await page.locator('[data-action="recompute-corr"]').click();
    await page.waitForSelector('.explore[data-corr="yes"]', { timeout: 110_000 });
    await page.locator('[data-testid="type-urban"]').check();
    await page.waitForSelector('.explore[data-ready="yes"][data-count="111430"]', { timeout: 60_000 });
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('exports the group-by table as CSV and Parquet and a chart as PNG, named with the filters', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}explore/?r=440000&t=urban&gi=satisfaction_score`);
    await ready(page);
    const save = saver(page);
    const csv = await save('group', 'csv');
    expect(csv.name).toMatch(/^demo-explore-group-440000-2025-urban-province-year\.csv$/);
    const lines = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe('code,地区,2025 单位数,2025 居民满意度得分');
    expect(lines.length).toBe(2);
    expect(lines[1]).toMatch(/^440000,广东省,\d+,\d/);
    const parquet = await save('group', 'parquet');
    expect(parquet.name).toMatch(/\.parquet$/);
    expect(parquet.bytes.subarray(0, 4).toString()).toBe('PAR1');
    const pq = await native(`SELECT * FROM read_parquet('${await savePath(parquet.bytes)}')`);
    expect(Object.keys(pq[0])).toEqual(['code', 'col', 'units', 'satisfaction_score']);
    await page.waitForSelector('[data-chart="histogram"] .echart[data-drawn^="ex_bins_"]');
    const png = await save('histogram', 'png');
    expect(png.name).toMatch(/^demo-explore-histogram-440000-2025-urban\.png$/);
    expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(png.bytes.length).toBeGreaterThan(5000);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});

describe('explorer exports', () => {
  it('a chart with nothing to draw says so when asked for its SVG or PNG, and saves nothing', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    // No unit has a satisfaction score of 1,000 or more: the box plots have no group to draw.
    await page.goto(`${site.url}explore/?r=440000&v=satisfaction_score:1000:`);
    await page.locator('[data-panel="box"]').scrollIntoViewIfNeeded();
    await page.waitForSelector('.explore[data-ready="yes"][data-slow="yes"]', { timeout: 110_000 });
    expect(await count(page)).toBe(0);
    let downloads = 0;
    page.on('download', () => downloads++);
    const note = page.locator('[data-panel="box"] [data-testid="export-note"]');
    for (const action of ['svg', 'png']) {
      await page.locator(`[data-panel="box"] [data-action="${action}"]`).click();
      await note.waitFor();
      expect(await note.textContent()).toBe('该视图暂无可导出的图：数据尚未载入，或没有符合条件的单位。');
    }
    // The table still saves (a header and no rows), and the note goes.
    const csv = await saver(page)('box', 'csv');
    expect(
      csv.bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim()
    ).toBe('code,name,n,p05,q1,median,q3,p95');
    expect(await note.count()).toBe(0);
    expect(downloads).toBe(1);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('every table as CSV and Parquet with the same columns; every chart as SVG with its caption', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}explore/?r=440000&t=urban&gi=satisfaction_score`);
    await belowReady(page);
    const save = saver(page);
    for (const panel of ['histogram', 'scatter', 'box', 'corr']) {
      const csv = await save(panel, 'csv');
      const lines = csv.bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/);
      const header = lines[0].split(',');
      expect(lines.length).toBeGreaterThan(1);
      const parquet = await save(panel, 'parquet');
      expect(parquet.name).toMatch(new RegExp(`^demo-explore-${panel}-440000-2025-urban.*\\.parquet$`));
      const rows = await native(`SELECT * FROM read_parquet('${await savePath(parquet.bytes)}')`);
      expect(Object.keys(rows[0])).toEqual(header);
      expect(rows.length).toBe(lines.length - 1);
    }
    // Known values: the box table's codes are text, its counts numbers (as in its CSV).
    const box = await native(`SELECT * FROM read_parquet('${await savePath((await save('box', 'parquet')).bytes)}')`);
    expect(String(box[0].code)).toMatch(/^44\d{4}$/);
    expect(Number(box[0].n)).toBeGreaterThan(0);
    // …and its figures are native DuckDB's quantiles of the same units (Guangdong's urban units).
    const v = unitExpr(indicator('admin_time_share'));
    const [want] = await native(`SELECT count(v)::INTEGER AS n, quantile_cont(v, 0.25) AS q1, quantile_cont(v, 0.5) AS median,
      quantile_cont(v, 0.95) AS p95 FROM (SELECT ${v} AS v FROM ${units(2025, '44')} WHERE urban = 1)`);
    expect(Number(box[0].n)).toBe(Number(want.n));
    for (const k of ['q1', 'median', 'p95']) expect(Number(box[0][k])).toBeCloseTo(Number(want[k]), 9);

    for (const panel of ['histogram', 'scatter', 'box', 'corr']) {
      const svg = await save(panel, 'svg');
      expect(svg.name).toMatch(new RegExp(`^demo-explore-${panel}-440000-2025-urban.*\\.svg$`));
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const root = doc.documentElement;
        return {
          error: doc.getElementsByTagName('parsererror').length,
          root: root.localName,
          ns: root.namespaceURI,
          texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
          shapes: doc.querySelectorAll('svg svg path, svg svg rect').length
        };
      }, svg.bytes.toString('utf8'));
      expect(parsed.error).toBe(0);
      expect(parsed.root).toBe('svg');
      expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
      expect(parsed.texts).toContain('演示数据 Demo data');
      expect(parsed.texts.some((t) => t.includes('广东省') && t.includes('2025') && t.includes('城市社区'))).toBe(true);
      expect(parsed.texts.some((t) => t.includes('数据快照'))).toBe(true);
      expect(parsed.shapes).toBeGreaterThan(3);
    }
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});

/** Clicks a panel's export button and returns the file it downloads. Chromium starts at most 10
 *  downloads a second from one frame and drops the rest without a word (its download throttle,
 *  chromium CL 1132485): a test that saves a dozen files in a row must stay under that, or its 11th
 *  download never comes. The wait is the browser's rule, not a guess at how long the page takes. */
function saver(page: Page) {
  const done: number[] = [];
  return async (panel: string, action: string) => {
    const recent = done.filter((t) => Date.now() - t < 1000);
    if (recent.length >= 10) await new Promise((r) => setTimeout(r, 1100 - (Date.now() - recent[0])));
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-panel="${panel}"] [data-action="${action}"]`).click()
    ]);
    done.push(Date.now());
    return { name: dl.suggestedFilename(), bytes: readFileSync(`${await dl.path()}`) };
  };
}

async function savePath(bytes: Buffer): Promise<string> {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const p = join(mkdtempSync(join(tmpdir(), 'cgo-explore-')), 'group.parquet');
  writeFileSync(p, bytes);
  return p;
}
