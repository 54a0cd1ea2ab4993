// Partition pruning of console queries: which unit partitions each query loads (filters in WHERE, in
// JOIN … ON, OR of restricting alternatives, inside and outside CTEs, subqueries and set operations),
// the cases that must load everything (OR with an unrestricting term, NOT, other aliases, preserved
// sides of outer joins, LIMIT, windows, DISTINCT ON, set operations whose branches rename, compute or
// match by name, renamed or recomputed columns, subqueries inside a condition), and — the property that matters — every query gives the same answer over
// its pruned partitions as over all of them (native DuckDB over the snapshot files, the console's views),
// while loading only the year a must-not-prune query seems to name would change its answer.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { checkQuery } from '../../src/lib/sql/guard';
import { queryPartitions, type Partition } from '../../src/lib/sql/filters';
import { indicatorsTableSql, regionsCsv, regionsTableSql, unitViewsSql } from '../../src/lib/sql/views';
import type { ScriptTokens } from '../../src/lib/sql/tokens';
import { openDuck, rows } from '../../scripts/lib/duck';
import { wasmTokenizer } from './sql-tokens';

const YEARS = [2023, 2024, 2025];
const PROVINCES = ['11', '44', '45'];
const ALL = YEARS.flatMap((y) => PROVINCES.map((p) => `${y}/${p}`));

let tokenize: (text: string) => ScriptTokens;
beforeAll(async () => {
  ({ tokenize } = await wasmTokenizer());
});

function partitions(sql: string): Partition[] {
  const v = checkQuery(sql, tokenize(sql));
  if (!v.ok) throw new Error(`refused: ${v.class} ${v.detail}`);
  return queryPartitions(v.refs, YEARS, PROVINCES);
}
const names = (ps: Partition[]) => ps.map((p) => `${p.year}/${p.province}`);

