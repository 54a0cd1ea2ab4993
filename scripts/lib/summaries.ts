// Per-region summaries (static/data/summary/<code>.json): for the nation, each province and each city
// of a non-municipal province, the region's own values and its children's (the regions its map
// shows), every year and type. They are the query builders of src/lib/data/queries.ts run on native
// DuckDB over the district pre-aggregate, so the overview answers down to the district without
// waiting for DuckDB-WASM (34 MB) and reads only the bytes of the region it shows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from './duck';
import { inside, regionValuesQuery, summaryCode, type Summary } from '../../src/lib/data/queries';
import { levelOf, NATION } from '../../src/lib/data/regions';

import type { Value } from '../../src/lib/types';

/** Numbers to 6 significant digits (the site shows at most 2 decimals); counts stay exact. */
const compact = (v: unknown): Value =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : Number(Number(v).toPrecision(6));

/** Write every summary file into `dir`/summary; `con` must have the table `district`. Returns the number of files. */
export async function writeSummaries(con: DuckDBConnection, dir: string): Promise<number> {
  const all: Record<string, unknown>[] = [];
  for (const level of ['nation', 'province', 'city', 'district'] as const)
    for (const type of ['all', 'urban', 'rural'] as const) {
      const found = await rows(con, regionValuesQuery({ level, within: NATION, type }).sql.text);
      // A city without districts (东莞 441900) is also its own "district": keep it once, as the city.
      all.push(...found.filter((r) => levelOf(String(r.code)) === level));
    }
  if (!all.length) throw new Error('summaries: the district aggregate is empty');
  const columns = Object.keys(all[0]);
  const files = new Map<string, Value[][]>();
  const add = (file: string, row: Record<string, unknown>) => {
    let list = files.get(file);
    if (!list) files.set(file, (list = []));
    list.push(columns.map((c) => (c === 'code' || c === 'type' ? String(row[c]) : compact(row[c]))));
  };
  for (const row of all) {
    const code = String(row.code);
    const level = levelOf(code);
    // Its own file, when it has one (nation, province, city of a non-municipal province)…
    if (level !== 'district' && summaryCode(code) === code) add(code, row);
    // …and its parent's file, as one of the children the parent's map shows.
    const parent = level === 'nation' ? null : summaryCode(level === 'province' ? NATION : parentFor(code));
    if (parent && parent !== code && inside(parent, code)) add(parent, row);
  }
  mkdirSync(join(dir, 'summary'), { recursive: true });
  for (const [code, list] of files) {
    const s: Summary = { columns, rows: list };
    writeFileSync(join(dir, 'summary', `${code}.json`), JSON.stringify(s));
  }
  return files.size;
}

/** The region whose map shows `code`: the province for a city, the city (or municipality) for a district. */
function parentFor(code: string): string {
  return levelOf(code) === 'city' ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
}
