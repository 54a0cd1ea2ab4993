// The SQL console's read-only guard: one SELECT over the documented views, or a refusal naming its
// class, decided before anything runs, on DuckDB's own tokens (tokens.ts) grouped by brackets: the
// statement's first word here, then every table position and function call (walker.ts). Anything it
// cannot place is refused, never guessed. The walk also records each query level's relations and
// filters (levels.ts), which filters.ts turns into the partitions a query needs.
import { groupTokens, isGroup, isOp, isWord, toTokens, TokenError, type Item, type ScriptTokens } from './tokens';
import type { UnitRef, ViewName } from './levels';
import { Refused, Walker } from './walker';
import { QUERY_START } from './keywords';
import { splitConjuncts } from './atoms';

export { splitConjuncts };

/** Why a statement is refused; each class has its own message on the page. */
export type RefusalClass =
  | 'empty'
  | 'syntax'
  | 'multiple'
  | 'write'
  | 'schema'
  | 'attach'
  | 'copy'
  | 'export'
  | 'extension'
  | 'setting'
  | 'call'
  | 'statement'
  | 'files'
  | 'table'
  | 'function';

export interface Refusal {
  ok: false;
  class: RefusalClass;
  /** What was refused, as written (a keyword, a function or table name). */
  detail: string;
}

/** The views a console query may read. */
export { VIEWS, UNIT_VIEWS } from './levels';
export type { ViewName, UnitRef };

export interface Accepted {
  ok: true;
  /** The statement's text without a trailing semicolon (safe to wrap in COPY (…)). */
  statement: string;
  refs: UnitRef[];
}

export type Verdict = Accepted | Refusal;

const FIRST_WORD: Record<string, RefusalClass> = {
  insert: 'write',
  update: 'write',
  delete: 'write',
  merge: 'write',
  truncate: 'write',
  upsert: 'write',
  create: 'schema',
  drop: 'schema',
  alter: 'schema',
  comment: 'schema',
  attach: 'attach',
  detach: 'attach',
  use: 'attach',
  copy: 'copy',
  export: 'export',
  import: 'export',
  install: 'extension',
  load: 'extension',
  force: 'extension',
  set: 'setting',
  reset: 'setting',
  pragma: 'setting',
  call: 'call'
};
/** The class of a statement that does not start like a query. */
function firstWordClass(first: Item): RefusalClass | null {
  if (isGroup(first) && first.open === '(') return null;
  if (isWord(first) && QUERY_START.has(first.value!)) return null;
  if (isWord(first) && FIRST_WORD[first.value!]) return FIRST_WORD[first.value!];
  return 'statement';
}

const textOf = (i: Item): string => (isGroup(i) ? i.open : i.text);

/**
 * Check a console query. `raw` is DuckDB's tokenisation of `text`; `deniedTableFunctions` the
 * engine's table-only functions (the built-in list covers DuckDB 0.9.1 when it is empty).
 */
export function checkQuery(text: string, raw: ScriptTokens, deniedTableFunctions: ReadonlySet<string> = new Set()): Verdict {
  try {
    const tokens = toTokens(text, raw);
    const items = groupTokens(tokens);
    const statements: Item[][] = [[]];
    for (const it of items) {
      if (isOp(it, ';')) statements.push([]);
      else statements[statements.length - 1].push(it);
    }
    const nonEmpty = statements.filter((s) => s.length > 0);
    if (nonEmpty.length === 0) return { ok: false, class: 'empty', detail: '' };
    const classes = nonEmpty.map((s) => firstWordClass(s[0]));
    const bad = classes.findIndex((c) => c !== null);
    if (nonEmpty.length > 1) return { ok: false, class: 'multiple', detail: `${nonEmpty.length}` };
    if (bad >= 0) return { ok: false, class: classes[bad]!, detail: textOf(nonEmpty[bad][0]) };
    const walker = new Walker(deniedTableFunctions);
    walker.frame(nonEmpty[0], new Map(), 'query', null);
    const last = tokens.filter((t) => !(t.kind === 'op' && t.text === ';')).at(-1)!;
    return { ok: true, statement: text.slice(0, last.end), refs: walker.refs };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, class: e.cls, detail: e.detail };
    if (e instanceof TokenError) return { ok: false, class: 'syntax', detail: e.message };
    throw e;
  }
}
