// The SQL console's read-only guard: one SELECT over the documented views, or a refusal naming its
// class, decided before anything runs. It walks DuckDB's own tokens (tokens.ts) grouped by brackets:
// the statement's first word, every table position (after FROM, JOIN, a comma of a FROM list,
// LATERAL, TABLE, a leading PIVOT, and the first item of a bracket opened there) and every function
// call. Anything it cannot place is refused, never guessed. It also records, per reference to a unit
// view, the WHERE conjuncts of its query level (filters.ts turns them into partitions).
import {
  groupTokens,
  isGroup,
  isName,
  isOp,
  isWord,
  toTokens,
  TokenError,
  type Item,
  type ScriptTokens,
  type Token
} from './tokens';

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
export const VIEWS = ['units', 'unit_values', 'regions', 'indicators'] as const;
export type ViewName = (typeof VIEWS)[number];
export const UNIT_VIEWS: readonly ViewName[] = ['units', 'unit_values'];

/** One reference to a unit view, with what its query level's WHERE clause says about it. */
export interface UnitRef {
  view: ViewName;
  /** The name columns are qualified with: its alias, else the view's name. */
  alias: string;
  /** The WHERE clause cannot be used for this reference (sampling, positional/ASOF join, renamed columns). */
  unfiltered: boolean;
  /** The top-level AND conjuncts of its level's WHERE clause (null: none usable). */
  where: Item[][] | null;
}

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
const QUERY_START = new Set(['select', 'with', 'from', 'values']);

/** Table functions that only generate values (no files, no catalogue). */
const TABLE_FUNCTIONS_ALLOWED = new Set(['range', 'generate_series', 'unnest']);
/** Functions refused anywhere: they read files or URLs, run SQL, read the catalogue or change state. */
const DENIED_FUNCTIONS = new Set([
  'glob',
  'query',
  'query_table',
  'summary',
  'repeat_row',
  'checkpoint',
  'force_checkpoint',
  'import_database',
  'test_all_types',
  'test_vector_types',
  'nextval',
  'currval',
  'setseed',
  'getenv',
  'json_serialize_sql',
  'json_deserialize_sql'
]);
const DENIED_PREFIX =
  /^(read_|parquet_|sniff_|pragma_|duckdb_|sqlite_|postgres_|mysql_|iceberg_|delta_|json_execute|arrow_|enable_|disable_)/;
const FILE_LIKE = /read_|parquet|glob|scan|sniff|csv|json|sqlite|postgres|mysql|iceberg|delta|arrow|import/;
/** Calls whose parentheses hold FROM that is not a table (EXTRACT(year FROM d), TRIM(x FROM y)…). */
const FROM_IS_NOT_A_TABLE = new Set(['extract', 'substring', 'trim', 'overlay', 'position']);
/** Reserved words that end a FROM list at its own level. */
const FROM_END = new Set(['where', 'group', 'having', 'qualify', 'window', 'order', 'limit', 'offset', 'fetch', 'select']);
const PIVOTS = ['pivot', 'unpivot', 'pivot_wider', 'pivot_longer'];
const SET_OPS = new Set(['union', 'except', 'intersect']);
const WHERE_END = new Set([
  'group',
  'having',
  'qualify',
  'window',
  'order',
  'limit',
  'offset',
  'fetch',
  'union',
  'except',
  'intersect',
  'select'
]);

class Refused extends Error {
  constructor(
    readonly cls: RefusalClass,
    readonly detail: string
  ) {
    super(`${cls}: ${detail}`);
  }
}
const refuse = (cls: RefusalClass, detail: string): never => {
  throw new Refused(cls, detail);
};

/** Is a function of this name refused? `deniedTableFunctions` comes from the engine (table-only functions). */
function deniedFunction(name: string, deniedTableFunctions: ReadonlySet<string>): boolean {
  if (TABLE_FUNCTIONS_ALLOWED.has(name)) return false;
  return DENIED_FUNCTIONS.has(name) || DENIED_PREFIX.test(name) || /_scan$/.test(name) || deniedTableFunctions.has(name);
}

interface Level {
  refs: UnitRef[];
  where: Item[] | null;
  unfiltered: boolean;
}
const newLevel = (): Level => ({ refs: [], where: null, unfiltered: false });

type Mode = 'query' | 'table' | 'call';

