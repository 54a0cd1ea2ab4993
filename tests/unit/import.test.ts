/**
 * The import's pure parts: the validator (scripts/lib/validate.ts) on hand-made rows, and the table
 * reader (scripts/lib/read-table.ts) on small files. The command line: import-cli.test.ts and
 * import-accumulate.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { allColumns, columnFor, compileRule, parseNumber, validate, type Cell } from '../../scripts/lib/validate';
import { readTable, FileError } from '../../scripts/lib/read-table';
import { names, good, panel, table, root, writer } from './import-helpers';

const tmp = mkdtempSync(path.join(tmpdir(), 'import-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = writer(tmp);
const check = (rows: Record<string, Cell>[], opts = {}) => validate(table(rows), opts);

describe('validate (pure)', () => {
  it('accepts valid rows and normalises them in catalogue order', () => {
    const r = check(panel());
    expect(r.problems).toEqual([]);
    expect(r.rowCount).toBe(8);
    expect(r.units).toBe(4);
    expect(r.years).toEqual([2023, 2024]);
    expect(r.headerRow).toBe(1);
    expect(r.rows[0].slice(0, 6)).toEqual(['110101001001', 2023, '多福巷社区居委会', 1, 1000, 3000]);
  });

  it('numbers rows as a spreadsheet does: header row 1, first data row 2, blank lines counted', () => {
    const recs = table([good('110101001001', 2024, 'a', 1), good('110101001002', 2024, 'b', 1, { households: 'x' })]);
    recs.splice(2, 0, [], ['', ' ']); // two blank lines: the bad row is now spreadsheet row 5
    expect(validate(recs).problems).toEqual(['row 5, column households: "x" is not a number']);
    const bad = check([good('110101001001', 2024, 'a', 1, { residents: -1 })]);
    expect(bad.problems).toEqual([expect.stringMatching(/^row 2, column residents: "-1" is outside the range 1–500000$/)]);
  });

  it('skips title rows above the header and keeps sheet row numbers', () => {
    const recs: Cell[][] = [
      ['2024年社区基本情况统计表'],
      [],
      ...table([good('110101001001', 2024, 'a', 1, { workers: 'many' })])
    ];
    const r = validate(recs);
    expect(r.headerRow).toBe(3);
    expect(r.problems).toEqual(['row 4, column workers: "many" is not a number']);
    expect(r.warnings.join('\n')).toMatch(/row 1 above the header \(row 3\) skipped/);
  });

  it('matches headers case-insensitively, trimmed, and by Chinese name (with full-width brackets and units)', () => {
    expect(columnFor('  Households ')).toBe('households');
    expect(columnFor('户数')).toBe('households');
    expect(columnFor('统计用区划代码（12位）')).toBe('code');
    expect(columnFor('城市社区（1）或村（0）')).toBe('urban');
    expect(columnFor('常住人口(人)')).toBe('residents');
    expect(columnFor('备注')).toBeUndefined();
    const zh = allColumns.map((c) => c.zh);
    const r = validate(table(panel(), zh));
    expect(r.problems).toEqual([]);
    expect(r.rowCount).toBe(8);
    // every base column has a distinct header key
    expect(new Set(allColumns.flatMap((c) => [columnFor(c.name), columnFor(c.zh)])).size).toBe(allColumns.length);
  });

  it('reports missing required columns; unknown columns are only a warning', () => {
    const header = names.filter((n) => n !== 'households' && n !== 'volunteers').concat('备注');
    const rows = [good('110101001001', 2024, 'a', 1)].map((r) => [...header.slice(0, -1).map((n) => r[n]), 'note']);
    const r = validate([header, ...rows]);
    expect(r.problems).toEqual(['column households: missing required column (户数)']);
    expect(r.warnings).toEqual(['column 备注: unknown column, ignored']);
    expect(
      validate([
        ['code', 'name', 'households', 'households'],
        ['110101001001', 'a', 1, 2]
      ]).problems
    ).toContain('column households: appears more than once (columns 3 and 4 of the header)');
  });

  it('checks the 12-digit code, converting Excel numbers exactly', () => {
    const r = check([
      good(110101001001 as unknown as string, 2024, 'number', 1),
      good('1.10101001002E+11', 2024, 'full scientific', 1),
      good('1.10101E+11', 2024, 'lost digits', 1),
      good('11010100100', 2024, 'eleven', 1),
      good('71010100100A', 2024, 'letters', 1)
    ]);
    expect(r.rows.map((x) => x[0])).toEqual(['110101001001', '110101001002']);
    expect(r.problems).toEqual([
      'row 4, column code: "1.10101E+11" lost digits in scientific notation; format the code column as text and export again',
      'row 5, column code: "11010100100" is not a 12-digit division code (11 digits)',
      'row 6, column code: "71010100100A" is not a 12-digit division code'
    ]);
  });

  it('reports duplicate (code, year) naming both rows', () => {
    const r = check([
      good('110101001001', 2024, 'a', 1),
      good('110101001002', 2024, 'b', 1),
      good('110101001001', 2024, 'c', 1),
      good('110101001001', 2025, 'd', 1)
    ]);
    expect(r.problems).toEqual(['row 4, column code: duplicate of row 2 (code 110101001001, year 2024)']);
  });

  it('parses numbers: thousands separators, full-width digits; integers and ranges enforced; empty = null', () => {
    expect(parseNumber(' 1,234 ')).toBe(1234);
    expect(parseNumber('１２３．５')).toBe(123.5);
    expect(parseNumber('1,23')).toBeUndefined();
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('Infinity')).toBeUndefined();
    const r = check([
      good('110101001001', 2024, 'a', 1, { households: '1,200', residents: '３０００', volunteers: '' }),
      good('110101001002', 2024, 'b', 1, { workers_left: '1.5', signboards: 201, admin_time_share: '100.5' }),
      good('110101001003', 2024, 'c', 1, { residents: '', facility_area: 'n/a' })
    ]);
    expect(r.rows[0].slice(4, 6)).toEqual([1200, 3000]);
    expect(r.rows[0][names.indexOf('volunteers')]).toBeNull();
    expect(r.problems).toEqual([
      'row 3, column workers_left: "1.5" is not a whole number',
      'row 3, column signboards: "201" is outside the range 0–200',
      'row 3, column admin_time_share: "100.5" is outside the range 0–100',
      'row 4, column residents: required value is empty',
      'row 4, column facility_area: "n/a" is not a number'
    ]);
  });

  it('accepts urban as 1/0, 是/否, 城市/农村, urban/rural; flags as 是/否', () => {
    const words: [Cell, number][] = [
      [1, 1],
      ['0', 0],
      ['是', 1],
      ['否', 0],
      ['城市', 1],
      ['农村', 0],
      ['Urban', 1],
      ['rural', 0],
      [true, 1]
    ];
    const r = check(
      words.map(([w], i) => good(`1101010010${String(i + 10)}`, 2024, 'x', w as number, { has_daycare: i % 2 ? '否' : '是' }))
    );
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x[3])).toEqual(words.map(([, v]) => v));
    expect(r.rows.map((x) => x[names.indexOf('has_daycare')])).toEqual(words.map((_, i) => (i % 2 ? 0 : 1)));
    expect(check([good('110101001001', 2024, 'x', 'maybe' as unknown as number)]).problems).toEqual([
      'row 2, column urban: "maybe" is not a number (use 1/0, 城市/农村)'
    ]);
  });

  it('--year fills a missing year column and flags rows of another year', () => {
    const header = names.filter((n) => n !== 'year');
    const rows = panel()
      .slice(0, 2)
      .map((r) => header.map((n) => r[n]));
    expect(validate([header, ...rows]).problems).toEqual([
      'column year: missing required column (年份); add it or pass --year YYYY'
    ]);
    const r = validate([header, ...rows], { year: 2022 });
    expect(r.problems).toEqual([]);
    expect(r.years).toEqual([2022]);
    expect(check([good('110101001001', 2024, 'a', 1), good('110101001002', 2023, 'b', 1)], { year: 2024 }).problems).toEqual([
      'row 3, column year: 2023 differs from --year 2024'
    ]);
  });

  it('evaluates cross-field rules per row; a null operand skips a rule unless it is an "is null" rule', () => {
    const r = check([
      good('110101001001', 2024, 'a', 1, { workers_certified: 13 }),
      good('110101001002', 2024, 'b', 1, { workers: '', workers_certified: 13, workers_fulltime: 50 }),
      good('110101001003', 2024, 'c', 1, { has_facility: 0, facility_area: 50, activity_area: 20 }),
      good('110101001004', 2024, 'd', 1, { has_facility: 0, facility_area: 0, activity_area: 0 }),
      good('110101001005', 2024, 'e', 1, { survey_n: 0 }),
      good('110101001006', 2024, 'f', 1, { survey_n: 0, sat_overall: '' }),
      good('110101001007', 2024, 'g', 1, { households: 3001 })
    ]);
    expect(r.problems).toEqual([
      'row 2, column workers_certified: fails check "workers_certified <= workers" (workers_certified = 13, workers = 12): certified workers cannot exceed workers / 持证社工数不能超过社区工作者数',
      'row 4, column has_facility: fails check "has_facility = 1 or facility_area = 0" (has_facility = 0, facility_area = 50): facility area must be 0 when there is no facility / 无综合服务设施时设施面积应为0',
      'row 6, column sat_overall: fails check "sat_overall is null or survey_n > 0" (sat_overall = 80.5, survey_n = 0): a satisfaction score needs a survey sample above 0 / 有满意度得分时样本数须大于0',
      'row 8, column households: fails check "households <= residents" (households = 3001, residents = 3000): households cannot exceed residents / 户数不能超过常住人口'
    ]);
  });

  it('rule evaluator: comparisons, and/or/not, parentheses, SQL three-valued logic', () => {
    const idx = new Map([
      ['a', 0],
      ['b', 1]
    ]);
    const t = (expr: string, a: number | null, b: number | null) => compileRule(expr, idx).test([a, b]);
    expect(t('a <= b', 1, 2)).toBe(true);
    expect(t('a <= b', 3, 2)).toBe(false);
    expect(t('a <= b', null, 2)).toBeNull();
    expect(t('a = 1 or b = 0', 0, 5)).toBe(false);
    expect(t('a = 1 or b = 0', null, 5)).toBeNull();
    expect(t('a = 1 or b = 0', null, 0)).toBe(true);
    expect(t('a is null or b > 0', null, 0)).toBe(true);
    expect(t('a is not null and (b >= -1.5)', 1, -2)).toBe(false);
    expect(t('not a < b', 1, 2)).toBe(false);
    expect(compileRule('a > 0 or b < a', idx).columns).toEqual(['a', 'b']);
    expect(() => compileRule('a <= c', idx)).toThrow(/unknown column c/);
    expect(() => compileRule('a <= ; b', idx)).toThrow(/cannot parse/);
  });

  it('keeps HTML in names as text, strips control characters, rejects text after the last header column', () => {
    const r = check([
      good('110101001001', 2024, '<script>alert(1)</script>\u0000社区\u202E', 1),
      good('110101001002', 2024, 'a\r\nb', 1)
    ]);
    expect(r.rows.map((x) => x[2])).toEqual(['<script>alert(1)</script>社区', 'a b']);
    const recs = table([good('110101001001', 2024, 'a', 1)]);
    recs[1].push('', 'oops');
    expect(validate(recs).problems).toEqual([
      `row 2, column #${names.length + 2}: value "oops" in a column without header (an unquoted comma in a name?)`
    ]);
  });

  it('keeps the first maxProblems problems as text and counts all', () => {
    const rows = Array.from({ length: 300 }, (_, i) => good(`1101010${String(10000 + i)}`, 2024, 'x', 1, { residents: 'bad' }));
    const r = check(rows, { maxProblems: 200 });
    expect(r.problems.length).toBe(200);
    expect(r.problemCount).toBe(300);
    expect(validate([]).problems).toEqual(['file: no header row (the file is empty)']);
    expect(validate([names]).problems).toEqual(['file: no data rows below the header']);
  });
});

describe('readTable', () => {
  const collect = async (file: string, opts = {}) => {
    const recs: [Cell[], number][] = [];
    const info = await readTable(file, (c, n) => recs.push([c, n]), opts);
    return { info, recs };
  };
  it('reads the committed sample, which validates', async () => {
    const { info, recs } = await collect(path.join(root, 'tests/fixtures/import-sample.csv'));
    expect(info).toMatchObject({ format: 'csv', encoding: 'UTF-8' });
    const r = validate(recs.map(([c]) => c));
    expect(r.problems).toEqual([]);
    expect([r.rowCount, r.units, r.years]).toEqual([8, 4, [2023, 2024]]);
  });
  it('detects GBK, semicolons and tabs; numbers records from 1 with blank lines counted', async () => {
    const gbk = write('rt-gbk.csv', iconv.encode('名称;户数\n\n多福巷社区;12\n', 'gbk'));
    expect((await collect(write('rt-tab.txt', 'a\tb,c\td\n1\t2\t3\n'))).recs[0][0]).toEqual(['a', 'b,c', 'd']);
    const { info, recs } = await collect(gbk);
    expect(info.encoding).toBe('GBK');
    expect(recs.filter(([c]) => c.some((x) => x)).map(([c, n]) => [n, c])).toEqual([
      [1, ['名称', '户数']],
      [3, ['多福巷社区', '12']]
    ]);
    await expect(collect(gbk, { encoding: 'utf8' })).rejects.toThrow(/wrong encoding; try --encoding gbk/);
  });
  it('refuses files over the size or row limit, and unclosed quotes, with FileError', async () => {
    const f = path.join(root, 'tests/fixtures/import-sample.csv');
    await expect(collect(f, { maxBytes: 100 })).rejects.toThrow(/over the .* limit/);
    await expect(collect(f, { maxRows: 3 })).rejects.toThrow(/more than 3 data rows/);
    await expect(collect(write('rt-quote.csv', 'name,households\n"abc,1\nx,2\n'))).rejects.toThrow(
      /row 2: a quoted value is never closed/
    );
    await expect(collect(write('rt-fake.parquet', 'code,name\n1,2\n'))).rejects.toBeInstanceOf(FileError);
  });
});
