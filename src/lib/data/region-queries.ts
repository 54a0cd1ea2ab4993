// Typed queries of the region page: a street's or unit's yearly figures, the streets and units of a
// province (children, peers), regions' structural context (peers), and survey sample sizes. Built
// with the `sql` builder from the catalogue's own expressions, so a street is aggregated exactly as
// a district is (partial sums), and a unit's value is the catalogue's per-row formula. Pure.
import { indicators } from '../indicators/catalogue';
import { aggExpr, fromPartialsExpr, quoteIdent, unitExpr } from '../indicators/sql';
import { tableOf } from './snapshots';
import { ident, list, sql, trusted, year as checkYear, type Sql } from './sql';
import type { Query } from './queries';
import { DISTRICT } from './queries';

/** A two-digit province prefix, checked before it names a file. */
export function province2(p: string): string {
  if (!/^\d{2}$/.test(p)) throw new Error(`not a province prefix: ${JSON.stringify(p)}`);
  return p;
}

export const unitFile = (year: number, p: string): string => `units/${checkYear(year)}/${province2(p)}.parquet`;
export const namesFile = (p: string): string => `names/${province2(p)}.parquet`;
export const STREETS = 'streets.parquet';

/** A query over unit partitions read in place: `raw` are the files the engine must have registered by
 *  path first (each fetched once). Nothing is copied into a table: a street's or unit's history needs a
 *  few rows of each year, and a province's list is read once and cached as a result. */
export interface RawQuery extends Query {
  raw: string[];
}

/** One partition read in place. */
const partition = (f: string): Sql => sql`read_parquet(${f})`;

/** Every year's partition of a province as one relation. */
function allYears(p: string, years: number[]): { from: Sql; raw: string[] } {
  const raw = years.map((y) => unitFile(y, p));
  return { from: trusted(`(${raw.map((f) => `SELECT * FROM ${partition(f).text}`).join(' UNION ALL BY NAME ')})`), raw };
}

const unitValueCols = () => trusted(indicators.map((i) => `${unitExpr(i)} AS ${quoteIdent(i.id)}`).join(', '));
const aggValueCols = () => trusted(indicators.map((i) => `${aggExpr(i)} AS ${quoteIdent(i.id)}`).join(', '));
/** Units with a value of each indicator (a street's figure from few units is marked). */
const hasCols = () => trusted(indicators.map((i) => `COUNT(${unitExpr(i)})::DOUBLE AS ${quoteIdent(i.id + '__has')}`).join(', '));
/** Households surveyed, and the pooled within-unit sd of the overall score (its margin of error). */
const SURVEY_AGG = trusted(
  `SUM(survey_n)::DOUBLE AS survey_n, sqrt(SUM(survey_n * sat_overall_sd * sat_overall_sd) / NULLIF(SUM(survey_n), 0)) AS sat_overall_sd`
);
const SIZE_AGG = trusted(
  `COUNT(*)::DOUBLE AS units, SUM(urban)::DOUBLE AS urban_units, SUM(households)::DOUBLE AS households, SUM(residents)::DOUBLE AS residents`
);

/** One grassroots unit, one row per year: every indicator, size, survey n and sd. */
export function unitSeriesQuery(code: string, years: number[]): RawQuery {
  if (!/^\d{12}$/.test(code)) throw new Error(`not a 12-digit unit code: ${JSON.stringify(code)}`);
  const { from, raw } = allYears(code.slice(0, 2), years);
  return {
    sql: sql`SELECT year, code, urban, 1.0 AS units, urban::DOUBLE AS urban_units, households, residents, survey_n,
      sat_overall_sd, ${unitValueCols()} FROM ${from} WHERE code = ${code} ORDER BY year`,
    files: [],
    raw
  };
}

/** The units whose codes start with `prefix` (a street, district, city or province), aggregated per year. */
export function areaSeriesQuery(prefix: string, years: number[]): RawQuery {
  if (!/^\d{2,9}$/.test(prefix)) throw new Error(`not a code prefix: ${JSON.stringify(prefix)}`);
  const { from, raw } = allYears(prefix.slice(0, 2), years);
  return {
    sql: sql`SELECT year, ${SIZE_AGG}, ${SURVEY_AGG}, ${aggValueCols()}, ${hasCols()}
      FROM ${from} WHERE starts_with(code, ${prefix}) GROUP BY year ORDER BY year`,
    files: [],
    raw
  };
}