/** Queries that prune, with the partitions they need. */
const PRUNED: [string, string[]][] = [
  [`SELECT count(*) FROM units WHERE year = 2025 AND province = '44'`, ['2025/44']],
  [`WITH d AS (SELECT * FROM units WHERE year = 2025 AND province = '44') SELECT count(*) FROM d`, ['2025/44']],
  [
    `WITH d AS (SELECT * FROM units) SELECT count(*), sum(households) FROM d WHERE d.year = 2024 AND d.province = '45'`,
    ['2024/45']
  ],
  [
    `WITH d AS (SELECT year, province, district, count(*) AS n FROM unit_values GROUP BY ALL)
     SELECT district, n FROM d WHERE year = 2025 AND province IN ('11', '45')`,
    ['2025/11', '2025/45']
  ],
  [
    `WITH d AS (SELECT year, district, avg(households) AS h FROM units GROUP BY year, district)
     SELECT a.district, a.h - b.h AS change FROM d a JOIN d b ON a.district = b.district
     WHERE a.year = 2025 AND b.year = 2024 AND a.district LIKE '4403%'`,
    ['2024/11', '2024/44', '2024/45', '2025/44']
  ],
  [`WITH d AS (SELECT year AS y, code FROM units) SELECT count(*) FROM d WHERE y = 2024`, ['2024/11', '2024/44', '2024/45']],
  [
    `SELECT count(*) FROM (SELECT * FROM (SELECT code, year FROM units) a) b WHERE b.year = 2025 AND starts_with(b.code, '11')`,
    ['2025/11']
  ],
  [
    `SELECT r.name, count(*) AS n FROM regions r JOIN units u ON u.district = r.code AND u.year = 2025 AND u.province = '11' GROUP BY 1`,
    ['2025/11']
  ],
  [
    `SELECT r.code, count(u.code) AS n FROM regions r LEFT JOIN units u ON u.district = r.code AND u.year = 2024
     WHERE r.level = 'district' GROUP BY 1`,
    ['2024/11', '2024/44', '2024/45']
  ],
  [
    `SELECT count(*), count(u.code) FROM units u RIGHT JOIN regions r ON u.district = r.code AND u.year = 2024 AND u.city = '4403'`,
    ['2024/44']
  ],
  [
    `SELECT count(*) FROM regions r, units u WHERE u.district = r.code AND u.year = 2025 AND starts_with(u.code, '45')`,
    ['2025/45']
  ],
  [`SELECT count(*) FROM regions WHERE code IN (SELECT district FROM units WHERE year = 2024 AND province = '44')`, ['2024/44']],
  [
    `WITH a AS (SELECT * FROM units), b AS (SELECT * FROM a WHERE province = '44') SELECT count(*) FROM b WHERE year = 2025`,
    ['2025/44']
  ],
  [
    `WITH d AS (SELECT * FROM units)
     SELECT (SELECT count(*) FROM d WHERE year = 2024 AND province = '11') + (SELECT count(*) FROM d WHERE year = 2025 AND province = '44')`,
    ['2024/11', '2025/44']
  ],
  [
    `SELECT count(*), count(u.code) FROM regions r LEFT JOIN (units u JOIN regions s ON s.code = u.district)
       ON u.year = 2025 AND r.code = u.district`,
    ['2025/11', '2025/44', '2025/45']
  ],
  [
    `WITH d AS (SELECT u.*, r.name AS region FROM units u LEFT JOIN regions r ON r.code = u.district)
     SELECT count(*), count(region) FROM d WHERE d.year = 2025`,
    ['2025/11', '2025/44', '2025/45']
  ],
  [
    `SELECT v.district, avg(v.certified_share) FROM unit_values v JOIN units u USING (code, year)
     WHERE v.year = 2025 AND u.year = 2025 AND v.province = '45' AND u.province = '45' GROUP BY 1`,
    ['2025/45']
  ],
  // OR: every alternative restricts.
  [
    `SELECT count(*) FROM units WHERE province = '44' OR province = '11'`,
    ['2023/11', '2023/44', '2024/11', '2024/44', '2025/11', '2025/44']
  ],
  [
    `SELECT count(*) FROM units WHERE (year = 2025 AND province = '44') OR (year = 2024 AND province = '11')`,
    ['2024/11', '2025/44']
  ],
  [`SELECT count(*) FROM units WHERE year = 2025 OR province = '44'`, ['2023/44', '2024/44', '2025/11', '2025/44', '2025/45']],
  [
    `WITH d AS (SELECT * FROM units) SELECT count(*) FROM d WHERE d.year = 2025 OR d.province = '44'`,
    ['2023/44', '2024/44', '2025/11', '2025/44', '2025/45']
  ],
  [`SELECT count(*) FROM units WHERE year = 2024 AND (province = '45' OR starts_with(code, '11'))`, ['2024/11', '2024/45']],
  [
    `SELECT count(*) FROM units WHERE year = 2023 AND households > 500 OR year = 2025 AND province = '44'`,
    ['2023/11', '2023/44', '2023/45', '2025/44']
  ],
  [
    `SELECT r.name, count(*) FROM regions r JOIN units u ON u.district = r.code AND (u.year = 2023 OR u.year = 2025)
     WHERE u.province = '45' GROUP BY 1`,
    ['2023/45', '2025/45']
  ],
  [
    `SELECT count(*) FROM units a JOIN units b ON a.code = b.code
     WHERE (a.year = 2025 AND b.year = 2024) OR (a.year = 2024 AND b.year = 2023)`,
    ['2023/11', '2023/44', '2023/45', '2024/11', '2024/44', '2024/45', '2025/11', '2025/44', '2025/45']
  ],
  // Set operations: each branch with its own WHERE; a filter outside reaches branches that pass its column through.
  [
    `SELECT code, year FROM units WHERE year = 2025 AND province = '44' UNION ALL SELECT code, year FROM units WHERE year = 2023 AND province = '11'`,
    ['2023/11', '2025/44']
  ],
  [
    `SELECT code FROM units WHERE year = 2025 EXCEPT SELECT code FROM units WHERE year = 2024`,
    ['2024/11', '2024/44', '2024/45', '2025/11', '2025/44', '2025/45']
  ],
  [
    `SELECT code FROM units WHERE year = 2024 AND province = '45' INTERSECT SELECT code FROM units WHERE year = 2025`,
    ['2024/45', '2025/11', '2025/44', '2025/45']
  ],
  [
    `SELECT count(*) FROM (SELECT code, year FROM units WHERE province = '44' UNION ALL SELECT code, year FROM units WHERE province = '11') d
     WHERE d.year = 2025`,
    ['2025/11', '2025/44']
  ],
  [
    `WITH d AS (SELECT * FROM units WHERE province = '45' UNION SELECT * FROM units WHERE households > 500) SELECT count(*) FROM d WHERE year = 2023`,
    ['2023/11', '2023/44', '2023/45']
  ],
  [
    `WITH d AS (SELECT code, year FROM units EXCEPT SELECT code, year FROM units WHERE province = '11') SELECT count(*) FROM d WHERE year = 2024`,
    ['2024/11', '2024/44', '2024/45']
  ],
  [
    `WITH d AS (SELECT code, year FROM units INTERSECT SELECT u.code, u.year FROM units u JOIN regions r ON r.code = u.district)
     SELECT count(*) FROM d WHERE year = 2023 AND code LIKE '45%'`,
    ['2023/45']
  ],
  [
    `WITH d AS (SELECT year, province, count(*) AS n FROM units GROUP BY ALL UNION ALL SELECT year, province, -count(*) FROM unit_values GROUP BY ALL)
     SELECT province, sum(n) FROM d WHERE year = 2025 AND province IN ('11', '44') GROUP BY 1`,
    ['2025/11', '2025/44']
  ],
  [
    `SELECT count(*) FROM (SELECT year AS y, code FROM units UNION ALL SELECT year, district FROM units WHERE year = 2023) d WHERE y = 2024`,
    ['2024/11', '2024/44', '2024/45']
  ]
];

