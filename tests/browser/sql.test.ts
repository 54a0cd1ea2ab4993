// The SQL console (/sql/?q=): a group-by over unit_values for one province and year gives the numbers
// native DuckDB gives over the same snapshot files with the catalogue's SQL, and loads only that
// partition; each refused class shows its message and sends no request at all; DuckDB's own errors
// show plainly; CSV, Parquet and PNG downloads; back and forward restore queries.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSite, newTab, type Site, type Tab } from './harness';
import { openDuck, rows } from '../../scripts/lib/duck';
import { indicator } from '../../src/lib/indicators/catalogue';
import { unitExpr } from '../../src/lib/indicators/sql';
import { queryHash } from '../../src/lib/sql/file-name';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

const GROUP_BY = `SELECT district, count(*) AS units, avg(facility_area_per_100hh) AS area,
  avg(certified_share) AS certified_share, avg(satisfaction_score) AS satisfaction
FROM unit_values WHERE year = 2025 AND province = '44'
GROUP BY district ORDER BY district`;

const url = (sql: string) => `${site.url}sql/?q=${encodeURIComponent(sql)}`;
const run = (page: Page) => page.locator('.sql').getAttribute('data-run').then(Number);

/** Open a query by URL and wait until it has run. */
async function open(tab: Tab, sql: string) {
  await tab.page.goto(url(sql));
  await tab.page.waitForSelector('.sql[data-ready="yes"][data-run="1"]', { timeout: 90_000 });
}

/** Type a query, run it, wait for that run to finish. */
async function typeAndRun(page: Page, sql: string) {
  const before = await run(page);
  await page.locator('#sql-text').fill(sql);
  await page.locator('[data-action="run"]').click();
  await page.waitForSelector(`.sql[data-ready="yes"][data-run="${before + 1}"]`, { timeout: 90_000 });
}

function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
}

