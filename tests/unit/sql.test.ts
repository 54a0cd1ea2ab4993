// The SQL builder: values become literals and can never become SQL syntax.
import { describe, expect, it } from 'vitest';
import { code6, ident, list, literal, sql, trusted, year } from '../../src/lib/data/sql';

describe('sql builder', () => {
  it('quotes strings, doubling quotes, so hostile text stays a literal', () => {
    const hostile = "440305' OR 1=1; DROP TABLE district; --";
    expect(sql`SELECT * FROM t WHERE code = ${hostile}`.text).toBe(
      "SELECT * FROM t WHERE code = '440305'' OR 1=1; DROP TABLE district; --'"
    );
    expect(literal("'")).toBe("''''");
  });
  it('writes numbers, booleans and null as literals and refuses non-finite numbers', () => {
    expect(sql`${1.5}, ${-2}, ${true}, ${null}`.text).toBe('1.5, -2, TRUE, NULL');
    expect(() => sql`${NaN}`).toThrow(/finite/);
    expect(() => sql`${Infinity}`).toThrow(/finite/);
    expect(() => literal({} as unknown as string)).toThrow(/cannot be used/);
  });
  it('splices only fragments it built: identifiers, lists, trusted catalogue text', () => {
    expect(ident('a"b').text).toBe('"a""b"');
    expect(list([ident('x'), sql`${'y'}`]).text).toBe(`"x", 'y'`);
    expect(sql`SELECT ${trusted('SUM(a)')} AS ${ident('s')}`.text).toBe('SELECT SUM(a) AS "s"');
  });
  it('checks region codes and years before they reach SQL', () => {
    expect(code6('440305')).toBe('440305');
    for (const bad of ['44030', "440305'", '4403051', ' 440305', '']) expect(() => code6(bad)).toThrow(/region code/);
    expect(year(2025)).toBe(2025);
    expect(() => year(2025.5)).toThrow(/year/);
  });
});
