// The console's export names: a readable slug of the query and a stable hash of its full text.
import { describe, it, expect } from 'vitest';
import { queryFilePart, queryHash, querySlug } from '../../src/lib/sql/file-name';

const SAFE = /^[\p{L}\p{N}_]*$/u;

describe('console export names', () => {
  it('hashes with 32-bit FNV-1a over UTF-8 (published test vectors)', () => {
    expect(queryHash('')).toBe('811c9dc5');
    expect(queryHash('a')).toBe('e40c292c');
    expect(queryHash('foobar')).toBe('bf9cf968');
    expect(queryHash('SELECT 1')).toMatch(/^[0-9a-f]{8}$/);
    // Non-ASCII text is hashed as UTF-8 bytes, not UTF-16 units.
    expect(queryHash('广东')).not.toBe(queryHash('\u5e7f'));
  });
  it('same query, same name; any change of text, another hash', () => {
    const q = `SELECT province, count(*) FROM units GROUP BY 1`;
    expect(queryFilePart(q)).toBe(queryFilePart(q));
    expect(queryFilePart(q)).toBe(`SELECT_province_count_FROM_units_GROUP_BY_1-${queryHash(q)}`);
    const spaced = q.replace(' FROM', '  FROM');
    expect(querySlug(spaced)).toBe(querySlug(q));
    expect(queryHash(spaced)).not.toBe(queryHash(q));
  });
  it('drops unsafe characters, newlines and comments; keeps CJK', () => {
    const q = `-- 广东各区县\nSELECT name AS "名称", count(*)\r\nFROM units /* all years */\nWHERE code LIKE '44%' AND name <> 'a/b\\c:d*e?f"g<h>i|j'`;
    const slug = querySlug(q);
    expect(slug).toMatch(SAFE);
    expect(slug).not.toMatch(/__|^_|_$/);
    expect(slug).toBe('SELECT_name_AS_名称_count_FROM_units_WHERE_code_LIKE_44_AND');
    expect(querySlug(`SELECT 1 AS "a\nb" -- x\n`)).toBe('SELECT_1_AS_a_b');
    expect(querySlug(`SELECT 1\nFROM units\r\n`)).toBe('SELECT_1_FROM_units');
    expect(querySlug(`SELECT * FROM units WHERE name = '广州市天河区'`)).toBe('SELECT_FROM_units_WHERE_name_广州市天河区');
  });
  it('truncates long queries to 60 characters, on a word when it can', () => {
    const q = `SELECT district, avg(facility_area_per_100hh) AS area, avg(certified_share) AS certified FROM unit_values`;
    const slug = querySlug(q);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('SELECT_district_avg_facility_area_per_100hh_AS_area_avg');
    expect(q.startsWith(slug.split('_')[0])).toBe(true);
    // One long word is cut at 60 characters; CJK counts by character (no broken surrogate pairs).
    expect(querySlug('x'.repeat(100))).toBe('x'.repeat(60));
    expect(Array.from(querySlug(`SELECT '${'𠀀'.repeat(80)}'`)).length).toBeLessThanOrEqual(60);
    expect(querySlug(`SELECT '${'𠀀'.repeat(80)}'`)).not.toMatch(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
    );
  });
  it('a query of symbols only is named by its hash', () => {
    expect(queryFilePart('(((*)))')).toBe(queryHash('(((*)))'));
  });
});
