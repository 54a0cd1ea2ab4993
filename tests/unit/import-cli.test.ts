/**
 * `npm run import` on the command line (DESIGN.md, "Command-line contracts"), on fixtures generated
 * into a temporary folder: valid CSV (UTF-8, GBK with Chinese headers), XLSX and Parquet give the
 * same snapshots; invalid and binary files give exit 1, `row N, column NAME: ...` lines, and leave
 * DIR untouched.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import { allColumns } from '../../scripts/lib/validate';
import { csvText, good, hashDir, manifest, names, panel, run, table, writer } from './import-helpers';

const tmp = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = writer(tmp);

function expectSnapshot(dir: string) {
  const m = manifest(dir);
  expect(m.demo).toBe(false);
  expect(m.unitYears).toBe(8);
  expect(m.units).toBe(4);
  expect(m.years).toEqual([2023, 2024]);
  expect(m.provinces).toEqual(['11', '44', '51']);
  const units = m.files.filter((f: { path: string }) => f.path.startsWith('units/'));
  expect(units.reduce((s: number, f: { rows: number }) => s + f.rows, 0)).toBe(8);
  expect(JSON.parse(readFileSync(path.join(dir, 'info.json'), 'utf8')).demo).toBe(false);
}

describe('npm run import (CLI)', () => {
  const valid = csvText(table(panel()));

  it('imports a valid UTF-8 CSV (with BOM): exit 0, one summary line, demo:false snapshots', () => {
    const out = path.join(tmp, 'out-csv');
    const r = run(write('valid.csv', '\uFEFF' + valid), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(
      /^imported 8 rows from valid\.csv \(csv, UTF-8\) → .*out-csv: 8 unit-years added, 0 replaced; now 8 unit-years \(4 units, 2 years: 2023, 2024\), \d+ files, demo: false\n$/
    );
    // The accumulated table is kept in the folder; nothing is written beside it but the folder itself.
    expect(readdirSync(out)).toContain('table.parquet');
    expect(readdirSync(tmp).filter((f) => f.startsWith('out-csv'))).toEqual(['out-csv']);
    expectSnapshot(out);
  });

  it('reads the same data as GBK CSV with Chinese headers, as XLSX, and as Parquet', async () => {
    const zh = csvText(
      table(
        panel(),
        allColumns.map((c) => c.zh)
      )
    );
    const gbk = write('valid-gbk.csv', iconv.encode(zh, 'gbk'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(gbk))).toThrow();
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['2024年社区基本情况'],
        ...table(panel()).map((r) => r.map((v, j) => (j === 0 && typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v)))
      ]),
      '表1'
    );
    const xlsx = path.join(tmp, 'valid.xlsx');
    writeFileSync(xlsx, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const csv = write('for-parquet.csv', valid);
    const pq = path.join(tmp, 'valid.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    await con.run(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${pq}' (FORMAT parquet)`);
    con.closeSync();
    inst.closeSync();
    for (const [f, label] of [
      [gbk, 'csv, GBK'],
      [xlsx, 'xlsx'],
      [pq, 'parquet']
    ]) {
      const out = path.join(tmp, `out-${path.basename(f)}`);
      const r = run(f, '--out', out);
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`(${label})`);
      expectSnapshot(out);
    }
  });

  it('fills the year from --year', () => {
    const header = names.filter((n) => n !== 'year');
    const rows = panel()
      .filter((r) => r.year === 2024)
      .map((r) => header.map((n) => r[n]));
    const out = path.join(tmp, 'out-year');
    const r = run(write('noyear.csv', csvText([header, ...rows])), '--year', '2024', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(manifest(out)).toMatchObject({ demo: false, years: [2024], unitYears: 4 });
  });

  it('rejects an invalid CSV: exit 1, every problem as "row N, column NAME: ...", DIR unchanged', () => {
    const out = path.join(tmp, 'out-invalid');
    expect(run(write('first.csv', valid), '--out', out).code).toBe(0); // a snapshot folder the bad file must not touch
    const before = hashDir(out);
    const rows = panel();
    rows[1].code = '11010100100';
    rows[2].households = 'abc';
    rows[3].workers_certified = 99;
    rows[5].code = rows[4].code;
    rows[5].year = rows[4].year;
    rows[6].urban = '';
    const r = run(write('invalid.csv', csvText(table(rows))), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    for (const l of lines) expect(l).toMatch(/^row \d+, column [a-z_]+: \S.*$/);
    expect(lines).toEqual([
      'row 3, column code: "11010100100" is not a 12-digit division code (11 digits)',
      'row 4, column households: "abc" is not a number',
      'row 5, column workers_certified: fails check "workers_certified <= workers" (workers_certified = 99, workers = 12): certified workers cannot exceed workers / 持证社工数不能超过社区工作者数',
      'row 7, column code: duplicate of row 6 (code 110101001001, year 2024)',
      'row 8, column urban: required value is empty'
    ]);
    expect(hashDir(out)).toEqual(before);
    expect(readdirSync(tmp).filter((f) => f.startsWith('out-invalid.'))).toEqual([]);
  });

  it('prints at most 200 problems, then a count of the rest; warnings last', () => {
    const rows = Array.from({ length: 250 }, (_, i) => good(`1101010${String(10000 + i)}`, 2024, 'x', 1, { residents: 'bad' }));
    const recs = table(rows).map((r, i) => [...r, i === 0 ? '备注' : 'note']);
    const r = run(write('many.csv', csvText(recs)), '--out', path.join(tmp, 'out-many'));
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(202);
    expect(lines[0]).toBe('row 2, column residents: "bad" is not a number');
    expect(lines[199]).toBe('row 201, column residents: "bad" is not a number');
    expect(lines[200]).toBe('file: 50 more problems not shown (250 in all)');
    expect(lines[201]).toBe('warning: column 备注: unknown column, ignored');
  });

  it('rejects a binary file with a "file:" message and no stack trace', () => {
    const out = path.join(tmp, 'out-garbage');
    mkdirSync(out, { recursive: true });
    const before = hashDir(out);
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    for (const name of ['garbage.bin', 'garbage.csv', 'garbage.xlsx']) {
      const r = run(write(name, bytes), '--out', out);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^file: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(run(path.join(tmp, 'missing.csv'), '--out', out).stderr).toMatch(/^file: cannot open .*missing\.csv \(ENOENT\)/);
    // A damaged workbook (ZIP signature, then noise) is called damaged, not "password-protected".
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), bytes]);
    const damaged = run(write('damaged.xlsx', zip), '--out', out);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/^file: cannot read the workbook: the file is damaged or not a workbook/);
    expect(damaged.stderr).not.toMatch(/password/);
    expect(hashDir(out)).toEqual(before);
    expect(readdirSync(out)).toEqual([]);
  });

  it('--help states the row-number convention; bad arguments exit 1', () => {
    const h = run('--help');
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/header is row 1, so the first data row is row 2/);
    const r = run(path.join(tmp, 'valid.csv'), '--year', '99');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^--year: "99" is not a year/);
  });
});
