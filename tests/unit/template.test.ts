/**
 * The fill-in template (issue 9): headers the validator reads back as the right columns, notes on
 * every schema column, code cells stored as text, the units of a region prefilled from the snapshot
 * folder, and `npm run template` refusing to overwrite a file or to guess an unknown region.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  buildTemplate,
  defaultSchema,
  headerLabel,
  notesCsv,
  notesFileName,
  templateCsv,
  templateFileName,
  unitPrefix,
  type Template,
  type TemplateUnit
} from '../../src/lib/import/template';
import { BLANK_TEXT_ROWS, displayWidth, templateXlsx } from '../../src/lib/import/template-xlsx';
import { allColumns, columnFor, MAX_NAME_LENGTH, validate, Validator, type Cell } from '../../scripts/lib/validate';
import { readTable } from '../../scripts/lib/read-table';
import { crossRules } from '../../src/lib/indicators/catalogue';
import { good, root } from './import-helpers';

const tmp = mkdtempSync(path.join(tmpdir(), 'template-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const UNITS: TemplateUnit[] = [
  { code: '110101001001', name: '多福巷社区居委会', urban: 1 },
  { code: '110101001002', name: '银闸社区居委会', urban: 1 },
  { code: '510112003201', name: '大梁村村委会', urban: 0 }
];

/** The template's rows with every empty cell filled from `good()` (values that pass every check). */
function filled(t: Template): Cell[][] {
  return t.rows.map((r) => {
    const values = good(String(r[0]), Number(r[1]), String(r[2]), Number(r[3]));
    return allColumns.map((c, j) => r[j] ?? values[c.name]);
  });
}

/** readTable + Validator, as `npm run import` runs them on a file. */
async function importCheck(file: string) {
  const v = new Validator();
  const readerWarnings: string[] = [];
  await readTable(file, (cells, n) => v.push(cells, n), { onWarning: (m) => readerWarnings.push(m) });
  return { ...v.end(), readerWarnings };
}