/** Queries where pruning would be unsound or cannot be shown sound: they load every partition (or what their own filters say). */
const UNPRUNED: [string, string[]][] = [
  [`SELECT count(*) FROM units WHERE NOT (year = 2025)`, ALL],
  [`SELECT count(*), count(i.id) FROM units u LEFT JOIN indicators i ON i.direction = u.urban AND u.year = 2025`, ALL],
  [`SELECT count(*), count(u.code) FROM units u FULL JOIN indicators i ON i.direction = u.urban AND u.year = 2025`, ALL],
  [`SELECT count(*) FROM units u ANTI JOIN indicators i ON i.direction = u.urban AND u.year = 2025`, ALL],
  [`SELECT count(*) FROM units a JOIN units b ON a.code = b.code AND a.year = b.year WHERE a.year = 2025`, ALL],
  [`SELECT count(*) FROM regions r LEFT JOIN units u ON u.district = r.code WHERE coalesce(u.year, 2025) = 2025`, ALL],
  [`SELECT count(*) FROM regions r LEFT JOIN units u ON u.district = r.code WHERE u.year = 2025 OR u.year IS NULL`, ALL],
  [`WITH d AS (SELECT * FROM units ORDER BY code, year LIMIT 100) SELECT count(*) FROM d WHERE year = 2025`, ALL],
  [
    `WITH d AS (SELECT year, code, row_number() OVER (PARTITION BY code ORDER BY year) AS k FROM units)
     SELECT count(*) FROM d WHERE year = 2025 AND k = 3`,
    ALL
  ],
  [`WITH d AS (SELECT province, max(year) AS year FROM units GROUP BY province) SELECT * FROM d WHERE year = 2025`, ALL],
  [`WITH d AS (SELECT * REPLACE (year + 1 AS year) FROM units) SELECT count(*) FROM d WHERE year = 2025`, ALL],
  [`WITH d AS (SELECT code, year + 1 AS year FROM units) SELECT count(*) FROM d WHERE year = 2025`, ALL],
  [
    `WITH d AS (SELECT code, year FROM units WHERE province = '44' UNION ALL SELECT code, 2025 FROM units WHERE province = '11')
     SELECT count(*) FROM d WHERE year = 2025`,
    ['2023/11', '2023/44', '2024/11', '2024/44', '2025/11', '2025/44']
  ],
  [`WITH d AS (SELECT * FROM units) SELECT (SELECT count(*) FROM d WHERE year = 2025), (SELECT count(*) FROM d)`, ALL],
  [`WITH d(y, c) AS (SELECT year, code FROM units) SELECT count(*) FROM d WHERE y = 2025`, ALL],
  [
    `WITH d AS (SELECT DISTINCT ON (code) code, year FROM units ORDER BY code, year DESC) SELECT count(*) FROM d WHERE year = 2024`,
    ALL
  ],
  [
    `WITH d AS (SELECT year AS y2, code FROM units) SELECT count(*) FROM d JOIN regions r ON r.code = left(d.code, 6) WHERE y2 = 2025`,
    ALL
  ],
  [`SELECT count(*) FROM units u WHERE EXISTS (SELECT 1 FROM units v WHERE v.code = u.code AND u.year = 2025)`, ALL],
  [`SELECT count(*) FROM (SELECT year, code FROM units) s(y, c) WHERE s.y = 2025`, ALL],
  // OR, NOT and subqueries inside a condition.
  [`SELECT count(*) FROM units WHERE province = '44' OR households > 500`, ALL],
  [`SELECT count(*) FROM units WHERE NOT (year = 2025 OR province = '44')`, ALL],
  [`SELECT count(*) FROM units WHERE NOT year = 2025 OR province = '44'`, ALL],
  [`SELECT count(*) FROM units a JOIN units b ON a.code = b.code WHERE a.year = 2025 OR b.year = 2024`, ALL],
  [
    `SELECT count(*), count(u.code) FROM regions r LEFT JOIN units u ON u.district = r.code AND u.year = 2025
     WHERE u.province = '44' OR r.level = 'province'`,
    ['2025/11', '2025/44', '2025/45']
  ],
  [`SELECT count(*) FROM units u WHERE u.year = 2025 OR EXISTS (SELECT 1 FROM regions r WHERE r.code = u.district)`, ALL],
  [`SELECT count(*) FROM units WHERE (SELECT count(*) > 0 FROM units v WHERE v.code IS NOT NULL AND year = 2025)`, ALL],
  [`WITH d AS (SELECT * FROM units) SELECT count(*) FROM d WHERE d.year = 2025 OR d.sat_overall > 95`, ALL],
  // Set operations: a filter outside is not pushed into branches that compute, rename, convert or match by name.
  [
    `SELECT count(*) FROM (SELECT code, year FROM units WHERE province = '44' UNION ALL SELECT code, year + 1 AS year FROM units WHERE province = '11') d
     WHERE year = 2025`,
    ['2023/11', '2023/44', '2024/11', '2024/44', '2025/11', '2025/44']
  ],
  [`SELECT count(*) FROM (SELECT code, year FROM units UNION ALL SELECT code, year + 1 FROM units) d WHERE year = 2025`, ALL],
  [
    `WITH d AS (SELECT code, year FROM units EXCEPT SELECT code, year + 1 FROM units) SELECT count(*) FROM d WHERE year = 2024`,
    ALL
  ],
  [`SELECT code FROM units WHERE year = 2025 EXCEPT SELECT code FROM units WHERE year < 2025`, ALL],
  [
    `SELECT count(*) FROM (SELECT code, year FROM units WHERE province = '44' UNION ALL BY NAME SELECT year, code FROM units WHERE province = '11') d
     WHERE year = 2025`,
    ['2023/11', '2023/44', '2024/11', '2024/44', '2025/11', '2025/44']
  ],
  [
    `SELECT count(*) FROM (SELECT code, year FROM units UNION ALL SELECT code, year FROM units ORDER BY code, year LIMIT 10) d WHERE year = 2025`,
    ALL
  ],
  [`SELECT count(*) FROM (SELECT code, province AS p FROM units UNION ALL SELECT code, city FROM units) d WHERE p = '44'`, ALL],
  [`SELECT count(*) FROM (SELECT district AS code FROM units INTERSECT SELECT code FROM regions) d WHERE code LIKE '44%'`, ALL],
  [
    `WITH d AS (SELECT year FROM units UNION ALL SELECT y FROM (SELECT 2025 AS y) t) SELECT count(*) FROM d WHERE year = 2025`,
    ALL
  ],
  [
    `SELECT count(*) FROM (SELECT year FROM units WHERE province = '44' UNION ALL VALUES (2025)) d WHERE year = 2025`,
    ['2023/44', '2024/44', '2025/44']
  ],
  [
    `SELECT count(*) FROM ((SELECT code, year FROM units WHERE province = '44') UNION ALL (SELECT code, year FROM units WHERE province = '11')) d
     WHERE year = 2025`,
    ['2023/11', '2023/44', '2024/11', '2024/44', '2025/11', '2025/44']
  ],
  [
    `SELECT count(*) FROM ((SELECT code, year FROM units) UNION ALL (SELECT code, year FROM units WHERE year = 2023) ORDER BY code, year LIMIT 10) d
     WHERE year = 2025`,
    ALL
  ]
];
/** Must-not-prune queries whose answer changes when only the year their filter names is loaded. */
const NAIVE: [string, number][] = [
  [`SELECT count(*), count(i.id) FROM units u LEFT JOIN indicators i ON i.direction = u.urban AND u.year = 2025`, 2025],
  [`SELECT count(*), count(u.code) FROM units u FULL JOIN indicators i ON i.direction = u.urban AND u.year = 2025`, 2025],
  [`SELECT count(*) FROM units u ANTI JOIN indicators i ON i.direction = u.urban AND u.year = 2025`, 2025],
  [`WITH d AS (SELECT * FROM units ORDER BY code, year LIMIT 100) SELECT count(*) FROM d WHERE year = 2025`, 2025],
  [
    `WITH d AS (SELECT year, code, row_number() OVER (PARTITION BY code ORDER BY year) AS k FROM units)
     SELECT count(*) FROM d WHERE year = 2025 AND k = 3`,
    2025
  ],
  [`WITH d AS (SELECT * REPLACE (year + 1 AS year) FROM units) SELECT count(*) FROM d WHERE year = 2025`, 2025],
  [
    `WITH d AS (SELECT DISTINCT ON (code) code, year FROM units ORDER BY code, year DESC) SELECT count(*) FROM d WHERE year = 2024`,
    2024
  ],
  [`SELECT count(*) FROM units WHERE (SELECT count(*) > 0 FROM units v WHERE v.code IS NOT NULL AND year = 2025)`, 2025],
  [`SELECT count(*) FROM (SELECT code, year FROM units UNION ALL SELECT code, year + 1 FROM units) d WHERE year = 2025`, 2025],
  [
    `WITH d AS (SELECT code, year FROM units EXCEPT SELECT code, year + 1 FROM units) SELECT count(*) FROM d WHERE year = 2024`,
    2024
  ],
  [`SELECT code FROM units WHERE year = 2025 EXCEPT SELECT code FROM units WHERE year < 2025`, 2025],
  [
    `SELECT count(*) FROM (SELECT code, year FROM units UNION ALL SELECT code, year FROM units ORDER BY code, year LIMIT 10) d WHERE year = 2025`,
    2025
  ],
  [
    `SELECT count(*) FROM ((SELECT code, year FROM units) UNION ALL (SELECT code, year FROM units WHERE year = 2023) ORDER BY code, year LIMIT 10) d
     WHERE year = 2025`,
    2025
  ]
];
/** Sampling is random: its answers are not compared, only that it prunes nothing. */
const SAMPLED = `WITH d AS (SELECT * FROM units USING SAMPLE 10 ROWS) SELECT count(*) FROM d WHERE year = 2025`;

