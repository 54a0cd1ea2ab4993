// The one way SQL text is put together: a tagged template that turns every interpolated value into a
// literal (numbers must be finite, strings are quoted with '' doubled) unless it is an `Sql` fragment
// built by this module. Values from a URL, a file or a user can therefore never become SQL syntax;
// fragments from the indicator catalogue (validated formulas) enter through `trusted`.

/** A piece of SQL text that is safe to splice: built by `sql`, `ident`, `list` or `trusted`. */
export class Sql {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type SqlValue = string | number | boolean | null | Sql;

/** A literal for one value. Throws on NaN/Infinity and on anything that is not a plain value. */
export function literal(v: SqlValue): string {
  if (v instanceof Sql) return v.text;
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`SQL value must be a finite number, got ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  throw new Error(`SQL value of type ${typeof v} cannot be used`);
}

/** sql`SELECT * FROM t WHERE code = ${code}`: values become literals, `Sql` fragments are spliced. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Sql {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += literal(values[i]) + strings[i + 1];
  return new Sql(out);
}

/** A quoted identifier ("id" with " doubled). */
export const ident = (name: string): Sql => new Sql(`"${name.replace(/"/g, '""')}"`);

/** Fragments joined by a separator (e.g. a SELECT list). */
export const list = (parts: (Sql | string)[], sep = ', '): Sql =>
  new Sql(parts.map((p) => (p instanceof Sql ? p.text : literal(p))).join(sep));

/**
 * SQL text that did not come from a user: catalogue expressions (validated against the base columns
 * by src/lib/indicators/catalogue.ts) and constants of this code base.
 */
export const trusted = (text: string): Sql => new Sql(text);

/** A 6-digit GB/T 2260 code, or an error naming the value: codes are checked before they reach SQL. */
export function code6(code: string): string {
  if (!/^\d{6}$/.test(code)) throw new Error(`not a 6-digit region code: ${JSON.stringify(code)}`);
  return code;
}

/** A year (four digits), checked. */
export function year(y: number): number {
  if (!Number.isInteger(y) || y < 1900 || y > 2999) throw new Error(`not a year: ${y}`);
  return y;
}
