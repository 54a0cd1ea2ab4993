/**
 * The browser's reader (src/lib/import/read-browser.ts) hands the validator the same records, with
 * the same row numbers, as the command line's (scripts/lib/read-table.ts), and the page's check
 * (src/lib/import/check.ts) gives the lines the command line prints. Node's Blob stands in for File.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import { readTable } from '../../scripts/lib/read-table';
import { readBrowserTable } from '../../src/lib/import/read-browser';
import { checkFile } from '../../src/lib/import/check';
import type { Cell } from '../../src/lib/import/validate';
import { csvText, good, panel, run, table, UNITS } from './import-helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cgo-read-browser-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, bytes: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
/** A file on disk as the page gets it: a named Blob. */
const blobOf = (path: string) => {
  const blob = new Blob([readFileSync(path)]);
  return Object.assign(blob, { name: path.split('/').pop()! });
};
async function both(path: string) {
  const node: [Cell[], number][] = [];
  const browser: [Cell[], number][] = [];
  const nodeInfo = await readTable(path, (c, n) => node.push([c, n]));
  const browserInfo = await readBrowserTable(blobOf(path), (c, n) => browser.push([c, n]));
  return { node, browser, nodeInfo, browserInfo };
}

describe('browser reader = command-line reader', () => {
  it('Node has the gb18030 TextDecoder this test relies on', () => {
    expect(new TextDecoder('gb18030').decode(iconv.encode('多福巷社区', 'gbk'))).toBe('多福巷社区');
  });

  it('UTF-8 CSV without and with BOM, quoted newlines, title rows, blank lines', async () => {
    const text = '社区数据 2024\n\n' + csvText(table(panel())) + '"110101001009",2024,"名称\n有换行",1\n\n';
    for (const [name, body] of [
      ['utf8.csv', text],
      ['utf8-bom.csv', '\ufeff' + text]
    ]) {
      const r = await both(write(name, body));
      expect(r.browser).toEqual(r.node);
      expect(r.browser.length).toBeGreaterThan(8);
      expect(r.browserInfo).toEqual(r.nodeInfo);
    }
  });

  it('GBK CSV with semicolons, detected', async () => {
    const text = csvText(table(panel())).replace(/,/g, ';') + '110101001010;2024;"银闸;社区";1\n';
    const r = await both(write('gbk.csv', iconv.encode(text, 'gbk')));
    expect(r.browserInfo).toEqual({ format: 'csv', encoding: 'GBK', records: r.node.length });
    expect(r.browser).toEqual(r.node);
    expect(r.browser.some(([c]) => c.includes('多福巷社区居委会'))).toBe(true);
  });

  it('a CSV larger than one read slice (4 MB), split inside multi-byte characters', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) =>
      good(`1101010${String(10000 + i).padStart(5, '0')}`, 2024, `多福巷社区居委会第${i}号`, 1)
    );
    for (const enc of ['utf8', 'gbk'] as const) {
      const r = await both(write(`big-${enc}.csv`, iconv.encode(csvText(table(rows)), enc)));
      expect(r.browser.length).toBe(30_001);
      expect(r.browser).toEqual(r.node);
    }
  });

  it('XLSX: first sheet, numbers and text as SheetJS reads them, title rows keep their row numbers', async () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([['2024 年社区数据'], [], ...table(panel())]);
    XLSX.utils.book_append_sheet(wb, ws, '数据');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['other']]), 'other');
    const path = write('book.xlsx', new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    const warnings = { node: [] as string[], browser: [] as string[] };
    const node: [Cell[], number][] = [];
    const browser: [Cell[], number][] = [];
    await readTable(path, (c, n) => node.push([c, n]), { onWarning: (m) => warnings.node.push(m) });
    await readBrowserTable(blobOf(path), (c, n) => browser.push([c, n]), { onWarning: (m) => warnings.browser.push(m) });
    expect(browser).toEqual(node);
    expect(browser[2][1]).toBe(3);
    expect(warnings.browser).toEqual(warnings.node);
    expect(warnings.browser).toHaveLength(1);
  });

  it('file errors read the same: an unclosed quote, a renamed file, an empty file', async () => {
    const cases = [
      write('quote.csv', 'code,name\n110101001001,"unclosed\n'),
      write('renamed.xlsx', 'code,name\n'),
      write('empty.csv', '')
    ];
    for (const path of cases) {
      const node = await readTable(path, () => {}).then(
        () => 'ok',
        (e: Error) => e.message
      );
      const browser = await readBrowserTable(blobOf(path), () => {}).then(
        () => 'ok',
        (e: Error) => e.message
      );
      expect(browser).toBe(node);
      expect(browser).not.toBe('ok');
    }
  });
});

describe('the page check prints what the command line prints', () => {
  it('a bad file: the same lines as npm run import on stderr', async () => {
    const rows = panel();
    rows[1] = { ...rows[1], code: '11010100100' }; // row 3: 11 digits
    rows[2] = { ...rows[2], households: 'many' };
    rows.push({ ...rows[0] }); // a duplicate
    const [header, ...body] = table(rows);
    const text = csvText([[...header, '备注'], ...body.map((r) => [...r, '']), ['x', 2024, '<b>名称</b>', 1]]); // an unknown column; a last row with many problems
    const path = write('bad.csv', text);
    const report = await checkFile(blobOf(path));
    const cli = run(path, '--out', mkdtempSync(join(tmpdir(), 'cgo-out-')));
    expect(cli.code).toBe(1);
    expect(report.lines).toEqual(cli.stderr.trimEnd().split('\n'));
    expect(report.lines[0]).toMatch(/^row 3, column code: "11010100100" is not a 12-digit division code \(11 digits\)$/);
    expect(report.ok).toBe(false);
    expect(report.byColumn.find((c) => c.column === 'code')?.count).toBe(3);
  });

  it('a valid file: no problems, with rows, units and years', async () => {
    const report = await checkFile(blobOf(write('good.csv', csvText(table(panel())))));
    expect(report).toMatchObject({ ok: true, lines: [], rowCount: 8, units: UNITS.length, years: [2023, 2024] });
  });
});

describe('the command the page gives', () => {
  it('quotes a file name only when a shell needs it', async () => {
    const { importCommand } = await import('../../src/lib/import/command');
    expect(importCommand('2024.xlsx')).toBe('npm run import -- 2024.xlsx');
    expect(importCommand('东城区-2024.csv', 2024)).toBe('npm run import -- 东城区-2024.csv --year 2024');
    expect(importCommand("my file's.csv")).toBe(`npm run import -- 'my file'\\''s.csv'`);
    expect(importCommand('-x.csv')).toBe(`npm run import -- '-x.csv'`);
  });
});
