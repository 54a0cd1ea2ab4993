// The /import/ page checks a file in the browser with the command line's rules and messages: the
// report lists the lines `npm run import` prints for the same file, a valid file is counted, the file
// never leaves the browser, and the template downloads are what the validator reads.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { openSite, newTab, type Site, type Tab } from './harness';
import { csvText, good, panel, run, table } from '../unit/import-helpers';
import { Validator, type Cell } from '../../src/lib/import/validate';

let site: Site;
let dir: string;
beforeAll(async () => {
  site = await openSite();
  dir = mkdtempSync(join(tmpdir(), 'cgo-import-page-'));
});
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A tab that also records each request's method and whether it carried a body. */
async function importTab(lang: 'zh' | 'en' = 'zh') {
  const tab = await newTab(site);
  const sent: string[] = [];
  tab.context.on('request', (r) => {
    if (r.method() !== 'GET' || r.postDataBuffer()) sent.push(`${r.method()} ${r.url()}`);
  });
  await tab.page.goto(`${site.url}import/${lang === 'en' ? '?lang=en' : ''}`);
  await tab.page.waitForSelector('.import[data-ready="yes"]');
  return { tab, sent };
}

async function choose(tab: Tab, name: string, bytes: Buffer) {
  await tab.page.locator('[data-testid="import-file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
  await tab.page.waitForSelector('[data-testid="report-summary"]', { timeout: 60_000 });
}

const lines = (tab: Tab) => tab.page.locator('[data-testid="report-lines"] li').allTextContents();

describe('/import/', () => {
  it('a bad file: the report lists what npm run import prints on stderr, line for line, as text', async () => {
    const rows = panel();
    rows[1] = { ...rows[1], code: '11010100100' }; // row 3
    rows[2] = { ...rows[2], code: '<b id="x">1</b>', households: 'many' };
    rows.push({ ...rows[0] }); // a duplicate of row 2
    const body = Buffer.from(csvText(table(rows)));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, body);
    const cli = run(file, '--out', mkdtempSync(join(tmpdir(), 'cgo-import-out-')));
    expect(cli.code).toBe(1);
    const expected = cli.stderr.trimEnd().split('\n');
    expect(expected[0]).toBe('row 3, column code: "11010100100" is not a 12-digit division code (11 digits)');

    const { tab, sent } = await importTab();
    await choose(tab, 'bad.csv', body);
    expect(await lines(tab)).toEqual(expected);
    expect(await tab.page.locator('[data-testid="report-summary"]').getAttribute('data-ok')).toBe('no');
    expect(await tab.page.locator('[data-testid="report-summary"]').textContent()).toContain(`发现 ${expected.length} 个问题`);
    // Grouped by column with counts: code has three (11 digits, markup, duplicate), households one.
    const counts = await tab.page
      .locator('[data-testid="report-columns"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-column'), tr.querySelector('td')!.textContent]));
    expect(counts).toEqual([
      ['code', '3'],
      ['households', '1']
    ]);
    // Markup in a cell is shown as text, never parsed.
    expect(await tab.page.locator('#x, [data-testid="report"] b').count()).toBe(0);
    expect((await lines(tab)).some((l) => l.includes('"<b id=\\"x\\">1</b>"'))).toBe(true);
    expect(await tab.page.locator('[data-testid="import-command"]').textContent()).toBe('npm run import -- bad.csv');
    // The page with its report: no serious or critical axe-core violations.
    await tab.page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const serious = await tab.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(serious).toEqual([]);
    // The file stayed in the browser: nothing but GETs of the site, no request with a body.
    expect(sent).toEqual([]);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('a valid file (GBK): no problems, with its rows, units and years; --year on the page goes into the command', async () => {
    const { tab, sent } = await importTab('en');
    const iconv = (await import('iconv-lite')).default;
    await choose(tab, '东城区 2024.csv', iconv.encode(csvText(table(panel())), 'gbk'));
    const summary = tab.page.locator('[data-testid="report-summary"]');
    expect(await summary.getAttribute('data-ok')).toBe('yes');
    expect(await summary.textContent()).toContain('No problems: 8 data rows, 4 units, 2 years (2023, 2024).');
    expect(await tab.page.locator('[data-testid="report-lines"]').count()).toBe(0);
    expect(await tab.page.locator('[data-testid="import-command"]').textContent()).toBe("npm run import -- '东城区 2024.csv'");
    // A file without a year column: missing until the year is given, then valid.
    const noYear = csvText(table([good('110101001001', 2025, '多福巷社区居委会', 1)]).map((r) => r.filter((_, i) => i !== 1)));
    await choose(tab, 'no-year.csv', Buffer.from(noYear));
    expect(await lines(tab)).toEqual(['column year: missing required column (年份); add it or pass --year YYYY']);
    await tab.page.locator('[data-testid="import-year"]').fill('2025');
    await tab.page.locator('[data-testid="import-year"]').dispatchEvent('change');
    await tab.page.waitForSelector('[data-testid="report-summary"][data-ok="yes"]');
    expect(await tab.page.locator('[data-testid="import-command"]').textContent()).toBe(
      'npm run import -- no-year.csv --year 2025'
    );
    expect(sent).toEqual([]);
    expect(tab.offsite).toEqual([]);
    await tab.context.close();
  });

  it('a 100,000-row CSV is checked in the worker (main-thread long tasks are logged, not timed)', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      good(`11010${String(1_000_000 + i).padStart(7, '0')}`, 2024, `社区${i}`, i % 2)
    );
    const { tab } = await importTab();
    await tab.page.evaluate(() => {
      // Long tasks (over 50 ms) that start after the input's change event: setInputFiles itself builds
      // the File on the main thread before that (Playwright's work, not the page's).
      const w = window as unknown as { __long: number[]; __changed: number };
      w.__long = [];
      w.__changed = Infinity;
      document.querySelector('[data-testid="import-file"]')!.addEventListener('change', () => (w.__changed = performance.now()));
      new PerformanceObserver((l) =>
        l.getEntries().forEach((e) => e.startTime >= w.__changed && w.__long.push(Math.round(e.duration)))
      ).observe({ type: 'longtask' });
    });
    const body = Buffer.from(csvText(table(rows)));
    await tab.page.locator('[data-testid="import-file"]').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: body });
    await tab.page.waitForSelector('[data-testid="report-summary"][data-ok="yes"]', { timeout: 120_000 });
    expect(await tab.page.locator('[data-testid="report-summary"]').textContent()).toContain('100,000 行数据');
    const long = await tab.page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    console.info(
      `/import/ 100,000 rows (${(body.length / 1e6).toFixed(1)} MB): main-thread long tasks after the file was chosen: ${JSON.stringify(long)} ms`
    );
    await tab.context.close();
  });

  it('templates: the XLSX header and the CSV header are read by the validator as every column', async () => {
    const { tab, sent } = await importTab();
    const header = (records: Cell[][]) => {
      const v = new Validator();
      v.push(records[0], 1);
      return v.end();
    };
    const [xlsx] = await Promise.all([
      tab.page.waitForEvent('download'),
      tab.page.locator('[data-action="template-xlsx"]').click()
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^template-all-\d{4}\.xlsx$/);
    const wb = XLSX.read(readFileSync((await xlsx.path())!), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['填报表', '填报说明']);
    const sheet = XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null });
    const fromXlsx = header(sheet);
    expect(fromXlsx.headerRow).toBe(1);
    expect(fromXlsx.warnings).toEqual([]);
    expect(fromXlsx.problems).toEqual(['file: no data rows below the header']);
    // Filled in, the template is checked on the page like any workbook (SheetJS loaded by the worker only now).
    const filled = wb.Sheets[wb.SheetNames[0]];
    XLSX.utils.sheet_add_aoa(filled, table(panel()).slice(1), { origin: 'A2' });
    const requestsBefore = tab.requests.length;
    await tab.page.locator('[data-testid="import-file"]').setInputFiles({
      name: 'filled.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
    });
    await tab.page.waitForSelector('[data-testid="report-summary"][data-ok="yes"]', { timeout: 60_000 });
    expect(await tab.page.locator('[data-testid="report-summary"]').textContent()).toContain('8 行数据，4 个单位');
    expect(tab.requests.slice(requestsBefore).some((u) => /workers\/chunks\/.+\.js$/.test(u))).toBe(true);

    const [csv] = await Promise.all([
      tab.page.waitForEvent('download'),
      tab.page.locator('[data-action="template-csv"]').click()
    ]);
    expect(csv.suggestedFilename()).toMatch(/^template-all-\d{4}\.csv$/);
    const text = readFileSync((await csv.path())!, 'utf8').replace(/^\ufeff/, '');
    const fromCsv = header([text.split('\r\n')[0].split(',')]);
    expect(fromCsv.problems).toEqual(['file: no data rows below the header']);
    expect(text.split('\r\n')[0].split(',')).toEqual(sheet[0]);
    expect(sent).toEqual([]);
    await tab.context.close();
  });
});