function run(args: string[], env: Record<string, string> = {}, cwd = root) {
  const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/template.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env }
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('template header and notes', () => {
  it('labels columns with their Chinese name and unit, and the validator maps every label back', () => {
    const t = buildTemplate();
    expect(t.header).toHaveLength(allColumns.length);
    expect(headerLabel(allColumns.find((c) => c.name === 'households')!)).toBe('户数(户)');
    expect(t.header[allColumns.findIndex((c) => c.name === 'facility_area')]).toBe('综合服务设施面积(m²)');
    expect(t.header[allColumns.findIndex((c) => c.name === 'has_facility')]).toBe('有综合服务设施');
    expect(t.header[0]).toBe('统计用区划代码(12位)');
    expect(t.header.map(columnFor)).toEqual(allColumns.map((c) => c.name));
    expect(new Set(t.header).size).toBe(t.header.length);
    expect(t.rows).toEqual([]);
  });

  it('a filled-in template passes validate() with zero problems and no warnings', () => {
    const t = buildTemplate({ units: UNITS, year: 2026 });
    const res = validate([t.header, ...filled(t)]);
    expect(res.problems).toEqual([]);
    expect(res.warnings).toEqual([]);
    expect(res.headerRow).toBe(1);
    expect(res.rowCount).toBe(3);
    expect(res.years).toEqual([2026]);
    expect(res.rows.map((r) => r.slice(0, 4))).toEqual(UNITS.map((u) => [u.code, 2026, u.name, u.urban]));
  });

  it('prefills code, year, name and urban, and leaves every other cell empty', () => {
    const t = buildTemplate({ units: UNITS, year: 2030 });
    expect(t.rows[2].slice(0, 4)).toEqual(['510112003201', 2030, '大梁村村委会', 0]);
    expect(t.rows.every((r) => r.slice(4).every((v) => v === null))).toBe(true);
    expect(t.textColumns).toEqual([0, 2]); // code and name
    expect(() => buildTemplate({ units: UNITS })).toThrow(/year/);
  });

  it('the notes list every schema column once, in order, with its range and the rules involving it', () => {
    const { notes } = buildTemplate();
    const [head, ...rows] = notes;
    const col = (name: string) => head.findIndex((h) => h.startsWith(name));
    expect(rows.map((r) => r[0])).toEqual(allColumns.map((c) => c.name));
    for (const c of allColumns) {
      const r = rows.find((x) => x[0] === c.name)!;
      expect(r[col('中文名称')]).toBe(c.zh);
      expect(r[col('英文名称')]).toBe(c.en);
      expect(r[col('单位')]).toBe(c.unit ?? '');
      expect(r[col('必填')]).toBe(c.required ? '是 yes' : '否 no');
      if (c.range && !(c.range[0] === 0 && c.range[1] === 1)) expect(r[col('有效范围')]).toContain(`${c.range[0]}–${c.range[1]}`);
      // Every column is defined in words, in Chinese and English, before what it is used for.
      expect(c.def_zh && c.def_en, c.name).toBeTruthy();
      expect(r[col('说明')].startsWith(`${c.def_zh} ${c.def_en}`)).toBe(true);
    }
    const households = rows.find((r) => r[0] === 'households')!;
    expect(households[col('有效范围')]).toBe('1–200000 户');
    expect(households[col('说明')]).toContain('每名社区工作者服务户数');
    expect(households[col('说明')]).toContain('年末辖区内的常住户数');
    expect(rows.find((r) => r[0] === 'name')![col('有效范围')]).toBe('1–100 个字符 characters');
    expect(defaultSchema.maxNameLength).toBe(MAX_NAME_LENGTH); // the notes say what the validator checks
    // workers is in four rules, workers_certified in one; every rule is listed under each of its columns
    const rules = (name: string) => rows.find((r) => r[0] === name)![col('校验规则')];
    expect(rules('workers').split('；')).toHaveLength(4);
    expect(rules('workers_certified')).toBe(
      'workers_certified <= workers：持证社工数不能超过社区工作者数 / certified workers cannot exceed workers'
    );
    expect(rules('sat_overall')).toContain('sat_overall is null or survey_n > 0');
    expect(rules('survey_n')).toContain('sat_overall is null or survey_n > 0');
    expect(rules('volunteers')).toBe('');
    for (const rule of crossRules) expect(rows.some((r) => r[col('校验规则')].includes(rule.check))).toBe(true);
  });

  it('names files and finds a region’s unit prefix', () => {
    expect(templateFileName('110101', 2026, 'xlsx')).toBe('template-110101-2026.xlsx');
    expect(templateFileName(undefined, 2026, 'csv')).toBe('template-all-2026.csv');
    expect(notesFileName('/a/template-all-2026.csv')).toBe('/a/template-all-2026-notes.csv');
    expect(unitPrefix('110000', 'p')).toBe('11');
    expect(unitPrefix('441900', 'c')).toBe('4419');
    expect(unitPrefix('110101', 'd')).toBe('110101');
    expect(() => unitPrefix('11010', 'd')).toThrow(/6-digit/);
    expect(displayWidth('户数(户)')).toBe(8);
  });
});

