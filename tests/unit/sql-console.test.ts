// The SQL console's pure parts: quick-chart choice from column types, table pages and cells, and the
// view definitions over partitions (native DuckDB runs them over the snapshot files: unit_values
// carries every catalogue indicator computed by the catalogue's SQL).
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { chartOption, pageOf, planChart, showCell, type Column } from '../../src/lib/sql/result';
import { indicatorsTableSql, regionsCsv, regionsTableSql, unitViewsSql, viewDocs } from '../../src/lib/sql/views';
import { indicators } from '../../src/lib/indicators/catalogue';
import { unitExpr } from '../../src/lib/indicators/sql';
import { openDuck, rows } from '../../scripts/lib/duck';

const col = (name: string, kind: Column['kind']): Column => ({ name, kind });

describe('quick chart', () => {
  it('a year column and numbers: line', () => {
    const plan = planChart(
      [col('year', 'number'), col('v', 'number')],
      [
        { year: 2024, v: 1 },
        { year: 2025, v: 2 }
      ]
    );
    expect(plan).toMatchObject({ kind: 'line', x: 'year', y: ['v'] });
  });
  it('a text column and numbers: bars of the name column', () => {
    const plan = planChart(
      [col('district', 'text'), col('name', 'text'), col('a', 'number'), col('b', 'number'), col('c', 'number')],
      [{ district: '1', name: 'x', a: 1, b: 2, c: 3 }]
    );
    expect(plan).toMatchObject({ kind: 'bar', x: 'name', y: ['a', 'b'], rows: 1 });
  });
  it('only numbers: scatter of the first two; nothing numeric or no rows: none', () => {
    expect(planChart([col('h', 'number'), col('w', 'number')], [{ h: 1, w: 2 }])).toMatchObject({
      kind: 'scatter',
      x: 'h',
      y: ['w']
    });
    expect(planChart([col('name', 'text')], [{ name: 'x' }])).toBeNull();
    expect(planChart([col('v', 'number')], [])).toBeNull();
  });
  it('a year column holding other numbers is not a time axis', () => {
    expect(planChart([col('year', 'number'), col('v', 'number')], [{ year: 12, v: 1 }])?.kind).toBe('scatter');
  });
  it('bars are capped at 60 rows', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ name: `r${i}`, v: i }));
    const plan = planChart([col('name', 'text'), col('v', 'number')], many)!;
    const option = chartOption(plan, many) as { series: { data: unknown[] }[] };
    expect(option.series[0].data).toHaveLength(60);
  });
});

describe('table', () => {
  it('pages of 100 rows, clamped', () => {
    const r = Array.from({ length: 250 }, (_, i) => i);
    expect(pageOf(r, 0)).toMatchObject({ page: 0, pages: 3 });
    expect(pageOf(r, 9).rows).toEqual(r.slice(200));
  });
  it('cells: NULL as a dash, years plain, decimals without trailing zeros', () => {
    expect(showCell(null, 'number')).toBe('—');
    expect(showCell(2025, 'number')).toBe('2025');
    expect(showCell(12345, 'number')).toBe('12,345');
    expect(showCell(89.5, 'number')).toBe('89.5');
    expect(showCell(0.123456, 'number')).toBe('0.1235');
  });
});

const haveData = existsSync('static/data/units/2025/44.parquet');
describe.skipIf(!haveData)('views over the snapshot files (native DuckDB)', () => {
  it('unit_values computes each indicator by the catalogue’s SQL; regions and indicators load', async () => {
    const con = await openDuck();
    // The views read paths relative to the data folder, as registered in the browser.
    await con.run(`SET file_search_path = 'static/data'`);
    for (const s of unitViewsSql([{ year: 2025, province: '44' }])) await con.run(s);
    const [mine] = await rows<Record<string, number>>(
      con,
      `SELECT count(*) AS n, count(name) AS named, avg(certified_share) AS c FROM unit_values WHERE district = '440305'`
    );
    const [native] = await rows<Record<string, number>>(
      con,
      `SELECT count(*) AS n, avg(${unitExpr(indicators.find((i) => i.id === 'certified_share')!)}) AS c
       FROM read_parquet('static/data/units/2025/44.parquet') WHERE code LIKE '440305%'`
    );
    expect(Number(mine.n)).toBe(Number(native.n));
    expect(Number(mine.named)).toBe(Number(native.n));
    expect(Number(mine.c)).toBeCloseTo(Number(native.c), 10);
    const cols = await rows<{ column_name: string }>(con, 'DESCRIBE unit_values');
    expect(cols.map((c) => c.column_name)).toEqual(viewDocs()[1].columns.map((c) => c.name));
    const unitCols = await rows<{ column_name: string }>(con, 'DESCRIBE units');
    expect(unitCols.map((c) => c.column_name)).toEqual(viewDocs()[0].columns.map((c) => c.name));

    await con.run(indicatorsTableSql());
    expect(Number((await rows<{ n: number }>(con, 'SELECT count(*) AS n FROM indicators'))[0].n)).toBe(indicators.length);
    const csvPath = `/tmp/cgo-regions-${process.pid}.csv`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(csvPath, regionsCsv(JSON.parse(readFileSync('static/data/regions.json', 'utf8'))));
    await con.run(regionsTableSql(csvPath, 'streets.parquet'));
    const levels = await rows<{ level: string; n: number }>(
      con,
      'SELECT level, count(*) AS n FROM regions GROUP BY 1 ORDER BY 1'
    );
    expect(levels.map((l) => l.level)).toEqual(['city', 'district', 'province', 'street']);
    expect(Number(levels.find((l) => l.level === 'province')!.n)).toBe(31);
    const dup = await rows<{ n: number }>(con, 'SELECT count(*) - count(DISTINCT code) AS n FROM regions');
    expect(Number(dup[0].n)).toBe(0);
  });
  it('a query needing no partition sees empty unit views with the same columns', async () => {
    const con = await openDuck();
    for (const s of unitViewsSql([])) await con.run(s);
    const r = await rows<{ n: number }>(con, 'SELECT count(*) AS n FROM unit_values');
    expect(Number(r[0].n)).toBe(0);
  });
});
