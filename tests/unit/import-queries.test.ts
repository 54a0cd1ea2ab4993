// The /import/ page's region-units query (src/lib/data/import-queries.ts) on native DuckDB over the
// snapshot's names/PP.parquet, registered as the query layer registers it: the units of a district,
// a city and a province, in code order, exactly as a direct read of the file gives them (what
// `npm run template -- --region CODE` prefills). Values never become SQL.
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDuck, rows, lit } from '../../scripts/lib/duck';
import { regionUnitsQuery, toTemplateUnit } from '../../src/lib/data/import-queries';
import { tableOf } from '../../src/lib/data/snapshots';
import { unitPrefix } from '../../src/lib/import/template';

const DATA = 'static/data';

describe('regionUnitsQuery', () => {
  it.each([
    ['110101', 'd'],
    ['440300', 'c'],
    ['441900', 'c'],
    ['640000', 'p']
  ] as const)('%s: the units whose code starts with its prefix, by code', async (code, level) => {
    const q = regionUnitsQuery(code, unitPrefix(code, level));
    expect(q.files).toEqual([`names/${code.slice(0, 2)}.parquet`]);
    const file = join(DATA, q.files[0]);
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run data\` first`);
    const con = await openDuck();
    await con.run(`CREATE TABLE ${tableOf(q.files[0])} AS SELECT * FROM read_parquet(${lit(file)})`);
    const got = (await rows(con, q.sql.text)).map((r) => toTemplateUnit(r as never));
    const prefix = unitPrefix(code, level);
    const direct = await rows<{ code: string; name: string; urban: number }>(
      con,
      `SELECT code, name, urban::INTEGER AS urban FROM read_parquet(${lit(file)}) WHERE code LIKE '${prefix}%' ORDER BY code`
    );
    con.closeSync();
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(direct.map((u) => ({ code: u.code, name: u.name, urban: Number(u.urban) })));
  });

  it('refuses codes and prefixes that are not a region and its prefix', () => {
    expect(() => regionUnitsQuery("11'; DROP", '11')).toThrow(/6-digit/);
    expect(() => regionUnitsQuery('110101', '12')).toThrow(/prefix/);
    expect(() => regionUnitsQuery('110101', "11' OR '1")).toThrow(/prefix/);
    expect(regionUnitsQuery('110101', '110101').sql.text).toContain("starts_with(code, '110101')");
  });
});