describe('template files', () => {
  it('XLSX: sheets 填报表 and 填报说明, code cells as text (blank ones too), header frozen', () => {
    const t = buildTemplate({ units: UNITS, year: 2026 });
    const bytes = templateXlsx(t);
    const wb = XLSX.read(bytes, { type: 'array', cellNF: true, cellStyles: true, sheetStubs: true });
    expect(wb.SheetNames).toEqual(['填报表', '填报说明']);
    const sheet = wb.Sheets['填报表'];
    expect(sheet.A2).toMatchObject({ t: 's', v: '110101001001', z: '@' });
    expect(sheet.C4).toMatchObject({ t: 's', v: '大梁村村委会' });
    expect(sheet.D4).toMatchObject({ t: 'n', v: 0 });
    expect(sheet[`A${UNITS.length + 2}`]).toMatchObject({ z: '@' }); // first empty row: still text
    expect(sheet[`A${UNITS.length + 1 + BLANK_TEXT_ROWS}`]).toMatchObject({ z: '@' });
    expect(XLSX.utils.sheet_to_json(sheet, { header: 1 })[0]).toEqual(t.header);
    expect(sheet['!cols']![0].wch).toBeGreaterThanOrEqual(14); // 12 digits fit
    expect(XLSX.utils.sheet_to_json(wb.Sheets['填报说明'], { header: 1, defval: '' })).toEqual(t.notes);
    const zip = XLSX.CFB.read(bytes, { type: 'array' });
    const sheetXml = (n: number) =>
      new TextDecoder().decode(
        zip.FileIndex[zip.FullPaths.findIndex((p: string) => p.endsWith(`xl/worksheets/sheet${n}.xml`))].content as Uint8Array
      );
    for (const n of [1, 2])
      expect(sheetXml(n)).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
  });

  it('XLSX: the empty template reads back through readTable + Validator as every column, nothing missing', async () => {
    const file = path.join(tmp, 'empty.xlsx');
    writeFileSync(file, templateXlsx(buildTemplate()));
    const res = await importCheck(file);
    expect(res.headerRow).toBe(1);
    expect(res.warnings).toEqual([]);
    expect(res.readerWarnings).toEqual([]); // the notes sheet is expected, not "a second sheet"
    expect(res.problems).toEqual(['file: no data rows below the header']);
  });

  it('XLSX: a filled-in template imports with zero problems, codes intact', async () => {
    const t = buildTemplate({ units: UNITS, year: 2026 });
    const wb = XLSX.read(templateXlsx(t), { type: 'array' });
    // as a user fills it in Excel: numbers typed below the headers, the text cells left as they are
    XLSX.utils.sheet_add_aoa(
      wb.Sheets['填报表'],
      filled(t).map((r) => r.slice(4)),
      { origin: 'E2' }
    );
    const file = path.join(tmp, 'filled.xlsx');
    writeFileSync(file, new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' })));
    const res = await importCheck(file);
    expect(res.problems).toEqual([]);
    expect(res.warnings).toEqual([]);
    expect(res.readerWarnings).toEqual([]);
    expect(res.rows.map((r) => r.slice(0, 5))).toEqual(UNITS.map((u) => [u.code, 2026, u.name, u.urban, 1000]));
  });

  it('XLSX: a second sheet that is not the notes sheet still gets the import’s warning', async () => {
    const wb = XLSX.read(templateXlsx(buildTemplate()), { type: 'array' });
    wb.SheetNames[1] = '2025年';
    wb.Sheets['2025年'] = wb.Sheets['填报说明'];
    const file = path.join(tmp, 'two-sheets.xlsx');
    writeFileSync(file, new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' })));
    expect((await importCheck(file)).readerWarnings).toEqual([
      'file: the workbook has 2 sheets; only the first ("填报表") is read'
    ]);
  });

  it('CSV: UTF-8 with BOM, reads back with zero problems when filled; notes as their own CSV', async () => {
    const t = buildTemplate({ units: UNITS, year: 2026 });
    const csv = templateCsv({ ...t, rows: filled(t) });
    expect(csv.startsWith('\uFEFF统计用区划代码(12位),年份,名称,城市社区(1)或村(0),户数(户),常住人口(人),')).toBe(true);
    const file = path.join(tmp, 'filled.csv');
    writeFileSync(file, csv);
    const res = await importCheck(file);
    expect(res.problems).toEqual([]);
    expect(res.warnings).toEqual([]);
    expect(res.rowCount).toBe(3);
    const notes = notesCsv(t);
    expect(notes.startsWith('\uFEFF列名 column,表头 header,')).toBe(true);
    expect(notes.trimEnd().split('\r\n')).toHaveLength(allColumns.length + 1);
  });
});

describe('npm run template (CLI)', () => {
  const sheetRows = (file: string) =>
    XLSX.utils.sheet_to_json<Cell[]>(XLSX.read(readFileSync(file)).Sheets['填报表'], { header: 1, defval: null });

  it('prefills exactly the units of 东城区 (110101) in static/data/names/11.parquet', async () => {
    const out = path.join(tmp, 'dongcheng.xlsx');
    const r = run(['--region', '110101', '--year', '2026', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*dongcheng\.xlsx: \d+ units of 东城区 \(110101\), year 2026, 45 columns/);
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    const expected = (
      await con.runAndReadAll(
        `SELECT code, name, urban::INTEGER AS urban FROM read_parquet('${path.join(root, 'static/data/names/11.parquet')}')
         WHERE code LIKE '110101%' ORDER BY code`
      )
    ).getRowObjectsJson();
    con.closeSync();
    inst.closeSync();
    expect(expected.length).toBeGreaterThan(100);
    const [header, ...rows] = sheetRows(out).filter((x) => x.some((v) => v !== null));
    expect(header[0]).toBe('统计用区划代码(12位)');
    expect(rows.map((x) => ({ code: x[0], name: x[2], urban: x[3] }))).toEqual(expected);
    expect(rows.every((x) => x[1] === 2026)).toBe(true);
    expect(r.stdout).toContain(`${expected.length} units`);
  });

  it('refuses an unknown region, naming it, and writes nothing', () => {
    const out = path.join(tmp, 'unknown.xlsx');
    const r = run(['--region', '999999', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^--region: 999999 is not a province, city or district in .*regions\.json\n$/);
    expect(existsSync(out)).toBe(false);
    expect(run(['--region', '11010']).stderr).toMatch(/^--region: "11010" is not a 6-digit/);
  });

  it('rejects a bad --format, a mismatched --out and unknown options, one line each', () => {
    expect(run(['--format', 'pdf']).stderr).toBe('--format: "pdf" is not xlsx or csv\n');
    expect(run(['--out', 'x.csv', '--format', 'xlsx']).stderr).toBe('--out: "x.csv" does not end in .xlsx (--format xlsx)\n');
    const r = run(['--regoin', '110101']);
    expect([r.code, r.stderr]).toEqual([1, '--regoin: unknown option\n']);
  });

  it('never overwrites a file without --force (XLSX, and both CSV files)', () => {
    const out = path.join(tmp, 'mine.xlsx');
    writeFileSync(out, 'my own file');
    const r = run(['--out', out, '--year', '2026']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`--out: ${out} already exists; pass --force to overwrite it\n`);
    expect(readFileSync(out, 'utf8')).toBe('my own file');
    const forced = run(['--out', out, '--year', '2026', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(XLSX.read(readFileSync(out)).SheetNames).toEqual(['填报表', '填报说明']);

    const csv = path.join(tmp, 'mine.csv');
    writeFileSync(path.join(tmp, 'mine-notes.csv'), 'my notes');
    const c = run(['--out', csv, '--year', '2026']);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain(`${path.join(tmp, 'mine-notes.csv')} already exists`);
    expect(existsSync(csv)).toBe(false); // checked before writing either
    expect(readFileSync(path.join(tmp, 'mine-notes.csv'), 'utf8')).toBe('my notes');
  });

  it('takes units and the default year from --data, and writes where the user typed the command', async () => {
    const data = path.join(tmp, 'data');
    mkdirSync(path.join(data, 'names'), { recursive: true });
    writeFileSync(path.join(data, 'manifest.json'), JSON.stringify({ years: [2023, 2024] }));
    writeFileSync(
      path.join(data, 'regions.json'),
      JSON.stringify([
        ['110000', '北京市', 'p', null],
        ['110100', '市辖区', 'c', '110000'],
        ['110101', '东城区', 'd', '110100'],
        ['110102', '西城区', 'd', '110100']
      ])
    );
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    await con.run(`COPY (SELECT * FROM (VALUES ('110102001001', '西长安街社区', 1::TINYINT, 'x'),
      ('110101001002', '银闸社区', 1::TINYINT, 'x'), ('110101001001', '多福巷社区', 0::TINYINT, 'x'))
      AS t(code, name, urban, initials)) TO '${path.join(data, 'names', '11.parquet')}' (FORMAT PARQUET)`);
    con.closeSync();
    inst.closeSync();
    const here = path.join(tmp, 'here');
    mkdirSync(here);
    const env = { npm_lifecycle_event: 'template', INIT_CWD: here };
    const r = run(['--region', '110101', '--data', data, '--format', 'csv'], env);
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(path.join(here, 'template-110101-2025.csv'), 'utf8').trimEnd().split('\r\n');
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      '110101001001,2025,多福巷社区,0',
      '110101001002,2025,银闸社区,1'
    ]);
    expect(existsSync(path.join(here, 'template-110101-2025-notes.csv'))).toBe(true);
    const city = run(['--region', '110100', '--data', data, '--out', 'city.xlsx'], env);
    expect(city.code, city.stderr).toBe(0);
    expect(sheetRows(path.join(here, 'city.xlsx')).filter((x) => x[0] !== null).length).toBe(4); // header + 3
    const all = run(['--data', data, '--out', 'all.xlsx'], env);
    expect(all.stdout).toContain('no units (header only), year 2025');
  });
});
