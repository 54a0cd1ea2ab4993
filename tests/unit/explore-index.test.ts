// The explorer's fast path: a brush answered by sums from indexes of the cubes, in the page.
// By hand and against brute force for the index itself; and end to end against native DuckDB over
// the real snapshot files: cubes built by the explorer's SQL, taken as indexes, must give for every
// brush the count, the scatter's density and correlation, and the group-by table that SQL straight
// over the unit rows gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { BinIndex, NO_BIN } from '../../src/lib/explore/brush-index';
import { brushAnswer, correlationMatrix, cubeIndexes, groupIndexFrom, layoutFrom } from '../../src/lib/explore/answer';
import {
  binExpr,
  binsIndexSql,
  correlationSql,
  cubeBinsSql,
  cubeGroupSql,
  cubeScatterSql,
  filterWhere,
  groupCode,
  groupIndexSql,
  rangesQuery,
  unitFiles,
  type BinRange
} from '../../src/lib/explore/queries';
import { scatterIndexSql } from '../../src/lib/explore/queries';
import { defaultState, type ExploreState } from '../../src/lib/explore/state';
import { toColumns } from '../../src/lib/data/query';
import { aggExpr, unitExpr } from '../../src/lib/indicators/sql';
import { indicator, indicators } from '../../src/lib/indicators/catalogue';
import { trusted } from '../../src/lib/data/sql';

describe('BinIndex', () => {
  it('sums a cell over a range of bins; no range takes the rows without a value too', () => {
    // Two cells (keys 7 and 9); cell 7: no-value row 100, bins 0, 2, 3; cell 9: bin 1 only.
    const idx = new BinIndex([[7, 7, 7, 7, 9]], [NO_BIN, 0, 2, 3, 1], [[100, 1, 10, 1000, 5]]);
    expect(idx.cells).toBe(2);
    expect([idx.key(0, 0), idx.key(0, 1)]).toEqual([7, 9]);
    const sum = (r: BinRange) => Array.from(idx.sums(r)[0]);
    expect(sum(null)).toEqual([1111, 5]);
    expect(sum([0, 3])).toEqual([1011, 5]);
    expect(sum([1, 2])).toEqual([10, 5]);
    expect(sum([2, 2])).toEqual([10, 0]);
    expect(sum([4, 9])).toEqual([0, 0]);
    expect(sum([3, 1])).toEqual([0, 0]);
  });
  it('refuses rows whose bins do not ascend within a cell', () => {
    expect(() => new BinIndex([[1, 1]], [2, 1], [[1, 1]])).toThrow(/row 1/);
  });
  it('equals brute force on random cubes and ranges', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 20; trial++) {
      const rows: { k: number; b: number; m: number; w: number }[] = [];
      for (let k = 0; k < 30; k++)
        for (let b = NO_BIN; b < 12; b++) if (rand() < 0.4) rows.push({ k, b, m: Math.round(rand() * 100), w: rand() });
      const idx = new BinIndex(
        [rows.map((r) => r.k)],
        rows.map((r) => r.b),
        [rows.map((r) => r.m), rows.map((r) => r.w)]
      );
      for (let q = 0; q < 10; q++) {
        const lo = Math.floor(rand() * 12);
        const range: BinRange = rand() < 0.1 ? null : [lo, lo + Math.floor(rand() * 6)];
        const [m, w] = idx.sums(range);
        for (let c = 0; c < idx.cells; c++) {
          const k = idx.key(0, c);
          const inside = rows.filter((r) => r.k === k && (range ? r.b >= range[0] && r.b <= range[1] : true));
          expect(m[c]).toBe(inside.reduce((a, r) => a + r.m, 0));
          expect(w[c]).toBeCloseTo(
            inside.reduce((a, r) => a + r.w, 0),
            12
          );
        }
      }
    }
  });
});

let con: DuckDBConnection;
beforeAll(async () => {
  con = await (await DuckDBInstance.create(':memory:')).connect();
  await con.run(`SET file_search_path = 'static/data'`);
});
afterAll(() => con?.closeSync?.());

const rows = async (text: string) =>
  (await con.runAndReadAll(text)).getRowObjectsJson() as unknown as Record<string, string | number | null>[];