describe('partitions a query loads', () => {
  for (const [sql, want] of PRUNED)
    it(`prunes: ${sql.replace(/\s+/g, ' ').slice(0, 110)}`, () => expect(names(partitions(sql))).toEqual(want));
  for (const [sql, want] of UNPRUNED)
    it(`does not prune: ${sql.replace(/\s+/g, ' ').slice(0, 100)}`, () => expect(names(partitions(sql))).toEqual(want));
  it('sampling prunes nothing', () => expect(names(partitions(SAMPLED))).toEqual(ALL));
});

const haveData = PROVINCES.every((p) => YEARS.every((y) => existsSync(`static/data/units/${y}/${p}.parquet`)));
describe.skipIf(!haveData)('pruning never changes an answer (native DuckDB over the snapshot files)', () => {
  it('each query gives the same rows over its partitions as over all of them', async () => {
    const con = await openDuck();
    await con.run(`SET file_search_path = 'static/data'`);
    const csv = `/tmp/cgo-regions-filters-${process.pid}.csv`;
    writeFileSync(csv, regionsCsv(JSON.parse(readFileSync('static/data/regions.json', 'utf8'))));
    await con.run(regionsTableSql(csv, 'streets.parquet'));
    await con.run(indicatorsTableSql());
    const all = YEARS.flatMap((year) => PROVINCES.map((province) => ({ year, province })));
    // Order-free fingerprint of a result: row count and a sum of row hashes.
    const answer = async (sql: string, parts: Partition[]) => {
      for (const s of unitViewsSql(parts)) await con.run(s);
      const [r] = await rows<{ n: number; h: string }>(
        con,
        `SELECT count(*) AS n, sum(hash(q) % 1000000007) AS h FROM (${sql}) q`
      );
      return `${r.n}/${r.h}`;
    };
    for (const [sql] of [...PRUNED, ...UNPRUNED]) {
      const pruned = partitions(sql);
      expect(await answer(sql, pruned), sql).toBe(await answer(sql, all));
    }
    // And these really must load everything: keeping only what the filter seems to name changes the answer.
    for (const [sql, year] of NAIVE) {
      const naive = all.filter((p) => p.year === year);
      expect(await answer(sql, naive), sql).not.toBe(await answer(sql, all));
    }
  }, 120_000);
});