/** Survey size and pooled sd of the units under `prefix` in one year (a region's margin of error). */
export function areaSurveyQuery(prefix: string, year: number): RawQuery {
  if (!/^\d{2,9}$/.test(prefix)) throw new Error(`not a code prefix: ${JSON.stringify(prefix)}`);
  const f = unitFile(year, prefix.slice(0, 2));
  return {
    sql: sql`SELECT ${SURVEY_AGG} FROM ${partition(f)} WHERE starts_with(code, ${prefix})`,
    files: [],
    raw: [f]
  };
}

/** Every street or town of a province in a year: name, parent district, size, survey, every indicator. */
export function streetRowsQuery(p: string, year: number): RawQuery {
  const f = unitFile(year, p);
  return {
    sql: sql`SELECT s.code, s.name, s.parent, a.* EXCLUDE (code) FROM (
        SELECT substr(code, 1, 9) AS code, ${SIZE_AGG}, ${SURVEY_AGG}, ${aggValueCols()}
        FROM ${partition(f)} GROUP BY 1) a
      JOIN ${trusted(tableOf(STREETS))} s USING (code) ORDER BY s.code`,
    files: [STREETS],
    raw: [f]
  };
}

/** Every community and village of a province in a year: name, its street's name, size, survey, every indicator. */
export function unitRowsQuery(p: string, year: number): RawQuery {
  const f = unitFile(year, p);
  const n = namesFile(p);
  return {
    sql: sql`SELECT u.code, n.name, s.name AS street, u.urban, 1.0 AS units, u.urban::DOUBLE AS urban_units, u.households::DOUBLE AS households,
        u.residents::DOUBLE AS residents, u.survey_n::DOUBLE AS survey_n, u.sat_overall_sd, ${unitValueCols()}
      FROM ${partition(f)} u JOIN (SELECT code, name FROM ${trusted(tableOf(n))}) n USING (code)
      LEFT JOIN ${trusted(tableOf(STREETS))} s ON s.code = substr(u.code, 1, 9) ORDER BY u.code`,
    files: [n, STREETS],
    raw: [f]
  };
}

/** A street's or unit's name (and a unit's street and type); no row when the snapshot lacks the code. */
export function placeNameQuery(code: string): Query {
  if (/^\d{9}$/.test(code))
    return {
      sql: sql`SELECT code, name, NULL AS urban, NULL AS street FROM ${trusted(tableOf(STREETS))} WHERE code = ${code}`,
      files: [STREETS]
    };
  if (!/^\d{12}$/.test(code)) throw new Error(`not a street or unit code: ${JSON.stringify(code)}`);
  const n = namesFile(code.slice(0, 2));
  return {
    sql: sql`SELECT n.code, n.name, n.urban, s.name AS street FROM ${trusted(tableOf(n))} n
      LEFT JOIN ${trusted(tableOf(STREETS))} s ON s.code = substr(n.code, 1, 9) WHERE n.code = ${code}`,
    files: [n, STREETS]
  };
}

const LEVEL_CODE: Record<'nation' | 'province' | 'city' | 'district', string> = {
  nation: `'000000'`,
  province: `province || '0000'`,
  city: `city || '00'`,
  district: 'district'
};

/**
 * Every region of a level in a year, from the district pre-aggregate: size (units, urban units,
 * households, residents), households surveyed, and every indicator from partial sums.
 */
export function regionContextQuery(level: keyof typeof LEVEL_CODE, year: number): Query {
  const cols = list([
    trusted(`${LEVEL_CODE[level]} AS code`),
    trusted('SUM(units)::DOUBLE AS units'),
    trusted('SUM(units * urban)::DOUBLE AS urban_units'),
    trusted('SUM(households)::DOUBLE AS households'),
    trusted('SUM(residents)::DOUBLE AS residents'),
    trusted(`SUM(${quoteIdent('satisfaction_score__d')})::DOUBLE AS survey_n`),
    ...indicators.map((i) => sql`${trusted(fromPartialsExpr(i))} AS ${ident(i.id)}`)
  ]);
  return {
    sql: sql`SELECT ${cols} FROM ${trusted(tableOf(DISTRICT))} WHERE year = ${checkYear(year)} GROUP BY 1 ORDER BY 1`,
    files: [DISTRICT]
  };
}
