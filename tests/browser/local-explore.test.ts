// A checked file explored on every page in place of the site's snapshots (/import/ → "explore"): the
// browser builds the same snapshot files as `npm run import` from the same file (compared file by
// file), the pages show its figures and ask the server for none of its data, a reload offers to
// explore it again or remove it, and nothing is sent anywhere.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openSite, newTab, type Site, type Tab } from './harness';
import { run } from '../unit/import-helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'cgo-local-'));
const csv = path.join(dir, '南山与东城 2024-2025.csv');
const parquet = path.join(dir, 'same-rows.parquet');
const cli = path.join(dir, 'cli');
let site: Site;
const JUMP = '440305002003';

beforeAll(async () => {
  // A department's file: two districts in two provinces, two years, cut from the snapshot's units.
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  const part = (y: number, p: string) => `SELECT u.*, n.name FROM read_parquet('static/data/units/${y}/${p}.parquet') u
      JOIN read_parquet('static/data/names/${p}.parquet') n USING (code)`;
  await con.run(`CREATE TABLE f AS SELECT * FROM (${part(2024, '44')} UNION ALL ${part(2025, '44')} UNION ALL ${part(2024, '11')}
                  UNION ALL ${part(2025, '11')}) WHERE code LIKE '440305%' OR code LIKE '110101%'`);
  // One unit's households doubled in 2025: the data-quality report's year-on-year rule must name it.
  await con.run(`UPDATE f SET households = households * 2, residents = residents * 2 WHERE year = 2025 AND code = '${JUMP}'`);
  await con.run(`COPY (FROM f ORDER BY year, code) TO '${csv}' (HEADER, DELIMITER ',')`);
  await con.run(`COPY (FROM f ORDER BY year, code) TO '${parquet}' (FORMAT PARQUET)`);
  const r = run(csv, '--out', cli);
  if (r.code !== 0) throw new Error(r.stderr);
  site = await openSite();
}, 120_000);
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Requests for data files other than those every snapshot shares. */
const dataRequests = (tab: Tab, from: number) =>
  tab.requests.slice(from).filter((u) => /\/data\//.test(u) && !/\/data\/(regions\.json|streets\.parquet)/.test(u));

async function kpi(tab: Tab, id: string) {
  const v = tab.page.locator(`[data-indicator="${id}"] [data-testid="kpi-value"]`);
  await expect.poll(() => v.getAttribute('data-value'), { timeout: 60_000 }).not.toBe('');
  return Number(await v.getAttribute('data-value'));
}

const cliSummary = (code: string) => JSON.parse(readFileSync(path.join(cli, 'summary', `${code}.json`), 'utf8'));
/** The nation's value of an indicator in a summary file, for a year, all units. */
function nationValue(s: { columns: string[]; rows: unknown[][] }, id: string, year: number) {
  const [c, y, t, v] = ['code', 'year', 'type', id].map((k) => s.columns.indexOf(k));
  return Number(s.rows.find((r) => r[c] === '000000' && r[y] === year && r[t] === 'all')![v]);
}

/** Check `file` on /import/ and explore it: the page that opens shows it. */
async function explore({ page }: Tab, file: string, search = '') {
  await page.goto(`${site.url}import/${search}`);
  await page.waitForSelector('.import[data-ready="yes"]');
  await page.locator('[data-testid="import-file"]').setInputFiles(file);
  await page.waitForSelector('[data-testid="report-summary"][data-ok="yes"]', { timeout: 60_000 });
  await page.locator('[data-action="explore-local"]').click();
  await page.waitForSelector('[data-testid="local-banner"]', { timeout: 120_000 });
}

describe('exploring a checked file in the browser', () => {
  it('builds the same snapshot files as npm run import, then every page shows them without fetching data', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    const sent: string[] = [];
    tab.context.on('request', (q) => {
      if (q.method() !== 'GET' || q.postDataBuffer()) sent.push(`${q.method()} ${q.url()}`);
    });
    await explore(tab, csv);
    const opened = tab.requests.length;
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('[data-testid="demo-banner"]').count()).toBe(0);
    expect(await page.locator('[data-testid="local-banner"]').textContent()).toContain('南山与东城 2024-2025.csv');

    // The files the browser built, file by file against the command line's.
    const local = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, bad) => {
        const r = indexedDB.open('cgo-local');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => bad(r.error);
      });
      const snap = await new Promise<{ files: Record<string, Blob> }>((ok) => {
        const r = db.transaction('snapshots').objectStore('snapshots').get('current');
        r.onsuccess = () => ok(r.result);
      });
      const out: Record<string, string> = {};
      for (const [p, b] of Object.entries(snap.files)) out[p] = p.endsWith('.parquet') ? `${b.size} bytes` : await b.text();
      return out;
    });
    const summaries = readdirSync(path.join(cli, 'summary')).map((f) => `summary/${f}`);
    expect(
      Object.keys(local)
        .filter((p) => p.startsWith('summary/'))
        .sort()
    ).toEqual(summaries.sort());
    for (const p of [...summaries, 'search.tsv']) expect(local[p], p).toBe(readFileSync(path.join(cli, p), 'utf8'));
    const m = JSON.parse(local['manifest.json']);
    const cm = JSON.parse(readFileSync(path.join(cli, 'manifest.json'), 'utf8'));
    for (const k of ['years', 'provinces', 'units', 'unitYears', 'totals', 'demo']) expect(m[k], k).toEqual(cm[k]);
    expect(m.files.map((f: { path: string }) => f.path).sort()).toEqual(
      cm.files
        .map((f: { path: string }) => f.path)
        .filter((p: string) => !['regions.json', 'streets.parquet'].includes(p))
        .sort()
    );

    // The overview shows the file's national figure (the latest year), not the site's.
    const sat = await kpi(tab, 'satisfaction_score');
    expect(sat).toBeCloseTo(nationValue(cliSummary('000000'), 'satisfaction_score', 2025), 6);
    // The rankings rank the file's two districts.
    await page.locator('nav a[href*="rankings"]').click();
    await page.waitForSelector('.rankings[data-ready="yes"]', { timeout: 90_000 });
    expect(await page.locator('[data-testid="local-banner"]').count()).toBe(1);
    const ranked = await page.locator('tr[data-unit]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unit')));
    expect(ranked.sort()).toEqual(['110101', '440305']);
    await page.locator('nav a[href*="method"]').click();
    await page.waitForSelector('[data-testid="provenance"]');
    const provenance = await page.locator('[data-testid="provenance"]').textContent();
    expect(provenance).not.toContain('演示');
    expect(provenance).toContain(m.built.slice(0, 10));
    // The data-quality report checks the file's units only.
    await page.locator('[data-testid="quality-link"]').click();
    await page.waitForSelector('.quality[data-ready="yes"] [data-testid="quality-warnings"]', { timeout: 90_000 });
    expect(await page.locator('[data-testid="local-banner"]').count()).toBe(1);
    const flagged = await page
      .locator('[data-testid="quality-warnings"] tr[data-code]')
      .evaluateAll((trs) =>
        trs.map((tr) => `${tr.getAttribute('data-rule')} ${tr.getAttribute('data-code')} ${tr.getAttribute('data-subject')}`)
      );
    expect(flagged.sort()).toEqual([`yoy_jump ${JUMP} households`, `yoy_jump ${JUMP} residents`]);
    // The SQL console queries the file: Guangdong's districts in it are one (南山区).
    await page.locator('nav a[href*="sql"]').click();
    await page.waitForSelector('.sql[data-ready="yes"][data-state="result"] [data-testid="sql-table"]', { timeout: 90_000 });
    const districts = await page.locator('[data-testid="sql-table"] tbody tr').allTextContents();
    expect(districts).toHaveLength(1);
    expect(districts[0]).toContain('440305');
    expect(dataRequests(tab, opened)).toEqual([]);
    expect(tab.offsite).toEqual([]);
    expect(sent).toEqual([]);
    await tab.context.close();
  }, 300_000);

  it('a reload offers to explore the kept file again or remove it', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    // Each test's browser context is fresh: keep a file here through the page, as a user would.
    await explore(tab, csv);
    const local = await kpi(tab, 'satisfaction_score');

    await page.reload();
    await page.waitForSelector('[data-testid="local-offer"]');
    expect(await page.locator('[data-testid="demo-banner"]').count()).toBe(1);
    const demo = await kpi(tab, 'satisfaction_score');
    expect(demo).not.toBeCloseTo(local, 3);
    await page.locator('[data-action="restore-local"]').click();
    await page.waitForSelector('[data-testid="local-banner"]');
    expect(await kpi(tab, 'satisfaction_score')).toBeCloseTo(local, 6);

    await page.reload();
    await page.locator('[data-action="forget-local"]').click();
    await expect.poll(() => page.locator('[data-testid="local-offer"]').count()).toBe(0);
    await page.reload();
    await page.waitForSelector('[data-testid="demo-banner"]');
    await page.waitForSelector('[data-testid="kpis"][data-loaded="yes"]');
    expect(await page.locator('[data-testid="local-offer"], [data-testid="local-banner"]').count()).toBe(0);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  }, 300_000);

  it('a Parquet file is explored the same way: the same figures as the CSV of the same rows', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await explore(tab, parquet, '?lang=en');
    expect(new URL(page.url()).search).toBe('?lang=en');
    expect(await page.locator('[data-testid="local-banner"]').textContent()).toContain('same-rows.parquet');
    expect(await kpi(tab, 'satisfaction_score')).toBeCloseTo(nationValue(cliSummary('000000'), 'satisfaction_score', 2025), 6);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  }, 300_000);
});
