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
  it('years in any order: the line runs in time order, each value at its year', () => {
    const rows = [
      { year: 2025, units: 30, score: 80.5 },
      { year: 2023, units: 10, score: 78 },
      { year: 2024, units: 20, score: null }
    ];
    const cols = [col('year', 'number'), col('units', 'number'), col('score', 'number')];
    const plan = planChart(cols, rows)!;
    const option = chartOption({ ...plan, y: ['units'] }, rows) as { xAxis: { data: string[] }; series: { data: unknown[] }[] };
    expect(option.xAxis.data).toEqual(['2023', '2024', '2025']);
    expect(option.series[0].data).toEqual([10, 20, 30]);
  });
  it('two measures of very different sizes get an axis each; alike ones share one', () => {
    const cols = [col('year', 'number'), col('units', 'number'), col('score', 'number')];
    const two = (rows: Record<string, number>[]) => {
      const o = chartOption(planChart(cols, rows)!, rows) as {
        yAxis: unknown;
        series: { yAxisIndex: number; data: unknown[] }[];
      };
      return { axes: Array.isArray(o.yAxis) ? o.yAxis.length : 1, index: o.series.map((s) => s.yAxisIndex), o };
    };
    const far = two([
      { year: 2024, units: 54_000, score: 80 },
      { year: 2025, units: 55_000, score: 82 }
    ]);
    expect(far).toMatchObject({ axes: 2, index: [0, 1] });
    expect(far.o.series[1].data).toEqual([80, 82]);
    expect(
      two([
        { year: 2024, units: 70, score: 80 },
        { year: 2025, units: 75, score: 82 }
      ])
    ).toMatchObject({ axes: 1, index: [0, 0] });
  });
  it('a year repeated across provinces: one line per province of the first number, gaps where a year is missing', () => {
    const rows = [
      { province: '11', year: 2023, units: 7, sat: 85 },
      { province: '11', year: 2024, units: 8, sat: 86 },
      { province: '44', year: 2024, units: 20, sat: 80 },
      { province: '44', year: 2025, units: 21, sat: 81 }
    ];
    const cols = [col('province', 'text'), col('year', 'number'), col('units', 'number'), col('sat', 'number')];
    const plan = planChart(cols, rows)!;
    expect(plan).toMatchObject({ kind: 'line', x: 'year', y: ['units'], by: 'province' });
    const option = chartOption(plan, rows) as { xAxis: { data: string[] }; series: { name: string; data: unknown[] }[] };
    expect(option.xAxis.data).toEqual(['2023', '2024', '2025']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['11', [7, 8, null]],
      ['44', [null, 20, 21]]
    ]);
    // No text column to tell the rows of a year apart: the points, not a line through them.
    const bare = rows.map(({ year, units }) => ({ year, units }));
    expect(planChart([col('year', 'number'), col('units', 'number')], bare)).toMatchObject({ kind: 'scatter', x: 'year' });
  });
  it('lines per value stop at 12', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ name: `d${i % 20}`, year: 2024 + (i % 2), v: i }));
    const plan = planChart([col('name', 'text'), col('year', 'number'), col('v', 'number')], rows)!;
    expect((chartOption(plan, rows) as { series: unknown[] }).series).toHaveLength(12);
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
