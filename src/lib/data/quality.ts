// The data-quality report's typed queries for the browser: the SQL of src/lib/quality/sql.ts over
// the snapshot's unit partitions of one year (and the year before), names and streets, registered as
// tables by the query layer. Pure: the page runs them with runQuery.
import { districtUnitsSql, warningsSql, type QualitySources, type WarningRow } from '../quality/sql';
import { tableOf } from './snapshots';
import { trusted, year as checkYear } from './sql';
import type { Query } from './queries';
import type { Row } from '../types';

export const STREETS = 'streets.parquet';

const province = (p: string) => {
  if (!/^\d{2}$/.test(p)) throw new Error(`not a province code: ${JSON.stringify(p)}`);
  return p;
};
const unionOf = (paths: string[], cols: string) =>
  `(${paths.map((p) => `SELECT ${cols} FROM ${tableOf(p)}`).join(' UNION ALL ')})`;

/** The warnings and units-per-district queries for a year over some provinces (two-digit codes). */
export function qualityQueries(year: number, withPrevious: boolean, provinces: string[]): { warnings: Query; districts: Query } {
  const y = checkYear(year);
  const ps = provinces.map(province);
  if (!ps.length) throw new Error('quality report: no provinces');
  const current = ps.map((p) => `units/${y}/${p}.parquet`);
  const previous = withPrevious ? ps.map((p) => `units/${y - 1}/${p}.parquet`) : [];
  const names = ps.map((p) => `names/${p}.parquet`);
  const src: QualitySources = {
    current: unionOf(current, '*'),
    previous: withPrevious ? unionOf(previous, 'code, households, residents') : null,
    names: unionOf(names, 'code, name'),
    streets: tableOf(STREETS)
  };
  return {
    warnings: { sql: trusted(warningsSql(src)), files: [...current, ...previous, ...names, STREETS] },
    districts: { sql: trusted(districtUnitsSql(src)), files: current }
  };
}

/** A row of the warnings query as a typed warning. */
export function toWarning(r: Row): WarningRow {
  return {
    rule: String(r.rule),
    code: String(r.code),
    name: r.name === null ? null : String(r.name),
    district: String(r.district),
    subject: String(r.subject ?? ''),
    value: Number(r.value),
    reference: r.reference === null ? null : Number(r.reference),
    threshold: Number(r.threshold),
    units: Number(r.units)
  };
}