/** The walk through one bracket: where it is and what the next item is. */
interface Frame {
  items: Item[];
  scope: Set<string>;
  mode: Mode;
  call: string | null;
  shared?: Level;
  level: Level;
  /** In a FROM list: a comma starts another table. */
  inFrom?: boolean;
  /** The next item is a table. */
  tablePos?: boolean;
  /** Items go into the level's WHERE clause. */
  inWhere?: boolean;
}

class Walker {
  readonly refs: UnitRef[] = [];
  constructor(private denied: ReadonlySet<string>) {}

  /** Close a query level: its WHERE conjuncts go to its unit references. */
  private close(level: Level) {
    const conjuncts = level.where ? splitConjuncts(level.where) : null;
    for (const r of level.refs) {
      r.unfiltered ||= level.unfiltered;
      r.where = r.unfiltered ? null : conjuncts;
      this.refs.push(r);
    }
    level.refs = [];
  }

  /** Walk the items of one bracket (or statement). `level` is shared with a bracket of a FROM list. */
  frame(items: Item[], scope: Set<string>, mode: Mode, call: string | null, shared?: Level): void {
    const f: Frame = { items, scope: new Set(scope), mode, call, shared, level: shared ?? newLevel() };
    f.inFrom = f.tablePos = mode === 'table';
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (f.tablePos) {
        f.tablePos = false;
        const next = this.table(items, i, f.scope, f.level);
        if (next === 'lateral') {
          f.tablePos = true;
          continue;
        }
        if (next !== null) {
          i = next - 1;
          continue;
        }
      }
      if (f.inWhere && !(isWord(item) && WHERE_END.has(item.value!))) f.level.where!.push(item);
      if (isGroup(item)) {
        const prev = items[i - 1];
        const fn = isName(prev) ? prev.value : null;
        if (item.open === '(' && fn && !QUERY_START.has(fn)) this.frame(item.items, f.scope, 'call', fn);
        else this.frame(item.items, f.scope, 'query', null);
      } else if (isOp(item, ',')) {
        if (f.inFrom) f.tablePos = true;
      } else if (isName(item)) {
        const next = items[i + 1];
        if (isGroup(next) && next.open === '(' && deniedFunction(item.value!, this.denied))
          refuse(FILE_LIKE.test(item.value!) ? 'files' : 'function', item.text);
        if (item.kind === 'word') i = this.word(f, item, i);
      }
    }
    if (!shared) this.close(f.level);
  }

  /** A word of a frame that changes what follows it; returns the index to continue from. */
  private word(f: Frame, item: Token, i: number): number {
    const w = item.value!;
    if (w === 'with') return this.ctes(f.items, i + 1, f.scope) - 1;
    if (w === 'from') {
      const notTable = (f.mode === 'call' && f.call !== null && FROM_IS_NOT_A_TABLE.has(f.call)) || isDistinctFrom(f.items, i);
      if (!notTable) {
        f.tablePos = f.inFrom = true;
        f.inWhere = false;
      }
    } else if (w === 'join') f.tablePos = f.inFrom = true;
    else if (w === 'table' || (i === 0 && PIVOTS.includes(w))) f.tablePos = true;
    else if (['describe', 'summarize', 'show'].includes(w) && item.keyword) refuse('statement', item.text);
    else if (['positional', 'asof', 'tablesample', 'sample'].includes(w)) f.level.unfiltered = true;
    else if (w === 'where') {
      f.inFrom = false;
      f.inWhere = true;
      f.level.where = [];
    } else if (SET_OPS.has(w)) {
      f.inFrom = f.inWhere = false;
      if (!f.shared) {
        this.close(f.level);
        f.level = newLevel();
      }
    } else if (FROM_END.has(w) || WHERE_END.has(w)) {
      f.inFrom = false;
      if (WHERE_END.has(w)) f.inWhere = false;
    }
    return i;
  }

  /**
   * The item at a table position. Returns the index to continue from, 'lateral' (the next item is the
   * table), or null when it is a query keyword to be walked as usual.
   */
  private table(items: Item[], i: number, scope: Set<string>, level: Level): number | 'lateral' | null {
    const item = items[i];
    if (isGroup(item)) {
      // A subquery has a level of its own; a bracketed join belongs to this FROM list.
      const first = item.items[0];
      if (isWord(first) && (QUERY_START.has(first.value!) || PIVOTS.includes(first.value!)))
        this.frame(item.items, scope, 'query', null);
      else this.frame(item.items, scope, 'table', null, level);
      return i + 1;
    }
    if (isWord(item, 'lateral')) return 'lateral';
    if (isWord(item) && QUERY_START.has(item.value!)) return null;
    if (item.kind === 'string') return refuse('files', item.text);
    if (!isName(item)) return null;
    const name = item.value!;
    const next = items[i + 1];
    if (isOp(next, '.')) return refuse('table', `${item.text}.${(items[i + 2] as Token | undefined)?.text ?? ''}`);
    if (isGroup(next) && next.open === '(') {
      if (!TABLE_FUNCTIONS_ALLOWED.has(name)) return refuse(FILE_LIKE.test(name) ? 'files' : 'function', item.text);
      this.frame(next.items, scope, 'call', name);
      return i + 2;
    }
    if (scope.has(name)) return i + 1;
    if (!(VIEWS as readonly string[]).includes(name)) return refuse(/[./\\:]/.test(name) ? 'files' : 'table', item.text);
    if (!UNIT_VIEWS.includes(name as ViewName)) return i + 1;
    let j = i + 1;
    let alias = name;
    if (isWord(items[j], 'as') && isName(items[j + 1])) {
      alias = (items[j + 1] as Token).value!;
      j += 2;
    } else if (items[j]?.kind === 'quoted' || (isName(items[j]) && !(items[j] as Token).keyword)) {
      alias = (items[j] as Token).value!;
      j += 1;
    }
    const renamed = isGroup(items[j]) && alias !== name;
    level.refs.push({ view: name as ViewName, alias, unfiltered: renamed, where: null });
    return renamed ? j + 1 : j;
  }

  /** A WITH list from index j: each body walked with the names defined before it in scope. Returns the index after it. */
  private ctes(items: Item[], j: number, scope: Set<string>): number {
    const recursive = isWord(items[j], 'recursive');
    if (recursive) j++;
    for (;;) {
      const name = items[j];
      if (!isName(name)) return refuse('syntax', 'WITH');
      j++;
      if (isGroup(items[j])) j++;
      if (!isWord(items[j], 'as')) return refuse('syntax', `WITH ${name.text}`);
      j++;
      if (isWord(items[j], 'not')) j++;
      if (isWord(items[j], 'materialized')) j++;
      const body = items[j];
      if (!isGroup(body) || body.open !== '(') return refuse('syntax', `WITH ${name.text}`);
      const inner = new Set(scope);
      if (recursive) inner.add(name.value!);
      this.frame(body.items, inner, 'query', null);
      scope.add(name.value!);
      j++;
      if (!isOp(items[j], ',')) return j;
      j++;
    }
  }
}

