// Which output columns of a CTE body or a FROM subquery are a source's column passed through
// unchanged, so that a filter on them outside may also prune that source inside. Only a plain block
// qualifies: no set operation, window function, QUALIFY, LIMIT/OFFSET/FETCH, sampling, DISTINCT ON,
// ROLLUP/CUBE/GROUPING SETS or PIVOT; with GROUP BY, only grouping columns pass through. A column is
// traced when exactly one select item can produce its name: `*` (one relation only), `alias.*`, or
// `[alias.]col [AS name]`; `* EXCLUDE/REPLACE`, a bracketed unnamed item and anything unsure trace
// nothing. Pure: tokens in, a lookup out.
import { isGroup, isName, isOp, isWord, type Item } from './tokens';
import type { BranchNames, Level, Passthrough, Source } from './levels';
import { PIVOTS, SELECT_END, SET_OPS } from './keywords';

/** Words that make a block's output untraceable to its rows (anywhere in it, brackets too). */
const BLOCKERS = new Set([
  ...SET_OPS,
  ...PIVOTS,
  'limit',
  'offset',
  'fetch',
  'qualify',
  'window',
  'sample',
  'tablesample',
  'rollup',
  'cube',
  'grouping',
  'over',
  'columns',
  'unpack'
]);

/** Any blocking word anywhere (nested brackets too: conservative). */
function blocked(items: Item[]): boolean {
  return items.some((i) => (isGroup(i) ? blocked(i.items) : isWord(i) && BLOCKERS.has(i.value!)));
}

type Produced = { star: string | null } | { name: string; from: { qualifier: string | null; col: string } | null };

/** `[q.]col` exactly, or null. */
function plainColumn(items: Item[]): { qualifier: string | null; col: string } | null {
  if (items.length === 1 && isName(items[0])) return { qualifier: null, col: items[0].value! };
  if (items.length === 3 && isName(items[0]) && isOp(items[1], '.') && isName(items[2]))
    return { qualifier: items[0].value, col: items[2].value! };
  return null;
}

/** What one select item produces; null when it cannot be told. */
function selectItem(items: Item[]): Produced | null {
  if (items.length === 1 && isOp(items[0], '*')) return { star: null };
  if (items.length === 3 && isName(items[0]) && isOp(items[1], '.') && isOp(items[2], '*')) return { star: items[0].value };
  const col = plainColumn(items);
  if (col) return { name: col.col, from: col };
  const last = items[items.length - 1];
  const asAlias = items.length >= 3 && isWord(items[items.length - 2], 'as') && isName(last);
  const bareAlias = items.length >= 2 && isName(last) && (last.kind === 'quoted' || !last.keyword);
  if (asAlias || bareAlias) {
    const expr = items.slice(0, asAlias ? -2 : -1);
    return { name: last.value!, from: plainColumn(expr) };
  }
  // An unnamed expression is named after its text: only a bracket could be named like a column.
  if (items.some((i) => isOp(i, '*'))) return null;
  return items.length === 1 && isGroup(items[0]) ? null : { name: '', from: null };
}

/** The select list (split on commas) and the GROUP BY items of a block; null when not a plain block. */
function clauses(items: Item[]): { select: Item[][]; groupBy: Item[] | null } | null {
  const start = items.findIndex((i) => isWord(i, 'select'));
  const select: Item[][] = [];
  if (start < 0) select.push([{ kind: 'op', text: '*', value: null, keyword: false, start: 0, end: 0 }]);
  else {
    let j = start + 1;
    if (isWord(items[j], 'distinct')) {
      if (isWord(items[j + 1], 'on')) return null;
      j++;
    } else if (isWord(items[j], 'all')) j++;
    let cur: Item[] = [];
    for (; j < items.length && !(isWord(items[j]) && SELECT_END.has((items[j] as { value: string }).value)); j++) {
      if (isOp(items[j], ',')) {
        select.push(cur);
        cur = [];
      } else cur.push(items[j]);
    }
    if (cur.length) select.push(cur);
  }
  const g = items.findIndex((i, k) => isWord(i, 'group') && isWord(items[k + 1], 'by'));
  if (g < 0) return { select, groupBy: null };
  const end = items.findIndex((i, k) => k > g && isWord(i, 'having', 'order'));
  return { select, groupBy: items.slice(g + 2, end < 0 ? items.length : end) };
}

const sameColumn = (a: { qualifier: string | null; col: string }, b: { qualifier: string | null; col: string }) =>
  a.col === b.col && (a.qualifier === b.qualifier || a.qualifier === null || b.qualifier === null);

/** Is the column a grouping key (GROUP BY ALL keeps every plain column)? */
function grouped(groupBy: Item[] | null, from: { qualifier: string | null; col: string }): boolean {
  if (groupBy === null || (groupBy.length === 1 && isWord(groupBy[0], 'all'))) return true;
  const keys: Item[][] = [[]];
  for (const i of groupBy)
    if (isOp(i, ',')) keys.push([]);
    else keys[keys.length - 1].push(i);
  return keys.some((k) => {
    const c = plainColumn(k);
    return c !== null && sameColumn(c, from);
  });
}

/** The passthrough lookup of a block (the items of its bracket) over its level's sources; null: none. */
export function blockOutput(items: Item[], level: Level): ((col: string) => Passthrough | null) | null {
  if (level.unfiltered || blocked(items)) return null;
  const parts = clauses(items);
  if (!parts) return null;
  const produced = parts.select.map(selectItem);
  if (produced.some((p) => p === null)) return null;
  const byAlias = (q: string | null): Source | null => {
    if (q === null) return level.sources.length === 1 ? level.sources[0] : null;
    const found = level.sources.filter((s) => s.alias === q);
    return found.length === 1 ? found[0] : null;
  };
  return (col) => {
    const makers = produced.filter((p) => p && ('star' in p || p.name === col)) as Produced[];
    if (makers.length !== 1) return null;
    const m = makers[0];
    const from = 'star' in m ? { qualifier: m.star, col } : m.from;
    if (!from || !grouped(parts.groupBy, from)) return null;
    const source = byAlias(from.qualifier);
    return source ? { source, col: from.col } : null;
  };
}

/** The output names of a block's select list by position (a set operation's branch); '*' for a lone `*`. */
export function branchNames(items: Item[]): BranchNames {
  const parts = clauses(items);
  if (!parts) return null;
  const produced = parts.select.map(selectItem);
  const first = produced[0];
  if (produced.length === 1 && first && 'star' in first) return first.star === null ? '*' : null;
  return produced.every((p) => p !== null && !('star' in p)) ? produced.map((p) => (p as { name: string }).name) : null;
}
