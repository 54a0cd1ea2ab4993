// A WHERE or ON condition read as alternatives of tests (an OR of ANDs: a row that passes the condition
// passes every test of at least one alternative). One test is a conjunct read as a test on one column against constants — `year = 2025`,
// `d.year IN (…)`, `year BETWEEN a AND b`, `2025 <= year`, `code LIKE '44%'`, `starts_with(district,
// '4403')` — whatever the column is called (a CTE may rename it). What the test means for a partition is
// decided once the column is traced to a unit view's own column (filters.ts): `year`, or a code column
// whose first two digits are the province. Every such test is false on NULL, which is what makes
// pruning sound through outer joins. Anything else is not an atom (and prunes nothing): NOT, IS,
// expressions, subqueries. A bracketed condition is read the same way, OR and AND inside it too.
import { isGroup, isName, isOp, isWord, type Item, type Token } from './tokens';
import { QUERY_START, SET_OPS } from './keywords';

type Const = number | string;

export type Pred =
  | { kind: 'cmp'; op: '=' | '<' | '<=' | '>' | '>='; value: Const }
  | { kind: 'in'; values: Const[] }
  | { kind: 'like'; pattern: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'between'; lo: Const; hi: Const };

/** A test on `[qualifier.]col`. */
export interface Atom {
  qualifier: string | null;
  col: string;
  pred: Pred;
}

const CODE_COLUMNS = new Set(['province', 'city', 'district', 'street', 'code']);

function constant(i: Item | undefined): Const | null {
  if (!i || isGroup(i)) return null;
  if (i.kind === 'number' && /^\d+(\.\d+)?$/.test(i.text)) return Number(i.text);
  if (i.kind === 'string' && i.value !== null) return i.value;
  return null;
}

/** [qualifier .] column at items[j]: the column, its qualifier and the index after it. */
function columnAt(items: Item[], j: number): { col: string; qualifier: string | null; next: number } | null {
  const a = items[j];
  if (!isName(a)) return null;
  if (isOp(items[j + 1], '.')) {
    const b = items[j + 2];
    return isName(b) && !isOp(items[j + 3], '.') ? { col: b.value!, qualifier: a.value, next: j + 3 } : null;
  }
  return { col: a.value!, qualifier: null, next: j + 1 };
}

const FLIP: Record<string, '=' | '<' | '<=' | '>' | '>='> = { '=': '=', '==': '=', '<': '>', '>': '<', '<=': '>=', '>=': '<=' };
const SAME: Record<string, '=' | '<' | '<=' | '>' | '>='> = { '=': '=', '==': '=', '<': '<', '>': '>', '<=': '<=', '>=': '>=' };

function inList(list: Item | undefined): Const[] | null {
  if (!isGroup(list) || list.open !== '(') return null;
  const values: Const[] = [];
  for (let k = 0; k < list.items.length; k += 2) {
    const v = constant(list.items[k]);
    if (v === null || (k + 1 < list.items.length && !isOp(list.items[k + 1], ','))) return null;
    values.push(v);
  }
  return values.length ? values : null;
}

/** `col op const`, `col IN (…)`, `col BETWEEN a AND b`, `col LIKE 'p'`, or `const op col`. */
function comparison(items: Item[]): Atom | null {
  const c = columnAt(items, 0);
  if (c && !isWord(items[0], 'not', 'case', 'exists')) {
    const o = items[c.next];
    const at = (pred: Pred, length: number): Atom | null =>
      items.length === length ? { qualifier: c.qualifier, col: c.col, pred } : null;
    if (isWord(o, 'in')) {
      const values = inList(items[c.next + 1]);
      return values ? at({ kind: 'in', values }, c.next + 2) : null;
    }
    if (isWord(o, 'between') && isWord(items[c.next + 2], 'and')) {
      const lo = constant(items[c.next + 1]);
      const hi = constant(items[c.next + 3]);
      return lo !== null && hi !== null ? at({ kind: 'between', lo, hi }, c.next + 4) : null;
    }
    if (isWord(o, 'like')) {
      const p = constant(items[c.next + 1]);
      return typeof p === 'string' ? at({ kind: 'like', pattern: p }, c.next + 2) : null;
    }
    if (o && !isGroup(o) && o.kind === 'op' && SAME[o.text]) {
      const v = constant(items[c.next + 1]);
      return v !== null ? at({ kind: 'cmp', op: SAME[o.text], value: v }, c.next + 2) : null;
    }
    return null;
  }
  const value = constant(items[0]);
  const o = items[1] as Token | undefined;
  const d = columnAt(items, 2);
  if (value === null || !d || !o || o.kind !== 'op' || !FLIP[o.text] || items.length !== d.next) return null;
  return { qualifier: d.qualifier, col: d.col, pred: { kind: 'cmp', op: FLIP[o.text], value } };
}

/** Items split at a top-level AND or OR (not inside CASE … END; the AND of BETWEEN … AND … is not a split). */
export function splitTop(items: Item[], word: 'and' | 'or'): Item[][] {
  const out: Item[][] = [[]];
  let between = false;
  let caseDepth = 0;
  for (const it of items) {
    if (isWord(it, 'case')) caseDepth++;
    else if (isWord(it, 'end') && caseDepth > 0) caseDepth--;
    if (isWord(it, 'between')) between = true;
    if (caseDepth === 0 && isWord(it, word)) {
      if (word === 'and' && between) between = false;
      else {
        out.push([]);
        continue;
      }
    }
    out[out.length - 1].push(it);
  }
  return out;
}

