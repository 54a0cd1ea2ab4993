// /import/ offers the fill-in template with a chosen region's communities and villages prefilled, as
// `npm run template -- --region CODE` writes it: the downloaded XLSX and CSV, read back by the
// validator (once the figures are filled in), list exactly the units native DuckDB finds for that
// region in static/data/names/PP.parquet, with their names, types and the template's year.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import { openSite, newTab, type Site, type Tab } from './harness';
import { Validator, allColumns, type Cell, type Value } from '../../src/lib/import/validate';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

interface Unit {
  code: string;
  name: string;
  urban: number;
}
async function nativeUnits(prefix: string): Promise<Unit[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  const file = path.resolve('static/data/names', `${prefix.slice(0, 2)}.parquet`);
  const r = await con.runAndReadAll(
    `SELECT code, name, CAST(urban AS INTEGER) AS urban FROM read_parquet('${file}') WHERE starts_with(code, '${prefix}') ORDER BY code`
  );
  const rows = r.getRowObjectsJson() as unknown as Unit[];
  con.closeSync();
  inst.closeSync();
  return rows.map((u) => ({ code: String(u.code), name: String(u.name), urban: Number(u.urban) }));
}

const col = (name: string) => allColumns.findIndex((c) => c.name === name);

/** The validator over a template's records with households and residents filled in on every
 *  prefilled row (the sheet's empty rows below are left empty): the rows it accepts. */
function readBack(records: Cell[][]): { units: Unit[]; years: number[]; problems: string[] } {
  const header = records[0].map(String);
  const h = header.indexOf('户数(户)');
  const r = header.indexOf('常住人口(人)');
  expect(h).toBeGreaterThan(0);
  const units: Unit[] = [];
  const v = new Validator({
    onRow: (values: Value[]) =>
      units.push({ code: String(values[col('code')]), name: String(values[col('name')]), urban: Number(values[col('urban')]) })
  });
  records.forEach((rec, i) => {
    const cells = [...rec];
    if (i > 0 && cells[0] !== null && cells[0] !== '') [cells[h], cells[r]] = [100, 300]; // the figures of a prefilled row
    v.push(cells, i + 1);
  });
  const res = v.end();
  return { units, years: res.years, problems: res.problems };
}

async function choose(tab: Tab, testid: string, value: string) {
  await tab.page.locator(`[data-testid="${testid}"]`).selectOption(value);
}

describe('/import/: a template prefilled with a region’s units', () => {
  it('东城区 (110101): the XLSX and the CSV list exactly the units DuckDB finds in names/11.parquet', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}import/`);
    await page.waitForSelector('.import[data-ready="yes"]');
    await page.waitForSelector('[data-testid="region-province"]:not([disabled])');
    await choose(tab, 'region-province', '110000');
    await choose(tab, 'region-city', '110100');
    await choose(tab, 'region-district', '110101');
    const status = page.locator('[data-testid="region-units"][data-ready="yes"]');
    await status.waitFor({ timeout: 60_000 });
    const expected = await nativeUnits('110101');
    expect(expected.length).toBeGreaterThan(100);
    expect(await status.getAttribute('data-count')).toBe(String(expected.length));
    const urban = expected.filter((u) => u.urban === 1).length;
    expect(await status.textContent()).toContain(
      `东城区：${expected.length} 个单位(城市社区 ${urban} 个，村 ${expected.length - urban} 个)`
    );

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="region-xlsx"]').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^template-110101-\d{4}\.xlsx$/);
    const year = Number(/-(\d{4})\./.exec(xlsx.suggestedFilename())![1]);
    const wb = XLSX.read(readFileSync((await xlsx.path())!), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['填报表', '填报说明']);
    const sheet = XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets['填报表'], { header: 1, raw: true, defval: null });
    const fromXlsx = readBack(sheet);
    expect(fromXlsx.problems).toEqual([]);
    expect(fromXlsx.units).toEqual(expected);
    expect(fromXlsx.years).toEqual([year]);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="region-csv"]').click()]);
    expect(csv.suggestedFilename()).toBe(`template-110101-${year}.csv`);
    const text = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '');
    const records = Papa.parse<string[]>(text.trimEnd(), { header: false }).data;
    const fromCsv = readBack(records);
    expect(fromCsv.problems).toEqual([]);
    expect(fromCsv.units).toEqual(expected);
    expect(tab.offsite).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('a whole city (东莞市, a city without districts) and English names', async () => {
    const tab = await newTab(site);
    const { page } = tab;
    await page.goto(`${site.url}import/?lang=en`);
    await page.waitForSelector('[data-testid="region-province"]:not([disabled])');
    await choose(tab, 'region-province', '440000');
    await choose(tab, 'region-city', '441900');
    expect(await page.locator('[data-testid="region-district"]').count()).toBe(0);
    const status = page.locator('[data-testid="region-units"][data-ready="yes"]');
    await status.waitFor({ timeout: 60_000 });
    const expected = await nativeUnits('4419');
    expect(await status.getAttribute('data-count')).toBe(String(expected.length));
    expect(await status.textContent()).toContain(`Dongguan City: ${expected.length.toLocaleString('en')} units`);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="region-xlsx"]').click()]);
    const wb = XLSX.read(readFileSync((await xlsx.path())!), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets['填报表'], { header: 1, raw: true, defval: null });
    expect(readBack(sheet).units).toEqual(expected);
    await tab.context.close();
  });
});
