// The /import/ page's typed queries: the communities and villages of a region, for the fill-in
// template prefilled with a department's own units (the browser side of `npm run template --region`,
// which reads the same names/<province>.parquet with native DuckDB). Pure: the page runs it with runQuery.
import { tableOf } from './snapshots';
import { code6, sql, trusted } from './sql';
import type { Query } from './queries';
import type { Row } from '../types';
import type { TemplateUnit } from '../import/template';

/** Units whose code starts with `prefix` (2, 4 or 6 digits of a region code), by code. */
export function regionUnitsQuery(region: string, prefix: string): Query {
  const code = code6(region);
  if (!/^\d{2}(\d{2}){0,2}$/.test(prefix) || !code.startsWith(prefix))
    throw new Error(`not a prefix of region ${code}: ${JSON.stringify(prefix)}`);
  const file = `names/${code.slice(0, 2)}.parquet`;
  return {
    sql: sql`SELECT code, name, CAST(urban AS INTEGER) AS urban FROM ${trusted(tableOf(file))}
             WHERE starts_with(code, ${prefix}) ORDER BY code`,
    files: [file]
  };
}

/** A row of regionUnitsQuery as a template unit. */
export const toTemplateUnit = (r: Row): TemplateUnit => ({
  code: String(r.code),
  name: String(r.name ?? ''),
  urban: r.urban === null || r.urban === undefined ? null : Number(r.urban)
});
