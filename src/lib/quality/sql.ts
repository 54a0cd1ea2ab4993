// The data-quality report as SQL, generated from the rule definitions (rules.ts) and the indicator
// catalogue: the same text runs on native DuckDB (`npm run quality`) and on DuckDB-WASM (/quality/).
// The caller supplies the relations to read (read_parquet over files, or the browser's registered
// tables); thresholds and indicator formulas are constants of this code base, never user values.
import { indicator, indicators, type Indicator } from '../indicators/catalogue';
import { quoteIdent, unitExpr } from '../indicators/sql';
import { JUMPS, MISSING, PEER, SMALL_SURVEY, UNIFORM } from './rules';

/** SQL relations (table names or parenthesised subqueries) the report reads. */
export interface QualitySources {
  /** Unit-years of the report's year: code, urban and the base columns. */
  current: string;
  /** Unit-years of the year before, or null when there is none (no year-on-year rule). */
  previous: string | null;
  /** Unit names: code, name. */
  names: string;
  /** Street names: code, name. */
  streets: string;
}

/** One row of the warnings query. */
export interface WarningRow {
  rule: string;
  /** 12-digit unit, 9-digit street or 6-digit district. */
  code: string;
  name: string | null;
  district: string;
  /** The column or indicator the warning is about (empty for satisfaction and survey rules). */
  subject: string;
  value: number;
  /** What the value is compared with: last year's value, the peers' median, units counted. */
  reference: number | null;
  threshold: number;
  /** Units the warning concerns (used by the district quality score). */
  units: number;
}

const n = (x: number) => {
  if (!Number.isFinite(x)) throw new Error(`quality threshold must be finite, got ${x}`);
  return String(x);
};
const str = (s: string) => `'${s.replace(/'/g, "''")}'`;
const DISTRICT = 'substr(code, 1, 6)';
const COLS = 'rule, code, district, subject, value, reference, threshold, units';

function uniformSql(cur: string, digits: number): string {
  return `SELECT 'uniform_satisfaction' AS rule, area AS code, substr(area, 1, 6) AS district, '' AS subject,
      greatest(top, at_ceiling)::DOUBLE / scored AS value, scored::DOUBLE AS reference, ${n(UNIFORM.share)} AS threshold,
      scored::INTEGER AS units
    FROM (SELECT area, sum(k) AS scored, max(k) AS top, sum(CASE WHEN score >= ${n(UNIFORM.ceiling)} THEN k ELSE 0 END) AS at_ceiling
          FROM (SELECT substr(code, 1, ${n(digits)}) AS area, sat_overall AS score, count(*) AS k FROM ${cur}
                WHERE sat_overall IS NOT NULL GROUP BY 1, 2) GROUP BY area)
    WHERE scored >= ${n(UNIFORM.minUnits)} AND greatest(top, at_ceiling) >= ${n(UNIFORM.share)} * scored`;
}

function jumpSql(cur: string, prev: string): string[] {
  return JUMPS.map((j) => {
    const c = quoteIdent(j.column);
    return `SELECT 'yoy_jump' AS rule, c.code, substr(c.code, 1, 6) AS district, ${str(j.column)} AS subject,
        c.${c}::DOUBLE AS value, p.${c}::DOUBLE AS reference, ${n(j.max)} AS threshold, 1 AS units
      FROM ${cur} c JOIN ${prev} p ON p.code = c.code
      WHERE p.${c} > 0 AND c.${c} IS NOT NULL AND abs(c.${c}::DOUBLE / p.${c} - 1) > ${n(j.max)}
        AND abs(c.${c} - p.${c}) > ${n(j.minChange)}`;
  });
}