describe('SQL console', () => {
  it('a group-by over unit_values gives native DuckDB’s numbers and loads only its partition', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await open(tab, GROUP_BY);
    expect(await page.locator('.sql').getAttribute('data-state')).toBe('result');
    expect(await page.locator('.sql').getAttribute('data-files')).toBe('units/2025/44.parquet names/44.parquet');
    const unitFiles = tab.requests.filter((u) => /\/data\/(units|names)\//.test(u)).map((u) => u.replace(/^.*\/data\//, ''));
    expect(unitFiles.sort()).toEqual(['names/44.parquet', 'units/2025/44.parquet']);

    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="csv"]').click()]);
    // Every download is named after the query: a slug of it and the hash of its full text.
    const stem = `SELECT_district_count_AS_units_avg_facility_area_per_100hh-${queryHash(GROUP_BY)}`;
    expect(csvDl.suggestedFilename()).toMatch(new RegExp(`^demo-sql-\\d{4}-\\d{2}-\\d{2}-${stem}\\.csv$`));
    const csv = parseCsv(readFileSync((await csvDl.path())!, 'utf8'));
    expect(csv[0]).toEqual(['district', 'units', 'area', 'certified_share', 'satisfaction']);

    const con = await openDuck();
    const native = await rows<Record<string, string | number>>(
      con,
      `SELECT left(code, 6) AS district, count(*) AS units, avg(${unitExpr(indicator('facility_area_per_100hh'))}) AS area,
         avg(${unitExpr(indicator('certified_share'))}) AS certified_share,
         avg(${unitExpr(indicator('satisfaction_score'))}) AS satisfaction
       FROM read_parquet('static/data/units/2025/44.parquet') GROUP BY 1 ORDER BY 1`
    );
    expect(csv.length - 1).toBe(native.length);
    expect(native.length).toBeGreaterThan(100);
    native.forEach((n, i) => {
      const [district, units, area, certified, satisfaction] = csv[i + 1];
      expect(district).toBe(n.district);
      expect(Number(units)).toBe(Number(n.units));
      expect(Number(area)).toBeCloseTo(Number(n.area), 9);
      expect(Number(certified)).toBeCloseTo(Number(n.certified_share), 9);
      expect(Number(satisfaction)).toBeCloseTo(Number(n.satisfaction), 9);
    });

    // Parquet: the whole result, same columns and rows, read back by native DuckDB.
    const [pqDl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="parquet"]').click()]);
    expect(pqDl.suggestedFilename()).toBe(csvDl.suggestedFilename().replace(/\.csv$/, '.parquet'));
    const file = join(mkdtempSync(join(tmpdir(), 'cgo-sql-')), 'r.parquet');
    writeFileSync(file, readFileSync((await pqDl.path())!));
    const cols = await rows<{ column_name: string }>(con, `DESCRIBE SELECT * FROM read_parquet('${file}')`);
    expect(cols.map((c) => c.column_name)).toEqual(csv[0]);
    const back = await rows<{ n: number; u: number }>(con, `SELECT count(*) AS n, sum(units) AS u FROM read_parquet('${file}')`);
    expect(Number(back[0].n)).toBe(native.length);
    expect(Number(back[0].u)).toBe(native.reduce((s, r) => s + Number(r.units), 0));
    // …with the query, the data date and the demonstration label in its key-value metadata.
    const date = pqDl.suggestedFilename().match(/\d{4}-\d{2}-\d{2}/)![0];
    const kv = await rows<{ key: string; value: string }>(
      con,
      `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${file}')`
    );
    const meta = Object.fromEntries(kv.map((r) => [r.key, r.value]));
    expect(meta.query).toBe(GROUP_BY);
    expect(pqDl.suggestedFilename()).toContain(queryHash(meta.query));
    expect(meta.data_date).toBe(date);
    expect(meta.label).toMatch(/演示数据/);
    expect(meta.source).toContain(date);

    // The quick chart (districts are text, the rest numbers: bars) and its PNG.
    expect(await page.locator('[data-chart]').getAttribute('data-chart')).toBe('bar');
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="png"]').click()]);
    expect(png.suggestedFilename()).toBe(`demo-sql-${date}-${stem}-chart.png`);
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString()
    ).toBe('PNG');
    // …and its SVG (ECharts' SVG renderer): bars, the title, the query, the data date and the label as text.
    const [svgDl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="svg"]').click()]);
    expect(svgDl.suggestedFilename()).toBe(`demo-sql-${date}-${stem}-chart.svg`);
    const svg = readFileSync((await svgDl.path())!, 'utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('条形图');
    expect(svg).toContain('FROM unit_values WHERE year = 2025 AND province = &#39;44&#39;');
    expect(svg).toContain(date);
    expect(svg).toMatch(/演示数据/);
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(60);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('filters outside a CTE, in JOIN … ON, in an OR and outside a UNION load only the partitions they need, with native DuckDB’s answers', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    const cte = `WITH d AS (SELECT year, district, count(*) AS units, sum(households) AS households FROM units GROUP BY ALL)
SELECT district, units, households FROM d WHERE year = 2025 AND district LIKE '4403%' ORDER BY district`;
    await open(tab, cte);
    const dataFiles = () =>
      tab.requests.filter((u) => /\/data\/(units|names)\//.test(u)).map((u) => u.replace(/^.*\/data\//, ''));
    expect(dataFiles().sort()).toEqual(['names/44.parquet', 'units/2025/44.parquet']);
    const con = await openDuck();
    const native = await rows<{ district: string; units: number; households: number }>(
      con,
      `SELECT left(code, 6) AS district, count(*) AS units, sum(households) AS households
       FROM read_parquet('static/data/units/*/*.parquet', hive_partitioning = false, filename = true)
       WHERE filename LIKE '%/2025/%' AND code LIKE '4403%' GROUP BY 1 ORDER BY 1`
    );
    const table = async () =>
      (await page.locator('[data-testid="sql-table"] tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
    expect(await table()).toEqual(
      native.map((n) => [n.district, Number(n.units).toLocaleString('en-US'), Number(n.households).toLocaleString('en-US')])
    );

    // An inner join's ON clause restricts the unit view too: one more partition (2024, Guangdong).
    await typeAndRun(
      page,
      `SELECT r.name, count(*) AS n FROM regions r JOIN units u ON u.district = r.code AND u.year = 2024 AND u.city = '4403' GROUP BY 1 ORDER BY 1`
    );
    expect(await page.locator('.sql').getAttribute('data-files')).toBe('units/2024/44.parquet names/44.parquet');
    expect(dataFiles().sort()).toEqual(['names/44.parquet', 'units/2024/44.parquet', 'units/2025/44.parquet']);

    // An OR of alternatives that each restrict, and a filter outside a UNION ALL: only what they name.
    const count = async (file: string) =>
      Number((await rows<{ n: number }>(con, `SELECT count(*) AS n FROM read_parquet('static/data/${file}')`))[0].n);
    await typeAndRun(
      page,
      `SELECT year, province, count(*) AS n FROM units WHERE (year = 2025 AND province = '44') OR (year = 2024 AND province = '45') GROUP BY ALL ORDER BY ALL`
    );
    expect(await page.locator('.sql').getAttribute('data-files')).toBe(
      'units/2024/45.parquet units/2025/44.parquet names/45.parquet names/44.parquet'
    );
    expect(await table()).toEqual([
      ['2024', '45', (await count('units/2024/45.parquet')).toLocaleString('en-US')],
      ['2025', '44', (await count('units/2025/44.parquet')).toLocaleString('en-US')]
    ]);
    await typeAndRun(
      page,
      `SELECT count(*) AS n FROM (SELECT code, year FROM units WHERE province = '44' UNION ALL SELECT code, year FROM units WHERE province = '45') d WHERE d.year = 2025`
    );
    expect(await page.locator('.sql').getAttribute('data-files')).toBe(
      'units/2025/44.parquet units/2025/45.parquet names/44.parquet names/45.parquet'
    );
    const both = (await count('units/2025/44.parquet')) + (await count('units/2025/45.parquet'));
    expect(await table()).toEqual([[both.toLocaleString('en-US')]]);
    expect(dataFiles().sort()).toEqual([
      'names/44.parquet',
      'names/45.parquet',
      'units/2024/44.parquet',
      'units/2024/45.parquet',
      'units/2025/44.parquet',
      'units/2025/45.parquet'
    ]);
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  });

  it('refuses every class of statement that is not a read, and sends no request', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await open(tab, 'SELECT id FROM indicators LIMIT 1');
    const cases: [string, string, RegExp][] = [
      ["SELECT * FROM read_csv('http://example.com/x.csv')", 'files', /读取文件或网址：read_csv/],
      ["SELECT * FROM 'http://example.com/x.parquet'", 'files', /读取文件或网址/],
      ["SELECT * FROM units, read_parquet('units/2025/11.parquet')", 'files', /read_parquet/],
      ['INSERT INTO indicators SELECT * FROM indicators', 'write', /写入数据/],
      ['DELETE FROM units', 'write', /写入数据/],
      ['CREATE TABLE t AS SELECT 1', 'schema', /CREATE、DROP、ALTER/],
      ['DROP VIEW units', 'schema', /CREATE、DROP、ALTER/],
      ["ATTACH 'http://example.com/db.duckdb' AS x", 'attach', /ATTACH/],
      ["COPY indicators TO 'x.csv'", 'copy', /COPY/],
      ["EXPORT DATABASE 'x'", 'export', /EXPORT\/IMPORT/],
      ['INSTALL httpfs', 'extension', /INSTALL、LOAD/],
      ['LOAD httpfs', 'extension', /INSTALL、LOAD/],
      ['SET enable_external_access = true', 'setting', /SET、RESET、PRAGMA/],
      ['PRAGMA version', 'setting', /SET、RESET、PRAGMA/],
      ['CALL pragma_version()', 'call', /CALL/],
      ['SELECT 1; SELECT 2', 'multiple', /一次只能运行一条语句/],
      ['SELECT * FROM duckdb_settings()', 'function', /不允许的函数/],
      ['SELECT * FROM information_schema.tables', 'table', /不能读取的表/]
    ];
    for (const [sql, cls, message] of cases) {
      const before = tab.requests.length;
      // Chromium asks for the page's icon again when a history entry is pushed: not the query's doing.
      const made = () => tab.requests.slice(before).filter((u) => !u.endsWith('/favicon.svg'));
      await typeAndRun(page, sql);
      const box = page.locator(`.refused[data-refused="${cls}"]`);
      expect(await box.count(), sql).toBe(1);
      expect(await box.textContent(), sql).toMatch(message);
      expect(await box.textContent()).toContain('未运行任何内容');
      expect(made(), `requests after ${sql}`).toEqual([]);
    }
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('shows DuckDB’s errors plainly', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await open(tab, 'SELECT 1 +');
    expect(await page.locator('[data-error]').textContent()).toMatch(/^查询出错：Parser Error: syntax error/);
    await typeAndRun(page, 'SELECT no_such_column FROM regions');
    expect(await page.locator('[data-error]').textContent()).toMatch(/no_such_column/);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('running a query adds a history entry; back and forward restore queries and results', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    const first = 'SELECT level, count(*) AS n FROM regions GROUP BY level ORDER BY level';
    await open(tab, first);
    const firstRows = await page.locator('[data-testid="sql-table"] tbody tr').count();
    expect(firstRows).toBe(4);
    await page.locator('[data-example="catalogue"]').click();
    await page.waitForSelector('.sql[data-ready="yes"][data-run="2"]', { timeout: 90_000 });
    expect(new URL(page.url()).searchParams.get('q')).toContain('FROM indicators');
    const catalogueRows = await page.locator('[data-testid="sql-table"] tbody tr').count();
    expect(catalogueRows).toBeGreaterThan(4);

    await page.goBack();
    await page.waitForSelector('.sql[data-ready="yes"][data-run="3"]', { timeout: 90_000 });
    expect(await page.locator('#sql-text').inputValue()).toBe(first);
    expect(await page.locator('[data-testid="sql-table"] tbody tr').count()).toBe(4);
    await page.goForward();
    await page.waitForSelector('.sql[data-ready="yes"][data-run="4"]', { timeout: 90_000 });
    expect(await page.locator('#sql-text').inputValue()).toContain('FROM indicators');
    expect(await page.locator('[data-testid="sql-table"] tbody tr').count()).toBe(catalogueRows);
    await tab.context.close();
  });

  it('a slow query shows its progress and cancels; the console answers the next query, and a new query supersedes a running one', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await open(tab, 'SELECT 1 AS x');
    // Far more work than a test waits for (10^11 rows, in chunks DuckDB polls between): only cancelling ends it.
    const slow = 'SELECT count(*) AS n, sum(hash(range)) AS s FROM range(100000000000)';
    await page.locator('#sql-text').fill(slow);
    await page.locator('[data-action="run"]').click();
    const cancel = page.locator('[data-testid="sql-busy"] [data-action="cancel"]');
    await cancel.waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-testid="sql-busy"]').textContent()).toMatch(/已用 [\d.]+ 秒.*正在查询/s);
    await cancel.click();
    await page.waitForSelector('.sql[data-ready="yes"][data-run="2"][data-state="cancelled"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="sql-cancelled"]').textContent()).toContain('查询已取消');
    expect(await page.locator('[data-testid="sql-busy"]').count()).toBe(0);

    // Cancelled while loading: the progress says how many partition files (and MB) have arrived.
    await page.locator('#sql-text').fill('SELECT count(*) FROM units');
    await page.locator('[data-action="run"]').click();
    await cancel.and(page.locator('[data-phase="loading"] [data-action="cancel"]')).waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-testid="sql-busy"]').textContent()).toMatch(
      /正在载入 \d+\/248 个数据文件\([\d.]+ MB \/ [\d.]+ MB\)/
    );
    await cancel.click();
    await page.waitForSelector('.sql[data-ready="yes"][data-run="3"][data-state="cancelled"]', { timeout: 30_000 });

    const con = await openDuck();
    const [native] = await rows<{ n: number; h: number }>(
      con,
      `SELECT count(*) AS n, sum(households) AS h FROM read_parquet('static/data/units/2025/44.parquet')`
    );
    const answer = `SELECT count(*) AS n, sum(households) AS h FROM units WHERE year = 2025 AND province = '44'`;
    const cells = async () =>
      (await page.locator('[data-testid="sql-table"] tbody tr').first().locator('td').allTextContents()).map((c) =>
        Number(c.replace(/,/g, ''))
      );
    const expected = [Number(native.n), Number(native.h)];
    await typeAndRun(page, answer);
    expect(await page.locator('.sql').getAttribute('data-state')).toBe('result');
    expect(await cells()).toEqual(expected);

    // A query started while another runs supersedes it: only the new one's answer shows. This one (a
    // cross product: one chunk of it runs for minutes between DuckDB's polls) stops by a new worker.
    await page
      .locator('#sql-text')
      .fill('SELECT count(*) AS n, sum(a.range * b.range) AS s FROM range(300000) a, range(300000) b');
    await page.locator('[data-action="run"]').click();
    await cancel.waitFor({ timeout: 90_000 });
    await typeAndRun(page, answer.replace('count(*) AS n', 'count(*) AS n2'));
    expect(await page.locator('[data-testid="sql-table"] thead th').first().textContent()).toBe('n2');
    expect(await cells()).toEqual(expected);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('on a 390 px phone nothing scrolls sideways', async () => {
    const tab = await newTab(site, { width: 390, height: 844 });
    const { page } = tab;
    await tab.page.goto(`${site.url}sql/`);
    await page.waitForSelector('.sql[data-ready="yes"][data-state="result"] [data-testid="sql-table"]', { timeout: 90_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await tab.context.close();
  });
});
