// The SQL words the guard's walk (walker.ts) and the pruning readers (levels.ts, blocks.ts, atoms.ts)
// act on, each list written once and named for its role; the sets that end a clause are built from
// them. Words only: what a word does is decided where it is read.

/** Words a query (or a subquery's bracket) starts with. */
export const QUERY_START = new Set(['select', 'with', 'from', 'values']);

/** Set operations: each splits a block into branches. */
export const SET_OPS = new Set(['union', 'except', 'intersect']);

/** PIVOT statements and their spellings: a table position when a block starts with one. */
export const PIVOTS = new Set(['pivot', 'unpivot', 'pivot_wider', 'pivot_longer']);

/** Clauses of a block after its FROM list, in the order they are written. */
export const CLAUSES = ['where', 'group', 'having', 'qualify', 'window', 'order', 'limit', 'offset', 'fetch'] as const;

/** Words of a join's operator (before JOIN) and USING after it. */
export const JOIN_WORDS = [
  'join',
  'left',
  'right',
  'full',
  'inner',
  'cross',
  'natural',
  'asof',
  'positional',
  'anti',
  'semi',
  'outer',
  'using'
] as const;

/** Words that end a FROM list at its own level. */
export const FROM_END = new Set<string>([...CLAUSES, 'select']);

/** Words that end a WHERE clause. */
export const WHERE_END = new Set<string>([...CLAUSES.filter((c) => c !== 'where'), ...SET_OPS, 'select']);

/** Words that end an ON clause (when not a function call such as left(code, 6)). */
export const ON_END = new Set<string>([...JOIN_WORDS, ...CLAUSES, 'select', ...SET_OPS]);

/** Words that end a select list. */
export const SELECT_END = new Set<string>(['from', ...CLAUSES]);