/** `a IS [NOT] DISTINCT FROM b`: that FROM is a comparison. */
function isDistinctFrom(items: Item[], i: number): boolean {
  if (!isWord(items[i - 1], 'distinct')) return false;
  return isWord(items[i - 2], 'is') || (isWord(items[i - 2], 'not') && isWord(items[i - 3], 'is'));
}

/** Top-level AND conjuncts of a WHERE clause; null when it is not a plain conjunction (an OR at the top). */
export function splitConjuncts(items: Item[]): Item[][] | null {
  const out: Item[][] = [[]];
  let between = false;
  let caseDepth = 0;
  for (const it of items) {
    if (isWord(it, 'case')) caseDepth++;
    else if (isWord(it, 'end') && caseDepth > 0) caseDepth--;
    if (caseDepth === 0 && isWord(it, 'or')) return null;
    if (isWord(it, 'between')) between = true;
    if (caseDepth === 0 && isWord(it, 'and')) {
      if (between) between = false;
      else {
        out.push([]);
        continue;
      }
    }
    out[out.length - 1].push(it);
  }
  return out.filter((c) => c.length > 0);
}

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
    walker.frame(nonEmpty[0], new Set(), 'query', null);
    const last = tokens.filter((t) => !(t.kind === 'op' && t.text === ';')).at(-1)!;
    return { ok: true, statement: text.slice(0, last.end), refs: walker.refs };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, class: e.cls, detail: e.detail };
    if (e instanceof TokenError) return { ok: false, class: 'syntax', detail: e.message };
    throw e;
  }
}
