// Compile catalogue formulas to SQL. Every indicator value is
//   scale × SUM(numerator) / SUM(denominator where the numerator is present)
// so the same definition gives a unit's value (over its own row), a region's value (over its
// units) and the value from pre-aggregated partial sums (`<id>__n`, `<id>__d`).
import { indicators, type Indicator } from './catalogue';

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

function parts(ind: Indicator) {
  const n = `(${ind.formula.numerator})`;
  const d = `(CASE WHEN ${n} IS NOT NULL THEN (${ind.formula.denominator}) END)`;
  return { n, d, s: ind.formula.scale };
}

/** Per-row value of an indicator: a unit's own value. */
export function unitExpr(ind: Indicator): string {
  const { n, d, s } = parts(ind);
  return `${s} * ${n} / NULLIF(${d}, 0)`;
}

/** Aggregate value over the rows of a GROUP BY. */
export function aggExpr(ind: Indicator): string {
  const { n, d, s } = parts(ind);
  return `${s} * SUM(${n}) / NULLIF(SUM(${d}), 0)`;
}

/** Partial sums to store in pre-aggregated tables: `<id>__n`, `<id>__d`. */
export function partialExprs(ind: Indicator): string[] {
  const { n, d } = parts(ind);
  return [`SUM(${n})::DOUBLE AS ${q(ind.id + '__n')}`, `SUM(${d})::DOUBLE AS ${q(ind.id + '__d')}`];
}

/** Value from pre-aggregated partial sums (re-aggregated by SUM). */
export function fromPartialsExpr(ind: Indicator): string {
  return `${ind.formula.scale} * SUM(${q(ind.id + '__n')}) / NULLIF(SUM(${q(ind.id + '__d')}), 0)`;
}

/** SELECT list computing every (or the given) indicator from partial sums, aliased by id. */
export function selectFromPartials(list: Indicator[] = indicators): string {
  return list.map((i) => `${fromPartialsExpr(i)} AS ${q(i.id)}`).join(',\n  ');
}

/** SELECT list computing every (or the given) indicator per row, aliased by id. */
export function selectUnitValues(list: Indicator[] = indicators): string {
  return list.map((i) => `${unitExpr(i)} AS ${q(i.id)}`).join(',\n  ');
}

/** SELECT list computing every (or the given) indicator over a GROUP BY, aliased by id. */
export function selectAggregates(list: Indicator[] = indicators): string {
  return list.map((i) => `${aggExpr(i)} AS ${q(i.id)}`).join(',\n  ');
}

export { q as quoteIdent };