describe('a brush from the indexes equals SQL over the unit rows (native DuckDB, real snapshot)', () => {
  const s: ExploreState = {
    ...defaultState([2024, 2025]),
    regions: ['440000', '110000'],
    from: 2024,
    to: 2025,
    type: 'all',
    level: 'city',
    hist: 'satisfaction_score',
    scatterX: 'certified_share',
    scatterY: 'admin_time_share',
    groupInds: ['satisfaction_score', 'certified_share', 'admin_time_share']
  };
  const files = unitFiles(s, ['11', '31', '44']);
  const src = `read_parquet([${files.map((f) => `'${f}'`).join(', ')}])`;
  const v = (id: string) => `(${unitExpr(indicator(id))})`;

  it('for no brush, narrow and wide brushes, both pivots', async () => {
    expect(files).toEqual(['units/2024/11.parquet', 'units/2024/44.parquet', 'units/2025/11.parquet', 'units/2025/44.parquet']);
    const [r] = await rows(rangesQuery(s, files).sql.text);
    const layout = layoutFrom(r);
    await con.run(cubeBinsSql('cb', s, files, layout, 1).sql.text);
    await con.run(cubeScatterSql('cs', s, files, layout, 1).sql.text);
    await con.run(cubeGroupSql('cg', s, files, layout, 1).sql.text);
    const idx = {
      ...cubeIndexes(toColumns(await rows(binsIndexSql('cb').sql.text)), toColumns(await rows(scatterIndexSql('cs').sql.text))),
      layout
    };
    const bin = (id: string) => binExpr(trusted(v(id)), layout.hist).text;
    const h = bin(s.hist);
    const where = filterWhere(s).text;
    const last = layout.hist.count - 1;
    for (const pivot of ['year', 'type'] as const) {
      const st = { ...s, pivot };
      const g = groupIndexFrom('g', toColumns(await rows(groupIndexSql('cg', st).sql.text)), st);
      const col = pivot === 'year' ? 'year' : 'urban';
      for (const range of [null, [0, last], [0, 0], [Math.floor(last / 2), last], [last, last], [3, 5]] as BinRange[]) {
        const inBrush = range ? `${h} BETWEEN ${range[0]} AND ${range[1]}` : 'TRUE';
        const a = brushAnswer(idx, g, range);
        const [c] = await rows(`SELECT count(*)::DOUBLE AS n FROM ${src} WHERE ${where} AND ${inBrush}`);
        expect(a.units, `units ${JSON.stringify(range)}`).toBe(Number(c.n));
        // The scatter: cells, and Pearson over the complete pairs within the brush.
        const [x, y] = [v(s.scatterX), v(s.scatterY)];
        const cells =
          await rows(`SELECT ${binExpr(trusted(x), layout.x).text} AS bx, ${binExpr(trusted(y), layout.y).text} AS "by",
          count(*)::DOUBLE AS n FROM ${src} WHERE ${where} AND ${inBrush} AND ${x} IS NOT NULL AND ${y} IS NOT NULL
          GROUP BY ALL ORDER BY bx, "by"`);
        expect(a.density).toEqual(cells.map((d) => ({ bx: Number(d.bx), by: Number(d.by), n: Number(d.n) })));
        const [f] = await rows(`SELECT count(*)::DOUBLE AS n, corr(${y}, ${x}) AS r, regr_slope(${y}, ${x}) AS slope
          FROM ${src} WHERE ${where} AND ${inBrush} AND ${x} IS NOT NULL AND ${y} IS NOT NULL`);
        expect(a.fit.n).toBe(Number(f.n));
        if (f.r === null) expect(a.fit.r).toBeNull();
        else expect(a.fit.r!).toBeCloseTo(Number(f.r), 9);
        if (f.slope !== null) expect(a.fit.slope!).toBeCloseTo(Number(f.slope), 9);
        // The group-by table: indicators over the units of each city and pivot column.
        const aggs = s.groupInds.map((id) => `${aggExpr(indicator(id))}::DOUBLE AS ${id}`).join(', ');
        const want =
          await rows(`SELECT ${groupCode('city').text} AS code, ${col}::INTEGER AS col, count(*)::DOUBLE AS units, ${aggs}
          FROM ${src} WHERE ${where} AND ${inBrush} GROUP BY ALL ORDER BY code, col`);
        expect(a.groups.map((g) => [g.code, g.col, g.units])).toEqual(want.map((w) => [w.code, Number(w.col), Number(w.units)]));
        a.groups.forEach((got, i) => {
          for (const id of s.groupInds) {
            const w = want[i][id];
            if (w === null) expect(got[id], `${got.code} ${id}`).toBeNull();
            else expect(got[id] as number).toBeCloseTo(Number(w), 9);
          }
        });
      }
    }
  });

  it('the correlation matrix (unpivoted rows) equals corr() of each pair over the units within a brush', async () => {
    const [r] = await rows(rangesQuery(s, files).sql.text);
    const layout = layoutFrom(r);
    const range: BinRange = [2, layout.hist.count - 3];
    const m = correlationMatrix(await rows(correlationSql(s, files, layout.hist, range).sql.text), indicators.length);
    expect(m).toHaveLength(indicators.length);
    const h = binExpr(trusted(v(s.hist)), layout.hist).text;
    const where = `${filterWhere(s).text} AND ${h} BETWEEN ${range![0]} AND ${range![1]}`;
    const ids = ['satisfaction_score', 'certified_share', 'admin_time_share', indicators.at(-1)!.id];
    for (const a of ids)
      for (const b of ids) {
        const [i, j] = [indicators.findIndex((x) => x.id === a), indicators.findIndex((x) => x.id === b)];
        const [w] = await rows(`SELECT corr(${v(a)}, ${v(b)}) AS r FROM ${src} WHERE ${where}`);
        if (i === j) expect(m[i][j]).toBe(1);
        else if (w.r === null || Number.isNaN(Number(w.r))) expect(m[i][j], `${a} × ${b}`).toBeNull();
        else expect(m[i][j]!, `${a} × ${b}`).toBeCloseTo(Number(w.r), 9);
        expect(m[i][j]).toBe(m[j][i]);
      }
  });
});
