// The SQL console's read-only guard and partition pruning, over the tokens of the same DuckDB the
// site runs (DuckDB-WASM 1.28 = DuckDB 0.9.1, its Node blocking bundle): each refused class, and
// ordinary SELECTs (CTEs, joins, window functions, subqueries) allowed.
import { describe, it, expect, beforeAll } from 'vitest';
import { checkQuery, type Verdict } from '../../src/lib/sql/guard';
import { queryPartitions } from '../../src/lib/sql/filters';
import type { ScriptTokens } from '../../src/lib/sql/tokens';
import { wasmTokenizer } from './sql-tokens';

let tokenize: (text: string) => ScriptTokens;
let tableOnly: Set<string>;

beforeAll(async () => {
  ({ tokenize, tableOnly } = await wasmTokenizer());
});

const check = (sql: string): Verdict => checkQuery(sql, tokenize(sql), tableOnly);
const refused = (sql: string) => {
  const v = check(sql);
  return v.ok ? 'allowed' : v.class;
};

describe('refused classes', () => {
  const cases: [string, string][] = [
    ['INSERT INTO units VALUES (1)', 'write'],
    ["UPDATE units SET name = 'x'", 'write'],
    ['DELETE FROM units', 'write'],
    ['CREATE TABLE t AS SELECT 1', 'schema'],
    ['create view v as select * from units', 'schema'],
    ['DROP VIEW units', 'schema'],
    ['ALTER TABLE regions RENAME TO r', 'schema'],
    ["ATTACH 'http://example.com/x.db' AS x", 'attach'],
    ['DETACH x', 'attach'],
    ["COPY units TO 'x.csv'", 'copy'],
    ["COPY (SELECT 1) TO 'x.parquet' (FORMAT PARQUET)", 'copy'],
    ["EXPORT DATABASE 'dir'", 'export'],
    ["IMPORT DATABASE 'dir'", 'export'],
    ['INSTALL httpfs', 'extension'],
    ['LOAD json', 'extension'],
    ['SET enable_external_access = true', 'setting'],
    ['RESET threads', 'setting'],
    ['PRAGMA database_list', 'setting'],
    ['CALL pragma_version()', 'call'],
    ['SELECT 1; SELECT 2', 'multiple'],
    ['SELECT 1; DROP TABLE units', 'multiple'],
    ['EXPLAIN SELECT 1', 'statement'],
    ['DESCRIBE units', 'statement'],
    ["SELECT * FROM read_csv('http://example.com/x.csv')", 'files'],
    ["SELECT * FROM read_csv_auto('/etc/passwd')", 'files'],
    ["SELECT * FROM read_parquet('units/2025/44.parquet')", 'files'],
    ["SELECT * FROM 'http://example.com/x.csv'", 'files'],
    ['SELECT * FROM "x.parquet"', 'files'],
    ["SELECT * FROM units, 'http://example.com/x.csv'", 'files'],
    ["SELECT * FROM units u JOIN 'x.csv' ON true", 'files'],
    ["SELECT * FROM units JOIN regions ON true, read_json_auto('x')", 'files'],
    ["SELECT * FROM (FROM 'x.csv')", 'files'],
    ["SELECT (SELECT count(*) FROM glob('*'))", 'files'],
    ["SELECT * FROM parquet_metadata('x.parquet')", 'files'],
    ["SELECT * FROM units WHERE code IN (SELECT code FROM read_csv('x'))", 'files'],
    ['SELECT "read_csv"(\'x\')', 'files'],
    ["SELECT 'x.csv'.read_csv()", 'files'],
    ["WITH a AS (SELECT * FROM 'x.csv') SELECT * FROM a", 'files'],
    ["SELECT * FROM (PIVOT 'x.csv' ON a USING sum(b))", 'files'],
    ["SELECT * FROM units, LATERAL read_csv('x')", 'files'],
    ["SELECT * FROM ('x.csv' JOIN units ON true)", 'files'],
    ["SELECT * FROM units UNION ALL FROM 'x.csv'", 'files'],
    ["SELECT DISTINCT FROM 'x.csv'", 'files'],
    ['SELECT * FROM units AS "u", \'x.csv\'', 'files'],
    ["SELECT * FROM units u JOIN regions r USING (code), read_csv('x')", 'files'],
    ["SELECT * FROM units USING SAMPLE 10%, 'x.csv'", 'files'],
    ["SELECT array(SELECT 1 FROM 'x.csv')", 'files'],
    ["SELECT * FROM units WHERE code = ANY (SELECT * FROM 'x.csv')", 'files'],
    ["SELECT extract(year FROM (SELECT d FROM 'x.csv'))", 'files'],
    ['SELECT "READ_CSV"(\'x\')', 'files'],
    ["SELECT * FROM ((('x.csv')))", 'files'],
    ['SELECT * FROM duckdb_settings()', 'function'],
    ["SELECT nextval('s')", 'function'],
    ['SELECT setseed(0.5)', 'function'],
    ['SELECT * FROM information_schema.tables', 'table'],
    ['SELECT * FROM sqlite_master', 'table'],
    ['SELECT * FROM duckdb_tables', 'table'],
    ['SELECT * FROM units_2025_44', 'table'],
    ['WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a', 'table'],
    ['WITH units_2025_44 AS (SELECT * FROM units_2025_44) SELECT * FROM units_2025_44', 'table'],
    ['SELECT * FROM main.units', 'table'],
    ['SELECT * FROM (SELECT 1', 'syntax'],
    ['-- nothing', 'empty']
  ];
  for (const [sql, cls] of cases) it(`${cls}: ${sql}`, () => expect(refused(sql)).toBe(cls));
});

