// Which unit partitions (units/YEAR/PP.parquet) a console query needs. A reference to `units` or
// `unit_values` needs only the partitions that can hold a row it must read, and it is restricted by:
//  - its level's WHERE condition on its columns (qualified by its alias, or unqualified), read as an OR
//    of ANDs of atoms (atoms.ts): it restricts when every alternative has an atom on it;
//  - an ON condition (qualified by its alias), read the same way, when it is on a side the join does not
//    preserve (both sides of an inner join, the right of a LEFT JOIN, the left of a RIGHT JOIN);
//  - what the readers of its level need, when its level is a plain CTE body or FROM subquery that
//    passes the filtered column through unchanged (blocks.ts): a filter on `d.year` outside reaches
//    `units` inside; a CTE read several times needs the union of what each reference needs; a set
//    operation passes it into its branches only when each one passes the same unit column (sets.ts).
// Every test is an atom: false on NULL, so dropping rows it rejects cannot change a join's result.
// Anything unsure restricts nothing (NOT, expressions, sampling, BY NAME, windows, LIMIT). DuckDB still
// applies every filter itself: pruning only saves loading.
import { alternatives, atomTest, both, restrictTo, type Alternatives, type Atom } from './atoms';
import { branchColumns } from './sets';
import type { Level, Source, UnitRef } from './levels';

/** A (year, province) unit partition. */
export interface Partition {
  year: number;
  province: string;
}

/** Rows a relation must supply: those passing every atom of one of the alternatives; null: all rows. */
type Need = Alternatives | null;

/** What its own level says of source `s`: its WHERE, and the ON conditions of joins that do not preserve it. */
function ownNeed(s: Source): Alternatives {
  const level = s.level;
  const unqualified = s.kind === 'unit' || level.sources.length === 1;
  let need: Alternatives = [[]];
  if (level.where)
    need = restrictTo(alternatives(level.where), (a) => a.qualifier === s.alias || (a.qualifier === null && unqualified));
  if (level.joinsUnclear) return need;
  for (const j of level.joins)
    if (j.restricts.includes(s))
      need = both(
        need,
        restrictTo(alternatives(j.on), (a) => a.qualifier !== null && a.qualifier === s.alias)
      );
  return need;
}

const normal = (need: Need): Need => (need === null || need.some((alt) => alt.length === 0) ? null : need);

/** A need on a level's output columns, renamed by `map` (atoms on columns it cannot map are dropped). */
function renamed(need: Alternatives, map: (col: string) => string | null): Alternatives {
  return need.map((alt) =>
    alt.flatMap((a) => {
      const col = map(a.col);
      return col === null ? [] : [{ ...a, qualifier: null, col }];
    })
  );
}

class Resolver {
  private needs = new Map<Level, Need>();

  /** What a source must supply: its own atoms, and what its level's readers need of the columns it passes through. */
  source(s: Source): Need {
    if (s.level.unfiltered || (s.kind === 'unit' && s.unfiltered)) return null;
    const own = ownNeed(s);
    const above = this.level(s.level);
    const output = s.level.output;
    if (above === null || output === null) return normal(own);
    const mapped = renamed(above, (col) => {
      const p = output(col);
      return p && p.source === s ? p.col : null;
    });
    return normal(both(own, mapped));
  }

  /** What the readers of a level (a CTE's references, a subquery's FROM position, its set operation) need of its rows. */
  level(l: Level): Need {
    if (this.needs.has(l)) return this.needs.get(l)!;
    this.needs.set(l, null); // a cycle needs everything
    const need = l.branchOf ? this.branch(l, l.branchOf.set) : this.readers(l);
    this.needs.set(l, need);
    return need;
  }

  private readers(l: Level): Need {
    const readers = l.readers?.() ?? [];
    if (!readers.length) return null;
    const alts: Atom[][] = [];
    for (const r of readers) {
      const n = this.source(r);
      if (n === null) return null;
      alts.push(...n);
    }
    return normal(alts);
  }

  /** A branch needs what its set operation's readers need, on columns every branch passes through alike. */
  private branch(l: Level, set: Level): Need {
    const up = this.level(set);
    const i = set.set!.branches.indexOf(l);
    return up === null ? null : normal(renamed(up, (col) => branchColumns(set, col)?.[i] ?? null));
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