function peerSql(cur: string, ind: Indicator): string {
  return `SELECT 'peer_ratio' AS rule, code, district, ${str(ind.id)} AS subject, x AS value, med AS reference,
      ${n(PEER.factor)} AS threshold, 1 AS units
    FROM (SELECT code, ${DISTRICT} AS district, urban, (${unitExpr(ind)})::DOUBLE AS x FROM ${cur}) v
    JOIN (SELECT ${DISTRICT} AS district, urban, median((${unitExpr(ind)})::DOUBLE) AS med, count(*) AS peers
          FROM ${cur} WHERE (${unitExpr(ind)}) > 0 GROUP BY 1, 2) m USING (district, urban)
    WHERE peers >= ${n(PEER.minPeers)} AND x > 0 AND (x > med * ${n(PEER.factor)} OR x < med / ${n(PEER.factor)})`;
}

function smallSurveySql(cur: string): string {
  return `SELECT 'small_survey' AS rule, code, ${DISTRICT} AS district, '' AS subject, survey_n::DOUBLE AS value,
      sat_overall::DOUBLE AS reference, ${n(SMALL_SURVEY.min)} AS threshold, 1 AS units
    FROM ${cur} WHERE sat_overall IS NOT NULL AND survey_n < ${n(SMALL_SURVEY.min)}`;
}

const inScope = (ind: Indicator) => (ind.scope === 'urban' ? 'urban = 1' : ind.scope === 'rural' ? 'urban = 0' : 'TRUE');

/** Per district, for every catalogue indicator: units in scope and units whose numerator is empty. */
function missingSql(cur: string): { cte: string; select: string } {
  const counts = indicators.flatMap((ind) => [
    `count(*) FILTER (WHERE ${inScope(ind)}) AS ${quoteIdent('n__' + ind.id)}`,
    `count(*) FILTER (WHERE ${inScope(ind)} AND (${ind.formula.numerator}) IS NULL) AS ${quoteIdent('m__' + ind.id)}`
  ]);
  const per = indicators.map((ind) => {
    const [total, missing] = [quoteIdent('n__' + ind.id), quoteIdent('m__' + ind.id)];
    return `SELECT 'missing_indicator' AS rule, district AS code, district, ${str(ind.id)} AS subject,
        ${missing}::DOUBLE / ${total} AS value, ${total}::DOUBLE AS reference, ${n(MISSING.share)} AS threshold,
        ${missing}::INTEGER AS units
      FROM missing_counts WHERE ${total} > 0 AND ${missing} > ${n(MISSING.share)} * ${total}`;
  });
  return {
    cte: `missing_counts AS (SELECT ${DISTRICT} AS district, ${counts.join(', ')} FROM ${cur} GROUP BY 1)`,
    select: per.join('\nUNION ALL\n')
  };
}

/** The warnings query: one row per warning (WarningRow), ordered by rule, code and subject. */
export function warningsSql(src: QualitySources): string {
  const cur = src.current;
  const missing = missingSql(cur);
  const parts = [
    ...UNIFORM.digits.map((d) => uniformSql(cur, d)),
    ...(src.previous ? jumpSql(cur, src.previous) : []),
    ...PEER.indicators.map((id) => peerSql(cur, indicator(id))),
    smallSurveySql(cur),
    missing.select
  ];
  return `WITH ${missing.cte},
  warnings AS (${parts.map((p) => `SELECT ${COLS} FROM (${p})`).join('\nUNION ALL\n')})
  SELECT w.rule, w.code, nm.name, w.district, w.subject, w.value, w.reference, w.threshold, w.units::INTEGER AS units
  FROM warnings w LEFT JOIN (SELECT code, name FROM ${src.names} UNION ALL SELECT code, name FROM ${src.streets}) nm
    ON nm.code = w.code
  ORDER BY w.rule, w.code, w.subject`;
}

/** Units per district in the report's year (the denominator of the district quality score). */
export function districtUnitsSql(src: QualitySources): string {
  return `SELECT ${DISTRICT} AS district, count(*)::INTEGER AS units FROM ${src.current} GROUP BY 1 ORDER BY 1`;
}