/** Top-level AND conjuncts of a condition; null when it is not a plain conjunction (an OR at the top). */
export function splitConjuncts(items: Item[]): Item[][] | null {
  if (splitTop(items, 'or').length > 1) return null;
  return splitTop(items, 'and').filter((c) => c.length > 0);
}

/** Alternatives: a row passing the condition passes every atom of one of them ([[]]: nothing known). */
export type Alternatives = Atom[][];

/** More alternatives than this are not worth the work: the cross product is dropped (knowing less is safe). */
const MAX_ALTERNATIVES = 64;

/** Both conditions: every pair of alternatives (or, when too many, the first alone: a weaker need). */
export function both(a: Alternatives, b: Alternatives): Alternatives {
  if (a.length * b.length > MAX_ALTERNATIVES) return a;
  return a.flatMap((x) => b.map((y) => [...x, ...y]));
}

/** Words that make a bracket something other than a condition (a subquery, a row). */
const NOT_A_CONDITION = [...QUERY_START, ...SET_OPS, 'table'];

/** The alternatives of one conjunct: a bracketed condition, a prefix test, a comparison, or nothing known. */
function conjunctAlternatives(items: Item[], depth: number): Alternatives {
  const g = items[0];
  if (items.length === 1 && isGroup(g) && g.open === '(') {
    const condition = depth < 8 && g.items.length > 0 && !g.items.some((i) => isOp(i, ',') || isWord(i, ...NOT_A_CONDITION));
    return condition ? alternatives(g.items, depth + 1) : [[]];
  }
  if (items.length === 2 && isWord(items[0], 'starts_with', 'prefix') && isGroup(items[1]) && items[1].open === '(') {
    const args = items[1].items;
    const c = columnAt(args, 0);
    const s = c ? constant(args[c.next + 1]) : null;
    if (c && isOp(args[c.next], ',') && typeof s === 'string' && args.length === c.next + 2)
      return [[{ qualifier: c.qualifier, col: c.col, pred: { kind: 'prefix', prefix: s } }]];
    return [[]];
  }
  const a = comparison(items);
  return a ? [[a]] : [[]];
}

/** A condition (WHERE or ON items) as alternatives of atoms: OR at any depth of brackets, AND within. */
export function alternatives(items: Item[], depth = 0): Alternatives {
  const out: Alternatives = [];
  for (const d of splitTop(items, 'or')) {
    let alts: Alternatives = [[]];
    for (const c of splitTop(d, 'and')) if (c.length) alts = both(alts, conjunctAlternatives(c, depth));
    out.push(...alts);
    if (out.length > MAX_ALTERNATIVES) return [[]];
  }
  return out;
}

/** The atoms of each alternative that `keep` accepts; [[]] when some alternative keeps none (it restricts nothing). */
export function restrictTo(alts: Alternatives, keep: (a: Atom) => boolean): Alternatives {
  const kept = alts.map((alt) => alt.filter(keep));
  return kept.some((alt) => alt.length === 0) ? [[]] : kept;
}

function yearNumber(v: Const): number | null {
  const n = typeof v === 'number' ? v : /^\d{4}$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

function yearKeep(pred: Pred): ((y: number) => boolean) | null {
  if (pred.kind === 'cmp') {
    const n = yearNumber(pred.value);
    if (n === null) return null;
    const op = pred.op;
    return (y) => (op === '=' ? y === n : op === '<' ? y < n : op === '<=' ? y <= n : op === '>' ? y > n : y >= n);
  }
  if (pred.kind === 'in') {
    const ns = pred.values.map(yearNumber);
    return ns.some((n) => n === null) ? null : (y) => ns.includes(y);
  }
  if (pred.kind === 'between') {
    const lo = yearNumber(pred.lo);
    const hi = yearNumber(pred.hi);
    return lo === null || hi === null ? null : (y) => y >= lo && y <= hi;
  }
  return null;
}

/** A province p can hold a value of code column `col` equal to v / starting with s. */
const canEqual = (col: string, v: string) => (p: string) => (col === 'province' ? p === v : v.startsWith(p));
const canStart = (col: string, s: string) => (p: string) => p.startsWith(s) || (col !== 'province' && s.startsWith(p));

function provinceKeep(col: string, pred: Pred): ((p: string) => boolean) | null {
  if (pred.kind === 'cmp') return pred.op === '=' && typeof pred.value === 'string' ? canEqual(col, pred.value) : null;
  if (pred.kind === 'in') {
    if (pred.values.some((v) => typeof v !== 'string')) return null;
    const keeps = pred.values.map((v) => canEqual(col, v as string));
    return (p) => keeps.some((k) => k(p));
  }
  if (pred.kind === 'prefix') return canStart(col, pred.prefix);
  if (pred.kind === 'like') {
    if (pred.pattern.includes('\\')) return null;
    const cut = pred.pattern.search(/[%_]/);
    return cut < 0 ? canEqual(col, pred.pattern) : canStart(col, pred.pattern.slice(0, cut));
  }
  return null;
}

/** What an atom on unit column `col` says about partitions: a year test or a province test, or nothing. */
export type Test = { on: 'year'; keep: (y: number) => boolean } | { on: 'province'; keep: (p: string) => boolean };

export function atomTest(col: string, pred: Pred): Test | null {
  if (col === 'year') {
    const keep = yearKeep(pred);
    return keep ? { on: 'year', keep } : null;
  }
  if (!CODE_COLUMNS.has(col)) return null;
  const keep = provinceKeep(col, pred);
  return keep ? { on: 'province', keep } : null;
}
