// What the guard records about each query level (one SELECT block) for partition pruning: the
// relations of its FROM clause (unit views, CTE references, subqueries, others), its WHERE clause,
// the ON conditions of its joins with the relations each one may restrict, and, for a CTE body or a
// subquery in FROM, which of its output columns are a source's column passed through unchanged
// (blocks.ts); a set operation is a level whose branches are levels (sets.ts). filters.ts turns this
// into the partitions each unit-view reference needs.
import type { Item } from './tokens';
import { ON_END } from './keywords';

/** The views a console query may read. */
export const VIEWS = ['units', 'unit_values', 'regions', 'indicators'] as const;
export type ViewName = (typeof VIEWS)[number];
export const UNIT_VIEWS: readonly ViewName[] = ['units', 'unit_values'];

/** One reference to a unit view, with what its query level's WHERE clause says about it. */
export interface UnitRef {
  kind: 'unit';
  view: ViewName;
  /** The name columns are qualified with: its alias, else the view's name. */
  alias: string;
  /** The WHERE clause cannot be used for this reference (sampling, positional/ASOF join, renamed columns). */
  unfiltered: boolean;
  level: Level;
}

/** A WITH entry; `body` is null when its rows cannot be traced (column list, recursive). */
export interface Cte {
  name: string;
  body: Level | null;
  /** Every reference to it (each one's needs are unioned). */
  refs: CteRef[];
}
export interface CteRef {
  kind: 'cte';
  alias: string;
  cte: Cte;
  level: Level;
}
/** A subquery in FROM; `body` is null when its rows cannot be traced (LATERAL, column list). */
export interface Derived {
  kind: 'derived';
  alias: string | null;
  body: Level | null;
  level: Level;
}
/** regions, indicators, range(…), VALUES… */
export interface OtherSource {
  kind: 'other';
  alias: string | null;
  level: Level;
}
export type Source = UnitRef | CteRef | Derived | OtherSource;

/** An output column of a level that is a source's column, unchanged. */
export interface Passthrough {
  source: Source;
  col: string;
}

export interface Join {
  /** The ON condition. */
  on: Item[];
  /** The relations on the sides of the join whose rows fail the ON clause never reach its result. */
  restricts: Source[];
}

export interface Level {
  sources: Source[];
  where: Item[] | null;
  joins: Join[];
  /** ON clauses were written in a shape not followed (nested ON): none is used. */
  joinsUnclear: boolean;
  /** Sampling, POSITIONAL or ASOF joins: no filter of this level may prune. */
  unfiltered: boolean;
  /** Output column → the source column it passes through; null when the level's rows cannot be traced. */
  output: ((col: string) => Passthrough | null) | null;
  /** Who reads this level's rows as a relation (its subquery or CTE references); null: a top level. */
  readers: (() => Source[]) | null;
  /** A set operation (UNION, INTERSECT, EXCEPT): its branches, each a level of its own (sets.ts). */
  set: SetOp | null;
  /** A branch of a set operation: that operation's level, and the output names of its select list by position. */
  branchOf: { set: Level; names: BranchNames } | null;
}

/** Output names of a branch by position ('' for an unnamed expression), '*' for a lone `SELECT *`, null: unknown. */
export type BranchNames = string[] | '*' | null;

export interface SetOp {
  branches: Level[];
  /** Columns matched by name (UNION BY NAME), not by position: nothing outside is pushed in. */
  byName: boolean;
}

export const newLevel = (): Level => ({
  sources: [],
  where: null,
  joins: [],
  joinsUnclear: false,
  unfiltered: false,
  output: null,
  readers: null,
  set: null,
  branchOf: null
});

export type JoinKind = 'inner' | 'left' | 'right' | 'other';

/** The kind of the join whose JOIN keyword is at items[i], from the words before it. */
export function joinKind(items: Item[], i: number): JoinKind {
  const words: string[] = [];
  for (let k = i - 1; k >= 0; k--) {
    const it = items[k];
    if (it.kind !== 'word' || !ON_END.has(it.value!) || it.value === 'join') break;
    words.push(it.value!);
  }
  if (words.some((w) => ['full', 'natural', 'asof', 'positional', 'anti', 'semi'].includes(w))) return 'other';
  if (words.includes('left')) return 'left';
  if (words.includes('right')) return 'right';
  return 'inner';
}

/** An open JOIN of a FROM list: its kind, where its right side's relations start, and its ON items. */
export interface OpenJoin {
  kind: JoinKind;
  /** Index in level.sources where this comma-separated FROM item starts. */
  itemStart: number;
  rightStart: number;
  on: Item[] | null;
}

/** The relations an ON clause restricts: both sides of an inner join, the right of a LEFT, the left of a RIGHT. */
export function restricted(level: Level, j: OpenJoin): Source[] {
  if (j.kind === 'inner') return level.sources.slice(j.itemStart);
  if (j.kind === 'left') return level.sources.slice(j.rightStart);
  if (j.kind === 'right') return level.sources.slice(j.itemStart, j.rightStart);
  return [];
}
