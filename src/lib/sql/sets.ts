// A set operation (UNION [ALL], INTERSECT, EXCEPT) as a level of its own whose branches are levels.
// Each branch's own WHERE restricts its own reads (filters.ts), whatever the operation: it decides
// which rows that branch supplies. A filter from outside on one of the set's columns may also restrict
// every branch, because each operation keeps, drops or matches whole rows by equal values: rows that
// fail a test on a column fail it in every branch alike. That holds only when the column means the same
// in every branch: the set's column `col` is pushed in only when every branch passes through, at the
// same position (or by a lone `SELECT *` over the same relation), the same unit-view column unchanged —
// so it has that column's type everywhere and no branch converts it. BY NAME, computed or renamed
// columns, LIMIT/OFFSET after the last branch, or anything unsure push nothing. Pure.
import { blockOutput, branchNames } from './blocks';
import { newLevel, type Level, type Source } from './levels';
import type { Item } from './tokens';

/** One branch of a set operation: its level and its items [start, end) in the bracket. */
export interface Branch {
  level: Level;
  start: number;
  end: number;
}

/** The level of a set operation over its branches (each gets its passthrough lookup and output names). */
export function setLevel(items: Item[], branches: Branch[], byName: boolean): Level {
  const set = newLevel();
  set.set = { branches: branches.map((b) => b.level), byName };
  for (const b of branches) {
    const own = items.slice(b.start, b.end);
    b.level.output = blockOutput(own, b.level);
    b.level.branchOf = { set, names: branchNames(own) };
  }
  return set;
}

/** The relation a lone `SELECT *` branch reads: a unit view or a CTE, the same one in every branch. */
function sameRelation(branches: Level[]): boolean {
  const key = (l: Level): unknown => {
    const s: Source | undefined = l.sources.length === 1 ? l.sources[0] : undefined;
    return s?.kind === 'unit' ? s.view : s?.kind === 'cte' ? s.cte : null;
  };
  const first = key(branches[0]);
  return first !== null && branches.every((b) => key(b) === first);
}

/** Column `col` of a set operation: its name in each branch, when every branch passes the same unit column through. */
export function branchColumns(set: Level, col: string, depth = 0): string[] | null {
  if (!set.set || set.set.byName || depth > 32) return null;
  const branches = set.set.branches;
  const names = branches.map((b) => b.branchOf?.names ?? null);
  let cols: string[];
  if (names.every((n) => n === '*')) {
    if (!sameRelation(branches)) return null;
    cols = branches.map(() => col);
  } else {
    const first = names[0];
    if (!Array.isArray(first) || names.some((n) => !Array.isArray(n) || n.length !== first.length)) return null;
    const k = first.indexOf(col);
    if (col === '' || k < 0 || first.lastIndexOf(col) !== k) return null;
    cols = names.map((n) => (n as string[])[k]);
    if (cols.some((c) => c === '')) return null;
  }
  const unit = cols.map((c, i) => unitColumn(branches[i], c, depth + 1));
  return unit[0] !== null && unit.every((u) => u === unit[0]) ? cols : null;
}

/** The unit-view column that output column `col` of a level is, passed through unchanged; null: not one. */
export function unitColumn(level: Level, col: string, depth = 0): string | null {
  if (depth > 32) return null;
  if (level.set) {
    const cols = branchColumns(level, col, depth + 1);
    return cols ? unitColumn(level.set.branches[0], cols[0], depth + 1) : null;
  }
  const p = level.output?.(col);
  if (!p) return null;
  const s = p.source;
  if (s.kind === 'unit') return s.unfiltered ? null : p.col;
  const body = s.kind === 'cte' ? s.cte.body : s.kind === 'derived' ? s.body : null;
  return body ? unitColumn(body, p.col, depth + 1) : null;
}