describe('allowed reads', () => {
  const ok = [
    'SELECT * FROM units LIMIT 10',
    'select code, name from units where year = 2025',
    "FROM unit_values WHERE year = 2025 AND province = '44'",
    `WITH d AS (SELECT district, avg(certified_share) AS v FROM unit_values WHERE year = 2025 GROUP BY ALL)
     SELECT r.name, d.v FROM d JOIN regions r ON r.code = d.district ORDER BY d.v DESC`,
    `SELECT district, code, rank() OVER (PARTITION BY district ORDER BY households DESC) AS r
     FROM units QUALIFY r <= 3`,
    `SELECT * FROM regions WHERE code IN (SELECT district FROM units WHERE year = 2024)`,
    `SELECT EXTRACT(year FROM DATE '2025-01-01'), substring('abc' FROM 2), trim(BOTH 'x' FROM 'xax')`,
    `SELECT a IS DISTINCT FROM b FROM (SELECT 1 AS a, 2 AS b)`,
    `WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t`,
    `SELECT * FROM range(10) r, indicators i`,
    `SELECT id, zh, target_value FROM indicators ORDER BY id`,
    `SELECT count(*) FILTER (WHERE urban = 1), list_transform([1, 2], x -> x + 1), {'a': 1} FROM units`,
    `SELECT 'http://example.com/x.csv' AS just_a_string, read_text_is_not_called FROM units`,
    `SELECT u.code, v.certified_share FROM units u JOIN unit_values v USING (code, year) WHERE u.year = 2025`
  ];
  for (const sql of ok) it(sql.replace(/\s+/g, ' ').slice(0, 90), () => expect(refused(sql)).toBe('allowed'));

  it('keeps the statement without its trailing semicolon and comment', () => {
    const v = check('SELECT 1 AS x; -- done');
    expect(v.ok && v.statement).toBe('SELECT 1 AS x');
  });
});

describe('partitions a query needs', () => {
  const years = [2024, 2025];
  const provinces = ['11', '44', '45'];
  const parts = (sql: string) => {
    const v = check(sql);
    if (!v.ok) throw new Error(`refused: ${v.class} ${v.detail}`);
    return queryPartitions(v.refs, years, provinces).map((p) => `${p.year}/${p.province}`);
  };
  it('year and province', () => {
    expect(parts("SELECT count(*) FROM unit_values WHERE year = 2025 AND province = '44'")).toEqual(['2025/44']);
    expect(parts("SELECT count(*) FROM units WHERE code LIKE '44%' AND year = 2025")).toEqual(['2025/44']);
    expect(parts("SELECT * FROM units u WHERE starts_with(u.district, '4503') AND u.year IN (2024)")).toEqual(['2024/45']);
    expect(parts("SELECT * FROM units WHERE (year BETWEEN 2025 AND 2030) AND city IN ('4401', '1101')")).toEqual([
      '2025/11',
      '2025/44'
    ]);
    expect(parts('SELECT * FROM units WHERE 2025 <= year')).toEqual(['2025/11', '2025/44', '2025/45']);
  });
  it('no usable filter: every partition', () => {
    expect(parts('SELECT count(*) FROM units')).toHaveLength(6);
    expect(parts('SELECT * FROM units WHERE year = 2025 OR households > 500')).toHaveLength(6);
    expect(parts("SELECT * FROM units WHERE NOT province = '44'")).toHaveLength(6);
    expect(parts('SELECT * FROM units WHERE CASE WHEN urban = 1 AND year = 2025 AND true THEN true END')).toHaveLength(6);
    expect(parts('SELECT * FROM units USING SAMPLE 10 WHERE year = 2025')).toHaveLength(6);
  });
  it('each reference counts: a filter on one alias does not prune the other', () => {
    expect(
      parts("SELECT * FROM units a JOIN units b USING (code) WHERE a.year = 2025 AND b.year = 2024 AND a.province = '11'")
    ).toEqual(['2024/11', '2024/44', '2024/45', '2025/11']);
    expect(parts("SELECT * FROM units WHERE year = 2025 UNION ALL SELECT * FROM units WHERE province = '45'")).toEqual([
      '2024/45',
      '2025/11',
      '2025/44',
      '2025/45'
    ]);
    expect(parts('SELECT * FROM (SELECT * FROM units LIMIT 10) WHERE year = 2025')).toHaveLength(6);
  });
  it('a query over regions or indicators needs no unit partition', () => {
    expect(parts('SELECT * FROM regions')).toEqual([]);
    expect(parts('WITH units AS (SELECT 1 AS year) SELECT * FROM units WHERE year = 1')).toEqual([]);
  });
});
