// Which unit partitions (units/YEAR/PP.parquet) a console query needs, from the WHERE conjuncts the
// guard recorded for each reference to `units` or `unit_values`. Only conjuncts that certainly
// remove every row of a partition prune it: `year = 2025`, `year IN (…)`, `year BETWEEN a AND b`,
// `year >= a`…, `province = '44'`, `code LIKE '44%'`, `starts_with(district, '4403')`, `city IN (…)`.
// Anything else (OR at the top, NOT, expressions, casts) leaves the reference needing every partition;
// DuckDB still applies every filter itself, so pruning can only save loading, never change a result.
import { isGroup, isName, isOp, isWord, type Item, type Token } from './tokens';
import { splitConjuncts, type UnitRef } from './guard';

const CODE_COLUMNS = new Set(['province', 'city', 'district', 'street', 'code']);

/** One usable conjunct: a test on a year, or on a two-digit province code. */
interface Test {
  qualifier: string | null;
  on: 'year' | 'province';
  keep: (v: number | string) => boolean;
}

type Const = number | string;

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
    return isName(b) ? { col: b.value!, qualifier: a.value, next: j + 3 } : null;
  }
  return { col: a.value!, qualifier: null, next: j + 1 };
}

const FLIP: Record<string, string> = { '=': '=', '==': '=', '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

/** A province code p (two digits) can hold a value of `col` equal to v. */
function provinceEquals(col: string, v: Const): ((p: Const) => boolean) | null {
  if (typeof v !== 'string') return null;
  return col === 'province' ? (p) => p === v : (p) => v.startsWith(String(p));
}

/** A province code p can hold a value of `col` starting with s. */
function provincePrefix(col: string, s: string): (p: Const) => boolean {
  return col === 'province' ? (p) => String(p).startsWith(s) : (p) => String(p).startsWith(s) || s.startsWith(String(p));
}

function yearCompare(op: string, v: Const): ((y: Const) => boolean) | null {
  const n = typeof v === 'number' ? v : /^\d{4}$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) return null;
  if (op === '=') return (y) => y === n;
  if (op === '<') return (y) => Number(y) < n;
  if (op === '<=') return (y) => Number(y) <= n;
  if (op === '>') return (y) => Number(y) > n;
  if (op === '>=') return (y) => Number(y) >= n;
  return null;
}

/** LIKE pattern → prefix test, or equality when it has no wildcard; null for escapes. */
function likeTest(col: string, pattern: string): ((p: Const) => boolean) | null {
  if (pattern.includes('\\')) return null;
  const cut = pattern.search(/[%_]/);
  if (cut < 0) return provinceEquals(col, pattern);
  return provincePrefix(col, pattern.slice(0, cut));
}

function test(col: string, qualifier: string | null, keep: ((v: Const) => boolean) | null): Test[] | null {
  if (!keep) return null;
  return [{ qualifier, on: col === 'year' ? 'year' : 'province', keep }];
}

/** Tests from one conjunct (empty when it says nothing usable). */
function conjunctTests(items: Item[]): Test[] {
  if (items.length === 1 && isGroup(items[0]) && items[0].open === '(') {
    const inner = splitConjuncts(items[0].items);
    return inner ? inner.flatMap(conjunctTests) : [];
  }
  // starts_with(col, 'x') / prefix(col, 'x')
  if (items.length === 2 && isWord(items[0], 'starts_with', 'prefix') && isGroup(items[1])) {
    const args = items[1].items;
    const c = columnAt(args, 0);
    const s = constant(args[c ? c.next + 1 : -1]);
    if (c && CODE_COLUMNS.has(c.col) && isOp(args[c.next], ',') && typeof s === 'string' && args.length === c.next + 2)
      return test(c.col, c.qualifier, provincePrefix(c.col, s)) ?? [];
    return [];
  }
  return comparisonTests(items) ?? [];
}

function comparisonTests(items: Item[]): Test[] | null {
  let c = columnAt(items, 0);
  let op: string | null = null;
  let value: Const | null = null;
  if (c && c.col !== 'year' && !CODE_COLUMNS.has(c.col)) c = null;
  if (c) {
    const o = items[c.next];
    if (isWord(o, 'in') && isGroup(items[c.next + 1]) && items.length === c.next + 2) return inTests(c, items[c.next + 1]);
    if (isWord(o, 'between') && c.col === 'year' && items.length === c.next + 4 && isWord(items[c.next + 2], 'and')) {
      const lo = yearCompare('>=', constant(items[c.next + 1]) ?? NaN);
      const hi = yearCompare('<=', constant(items[c.next + 3]) ?? NaN);
      return lo && hi ? test('year', c.qualifier, (y) => lo(y) && hi(y)) : null;
    }
    if (isWord(o, 'like') && CODE_COLUMNS.has(c.col) && items.length === c.next + 2) {
      const p = constant(items[c.next + 1]);
      return typeof p === 'string' ? test(c.col, c.qualifier, likeTest(c.col, p)) : null;
    }
    if (o && !isGroup(o) && o.kind === 'op' && FLIP[o.text] && items.length === c.next + 2) {
      op = FLIP[o.text] === '=' ? '=' : o.text;
      value = constant(items[c.next + 1]);
    }
  } else {
    // constant op column
    value = constant(items[0]);
    const o = items[1] as Token | undefined;
    c = columnAt(items, 2);
    if (value === null || !c || !o || o.kind !== 'op' || !FLIP[o.text] || items.length !== c.next) return null;
    if (c.col !== 'year' && !CODE_COLUMNS.has(c.col)) return null;
    op = FLIP[o.text];
  }
  if (!c || op === null || value === null) return null;
  if (c.col === 'year') return test('year', c.qualifier, yearCompare(op, value));
  return op === '=' ? test(c.col, c.qualifier, provinceEquals(c.col, value)) : null;
}

function inTests(c: { col: string; qualifier: string | null }, list: Item): Test[] | null {
  if (!isGroup(list)) return null;
  const values: Const[] = [];
  for (let k = 0; k < list.items.length; k += 2) {
    const v = constant(list.items[k]);
    if (v === null || (k + 1 < list.items.length && !isOp(list.items[k + 1], ','))) return null;
    values.push(v);
  }
  const keeps = values.map((v) => (c.col === 'year' ? yearCompare('=', v) : provinceEquals(c.col, v)));
  if (keeps.some((k) => k === null)) return null;
  return test(c.col, c.qualifier, (x) => keeps.some((k) => k!(x)));
}

/** A (year, province) unit partition. */
export interface Partition {
  year: number;
  province: string;
}

/** Partitions one reference can read rows from. */
export function refPartitions(ref: UnitRef, years: number[], provinces: string[]): Partition[] {
  const tests = ref.unfiltered || !ref.where ? [] : ref.where.flatMap(conjunctTests);
  const mine = tests.filter((t) => t.qualifier === null || t.qualifier === ref.alias);
  const ys = years.filter((y) => mine.every((t) => t.on !== 'year' || t.keep(y)));
  const ps = provinces.filter((p) => mine.every((t) => t.on !== 'province' || t.keep(p)));
  return ys.flatMap((year) => ps.map((province) => ({ year, province })));
}

/** Every partition a query needs: the union over its references to unit views. */
export function queryPartitions(refs: UnitRef[], years: number[], provinces: string[]): Partition[] {
  const seen = new Map<string, Partition>();
  for (const r of refs) for (const p of refPartitions(r, years, provinces)) seen.set(`${p.year}/${p.province}`, p);
  return [...seen.values()].sort((a, b) => a.year - b.year || a.province.localeCompare(b.province));
}
