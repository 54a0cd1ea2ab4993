// Which unit partitions (units/YEAR/PP.parquet) a console query needs. A reference to `units` or
// `unit_values` needs only the partitions that can hold a row it must read, and it is restricted by:
//  - the conjuncts of its level's WHERE clause on its columns (qualified by its alias, or unqualified);
//  - the conjuncts of an ON clause (qualified by its alias) when it is on a side the join does not
//    preserve (both sides of an inner join, the right of a LEFT JOIN, the left of a RIGHT JOIN);
//  - what the readers of its level need, when its level is a plain CTE body or FROM subquery that
//    passes the filtered column through unchanged (blocks.ts): a filter on `d.year` outside reaches
//    `units` inside; a CTE read several times needs the union of what each reference needs.
// Every test is an atom (atoms.ts): false on NULL, so dropping rows it rejects cannot change a join's
// result. Anything unsure restricts nothing (OR at the top, NOT, expressions, sampling, set operations,
// windows, LIMIT). DuckDB still applies every filter itself: pruning only saves loading.
import { atomsOf, atomTest, type Atom } from './atoms';
import { splitConjuncts } from './walker';
import type { Level, Source, UnitRef } from './levels';

/** A (year, province) unit partition. */
export interface Partition {
  year: number;
  province: string;
}

/** Rows a relation must supply: those passing every atom of one of the alternatives; null: all rows. */
type Need = Atom[][] | null;

/** Atoms of its own level that restrict source `s` (WHERE, and ON clauses of joins that do not preserve it). */
function ownAtoms(s: Source): Atom[] {
  const level = s.level;
  const unqualified = s.kind === 'unit' || level.sources.length === 1;
  const where = atomsOf(level.where ? splitConjuncts(level.where) : null).filter(
    (a) => a.qualifier === s.alias || (a.qualifier === null && unqualified)
  );
  if (level.joinsUnclear) return where;
  const on = level.joins.filter((j) => j.restricts.includes(s)).flatMap((j) => atomsOf(j.conjuncts));
  return [...where, ...on.filter((a) => a.qualifier !== null && a.qualifier === s.alias)];
}

const normal = (need: Need): Need => (need === null || need.some((alt) => alt.length === 0) ? null : need);

class Resolver {
  private needs = new Map<Level, Need>();

  /** What a source must supply: its own atoms, and what its level's readers need of the columns it passes through. */
  source(s: Source): Need {
    if (s.level.unfiltered || (s.kind === 'unit' && s.unfiltered)) return null;
    const own = ownAtoms(s);
    const above = this.level(s.level);
    const output = s.level.output;
    if (above === null || output === null) return normal([own]);
    const mapped = above.map((alt) =>
      alt.flatMap((a) => {
        const p = output(a.col);
        return p && p.source === s ? [{ ...a, qualifier: null, col: p.col }] : [];
      })
    );
    return normal(mapped.map((alt) => [...own, ...alt]));
  }

  /** What the readers of a level (a CTE's references, a subquery's FROM position) need of its rows. */
  level(l: Level): Need {
    if (this.needs.has(l)) return this.needs.get(l)!;
    this.needs.set(l, null); // a cycle needs everything
    let need: Need = null;
    const readers = l.readers?.() ?? [];
    if (readers.length) {
      const alts: Atom[][] = [];
      for (const r of readers) {
        const n = this.source(r);
        if (n === null) {
          alts.length = 0;
          break;
        }
        alts.push(...n);
      }
      need = normal(alts.length ? alts : null);
    }
    this.needs.set(l, need);
    return need;
  }
}

/** Does a partition pass every atom (on a unit view's own columns) of an alternative? */
function passes(alt: Atom[], year: number, province: string): boolean {
  return alt.every((a) => {
    const t = atomTest(a.col, a.pred);
    if (!t) return true;
    return t.on === 'year' ? t.keep(year) : t.keep(province);
  });
}

/** Partitions one reference can read rows from. */
export function refPartitions(ref: UnitRef, years: number[], provinces: string[], resolver = new Resolver()): Partition[] {
  const need = resolver.source(ref);
  const all = years.flatMap((year) => provinces.map((province) => ({ year, province })));
  return need === null ? all : all.filter((p) => need.some((alt) => passes(alt, p.year, p.province)));
}

/** Every partition a query needs: the union over its references to unit views. */
export function queryPartitions(refs: UnitRef[], years: number[], provinces: string[]): Partition[] {
  const resolver = new Resolver();
  const seen = new Map<string, Partition>();
  for (const r of refs) for (const p of refPartitions(r, years, provinces, resolver)) seen.set(`${p.year}/${p.province}`, p);
  return [...seen.values()].sort((a, b) => a.year - b.year || a.province.localeCompare(b.province));
}
