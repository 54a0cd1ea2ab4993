// The corpus of department files (tests/fixtures/import/corpus.ts) through the /import/ page: every
// file the page can take (one at a time) shows exactly the lines `npm run import` prints for it — the
// same table tests/unit/import-corpus.test.ts runs through the command line — as text (markup in a
// name or code is never parsed, no dialog opens), and nothing is sent anywhere. Parquet is read by
// the site's DuckDB-WASM; a 100,000-row Parquet file is checked with progress (its main-thread long
// tasks are a figure of `npm run bench`, part page-import, not a test).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openSite, newTab, type Site, type Tab } from './harness';
import { CASES, expectedFor, writeCorpus } from '../fixtures/import/corpus';
import { csvText, good, table } from '../unit/import-helpers';

let site: Site;
let tab: Tab;
const dialogs: string[] = [];
const sent: string[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'cgo-corpus-page-'));
const files = path.join(dir, 'files');

beforeAll(async () => {
  mkdirSync(files);
  await writeCorpus(files);
  site = await openSite();
  tab = await newTab(site);
  tab.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  tab.context.on('request', (r) => {
    if (r.method() !== 'GET' || r.postDataBuffer()) sent.push(`${r.method()} ${r.url()}`);
  });
  await tab.page.goto(`${site.url}import/`);
  await tab.page.waitForSelector('.import[data-ready="yes"]');
}, 120_000);
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Chooses `name` on the page and returns the report's lines once the summary for that file is shown. */
async function check(name: string) {
  const { page } = tab;
  await page.locator('[data-testid="import-file"]').setInputFiles(path.join(files, name));
  const summary = page.locator('[data-testid="report-summary"]', { hasText: `${name}(` });
  await summary.waitFor({ timeout: 60_000 });
  const lines = await page.locator('[data-testid="report-lines"] li').allTextContents();
  return { ok: await summary.getAttribute('data-ok'), lines };
}

describe('the import corpus on /import/', () => {
  it.each(CASES.filter((c) => c.browser).map((c) => [c.files[0], c] as const))('%s', async (name, c) => {
    const r = await check(name);
    expect(r.lines).toEqual(expectedFor(c.lines, r.lines));
    expect(r.ok, c.about).toBe(c.code === 0 ? 'yes' : 'no');
    // Markup in the file is text: no element of it reached the report.
    expect(await tab.page.locator('[data-testid="report"] :is(script, img, b)').count()).toBe(0);
  });

  it('the hostile names opened no dialog, and the file never left the browser', () => {
    expect(dialogs).toEqual([]);
    expect(sent).toEqual([]);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
  });

  it('a Parquet file read in slices keeps its row numbers: the same lines as npm run import at the slice edges', async () => {
    const csv = path.join(dir, 'edges.csv');
    const rows = Array.from({ length: 45_000 }, (_, i) => good(`4403${10_000_000 + i}`, 2025, `社区${i}`, 1));
    for (const i of [9_999, 10_000, 44_999]) rows[i].households = -i; // rows 10,001, 10,002 (slices of 10,000) and 45,001
    writeFileSync(csv, csvText(table(rows)));
    const pq = path.join(files, 'edges.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    await con.run(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${pq}' (FORMAT parquet)`);
    con.closeSync();
    inst.closeSync();
    const out = mkdtempSync(path.join(tmpdir(), 'cgo-corpus-out-'));
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', pq, '--out', path.join(out, 'd')], {
      encoding: 'utf8'
    });
    rmSync(out, { recursive: true, force: true });
    const expected = cli.stderr.trimEnd().split('\n');
    expect(expected).toEqual([
      'row 10001, column households: "-9999" is outside the range 1–200000',
      'row 10002, column households: "-10000" is outside the range 1–200000',
      'row 45001, column households: "-44999" is outside the range 1–200000'
    ]);
    expect((await check('edges.parquet')).lines).toEqual(expected);
  }, 120_000);

  it('a 100,000-row Parquet file: progress while DuckDB reads it, then the report, and nothing sent', async () => {
    const csv = path.join(dir, 'big.csv');
    const rows = Array.from({ length: 100_000 }, (_, i) => good(`4403${10_000_000 + i}`, 2025, `社区${i}`, i % 2));
    writeFileSync(csv, csvText(table(rows)));
    const pq = path.join(files, 'big.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    await con.run(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${pq}' (FORMAT parquet)`);
    con.closeSync();
    inst.closeSync();
    const { page } = tab;
    await page.evaluate(() => {
      const w = window as unknown as { __stages: string[] };
      w.__stages = [];
      // Which progress texts were shown (recorded as they appear, not sampled).
      new MutationObserver(() => {
        const t = document.querySelector('#import-reading')?.textContent?.trim();
        if (t && w.__stages[w.__stages.length - 1] !== t) w.__stages.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.locator('[data-testid="import-file"]').setInputFiles(pq);
    const summary = page.locator('[data-testid="report-summary"]', { hasText: 'big.parquet(' });
    await summary.waitFor({ timeout: 120_000 });
    const shown = await page.locator('[data-testid="report-lines"] li').allTextContents();
    expect(shown.slice(0, 3)).toEqual([]);
    expect(await summary.getAttribute('data-ok')).toBe('yes');
    expect(await summary.textContent()).toContain('100,000 行数据，100,000 个单位');
    const stages = await page.evaluate(() => (window as unknown as { __stages: string[] }).__stages);
    expect(stages).toContain('正在用 DuckDB 读取 Parquet 文件 big.parquet……');
    expect(sent).toEqual([]);
  }, 180_000);
});
