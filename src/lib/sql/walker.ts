// The guard's walk through one statement (guard.ts decides what a statement is; this places every
// table and function): table positions (after FROM, JOIN, a comma of a FROM list, LATERAL, TABLE, a
// leading PIVOT, and the first item of a bracket opened there) and every function call; anything it
// cannot place is refused, never guessed. On the way it records, for partition pruning, each query
// level's relations, WHERE clause, joins' ON clauses, CTEs and their references (levels.ts).
import { isGroup, isName, isOp, isWord, type Item, type Token } from './tokens';
import { FROM_END, ON_END, PIVOTS, QUERY_START, SET_OPS, WHERE_END } from './keywords';
import {
  joinKind,
  newLevel,
  restricted,
  UNIT_VIEWS,
  VIEWS,
  type Cte,
  type Level,
  type OpenJoin,
  type Source,
  type UnitRef,
  type ViewName
} from './levels';
import { blockOutput } from './blocks';
import { setLevel, type Branch } from './sets';
import type { RefusalClass } from './guard';

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
/** Words that make a bracket opening with a bracket a query (a set operation or ORDER/LIMIT over it), not a join. */
const BRACKETED_QUERY = new Set([...SET_OPS, 'order', 'limit', 'offset', 'fetch']);

export class Refused extends Error {
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

type Mode = 'query' | 'table' | 'call';

type Scope = Map<string, Cte>;

/** The walk through one bracket: where it is and what the next item is. */
interface Frame {
  items: Item[];
  scope: Scope;
  mode: Mode;
  call: string | null;
  shared?: Level;
  level: Level;
  /** In a FROM list: a comma starts another table. */
  inFrom?: boolean;
  /** The next item is a table. */
  tablePos?: boolean;
  /** That table follows LATERAL. */
  lateral?: boolean;
  /** Items go into the level's WHERE clause. */
  inWhere?: boolean;
  /** Index in level.sources where the current comma-separated FROM item starts. */
  itemStart: number;
  /** The JOIN being read (its ON items collect until a word ends them). */
  join: OpenJoin | null;
  /** A set operation split the bracket into several levels. */
  split?: boolean;
  /** The branches read so far (their levels and item ranges), where the current one starts, BY NAME seen. */
  branches?: Branch[];
  branchStart?: number;
  byName?: boolean;
}

export class Walker {
  readonly refs: UnitRef[] = [];
  constructor(private denied: ReadonlySet<string>) {}

  /** Close a query level: its unit references are recorded. */
  private close(level: Level) {
    for (const r of level.sources) {
      if (r.kind !== 'unit') continue;
      r.unfiltered ||= level.unfiltered;
      this.refs.push(r);
    }
  }

  /** An ON clause ends: it restricts the relations of the join's non-preserved sides. */
  private endJoin(f: Frame) {
    const j = f.join;
    f.join = null;
    if (j?.on?.length) f.level.joins.push({ on: j.on, restricts: restricted(f.level, j) });
  }

  /** The ON items of the open join (false once a word ends them). */
  private onItem(f: Frame, item: Item, next: Item | undefined): boolean {
    if (!f.join?.on) return false;
    const ends = isOp(item, ',') || (isWord(item) && ON_END.has(item.value!) && !(isGroup(next) && next.open === '('));
    if (ends) this.endJoin(f);
    else if (isWord(item, 'on')) f.level.joinsUnclear = true;
    else f.join.on.push(item);
    return !ends;
  }

  /**
   * Walk the items of one bracket (or statement). `level` is shared with a bracket of a FROM list.
   * Returns the (last) level it walked.
   */
  frame(items: Item[], scope: Scope, mode: Mode, call: string | null, shared?: Level): Level {
    const level = shared ?? newLevel();
    const f: Frame = { items, scope: new Map(scope), mode, call, shared, level, itemStart: level.sources.length, join: null };
    f.inFrom = f.tablePos = mode === 'table';
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (f.tablePos) {
        f.tablePos = false;
        const next = this.table(items, i, f, !!f.lateral);
        f.lateral = false;
        if (next === 'lateral') {
          f.tablePos = f.lateral = true;
          continue;
        }
        if (next !== null) {
          i = next - 1;
          continue;
        }
      }
      this.onItem(f, item, items[i + 1]);
      if (f.inWhere && !(isWord(item) && WHERE_END.has(item.value!))) f.level.where!.push(item);
      if (isGroup(item)) {
        const prev = items[i - 1];
        const fn = isName(prev) ? prev.value : null;
        if (item.open === '(' && fn && !QUERY_START.has(fn)) this.frame(item.items, f.scope, 'call', fn);
        else this.frame(item.items, f.scope, 'query', null);
      } else if (isOp(item, ',')) {
        if (f.inFrom) {
          f.tablePos = true;
          f.itemStart = f.level.sources.length;
        }
      } else if (isName(item)) {
        const next = items[i + 1];
        if (isGroup(next) && next.open === '(' && deniedFunction(item.value!, this.denied))
          refuse(FILE_LIKE.test(item.value!) ? 'files' : 'function', item.text);
        if (item.kind === 'word') i = this.word(f, item, i);
      }
    }
    this.endJoin(f);
    if (shared) return f.level;
    this.close(f.level);
    if (mode !== 'query') return f.level;
    if (!f.split) {
      f.level.output = blockOutput(items, f.level);
      return f.level;
    }
    f.branches!.push({ level: f.level, start: f.branchStart ?? 0, end: items.length });
    return setLevel(items, f.branches!, !!f.byName);
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
        f.itemStart = f.level.sources.length;
      }
    } else if (w === 'join') {
      f.tablePos = f.inFrom = true;
      f.join = { kind: joinKind(f.items, i), itemStart: f.itemStart, rightStart: f.level.sources.length, on: null };
    } else if (w === 'on' && f.join && f.join.on === null) f.join.on = [];
    else if (w === 'table' || (i === 0 && PIVOTS.has(w))) f.tablePos = true;
    else if (['describe', 'summarize', 'show'].includes(w) && item.keyword) refuse('statement', item.text);
    else if (['positional', 'asof', 'tablesample', 'sample'].includes(w)) f.level.unfiltered = true;
    else if (w === 'where') {
      f.inFrom = false;
      f.inWhere = true;
      f.level.where = [];
    } else if (SET_OPS.has(w)) {
      f.inFrom = f.inWhere = false;
      f.split = true;
      if (!f.shared) {
        this.close(f.level);
        (f.branches ??= []).push({ level: f.level, start: f.branchStart ?? 0, end: i });
        const k = isWord(f.items[i + 1], 'all', 'distinct') ? i + 2 : i + 1;
        if (isWord(f.items[k], 'by') && isWord(f.items[k + 1], 'name')) f.byName = true;
        f.branchStart = i + 1;
        f.level = newLevel();
        f.itemStart = 0;
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
  private table(items: Item[], i: number, f: Frame, lateral: boolean): number | 'lateral' | null {
    const { scope, level } = f;
    const item = items[i];
    if (isGroup(item)) {
      // A subquery has a level of its own (also `((SELECT …) UNION (SELECT …) LIMIT n)`); a bracketed
      // join belongs to this FROM list.
      const first = item.items[0];
      const query = isWord(first) && (QUERY_START.has(first.value!) || PIVOTS.has(first.value!));
      if (query || (isGroup(first) && item.items.some((w) => isWord(w) && BRACKETED_QUERY.has(w.value!)))) {
        const body = this.frame(item.items, scope, 'query', null);
        const { alias, columns } = aliasAt(items, i + 1);
        const derived: Source = { kind: 'derived', alias, body: lateral || columns ? null : body, level };
        level.sources.push(derived);
        body.readers = () => [derived];
      } else this.frame(item.items, scope, 'table', null, level);
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
      level.sources.push({ kind: 'other', alias: aliasAt(items, i + 2).alias ?? name, level });
      return i + 2;
    }
    const cte = scope.get(name);
    if (cte) {
      const ref: Source = { kind: 'cte', alias: aliasAt(items, i + 1).alias ?? name, cte, level };
      cte.refs.push(ref);
      level.sources.push(ref);
      return i + 1;
    }
    if (!(VIEWS as readonly string[]).includes(name)) return refuse(/[./\\:]/.test(name) ? 'files' : 'table', item.text);
    const { alias, columns, next: j } = aliasAt(items, i + 1);
    if (!UNIT_VIEWS.includes(name as ViewName)) {
      level.sources.push({ kind: 'other', alias: alias ?? name, level });
      return i + 1;
    }
    const renamed = columns && alias !== null;
    level.sources.push({ kind: 'unit', view: name as ViewName, alias: alias ?? name, unfiltered: renamed, level });
    return renamed ? j + 1 : j;
  }

  /** A WITH list from index j: each body walked with the names defined before it in scope. Returns the index after it. */
  private ctes(items: Item[], j: number, scope: Scope): number {
    const recursive = isWord(items[j], 'recursive');
    if (recursive) j++;
    for (;;) {
      const name = items[j];
      if (!isName(name)) return refuse('syntax', 'WITH');
      j++;
      const columns = isGroup(items[j]);
      if (columns) j++;
      if (!isWord(items[j], 'as')) return refuse('syntax', `WITH ${name.text}`);
      j++;
      if (isWord(items[j], 'not')) j++;
      if (isWord(items[j], 'materialized')) j++;
      const body = items[j];
      if (!isGroup(body) || body.open !== '(') return refuse('syntax', `WITH ${name.text}`);
      const cte: Cte = { name: name.value!, body: null, refs: [] };
      const inner = new Map(scope);
      if (recursive) inner.set(cte.name, cte);
      const level = this.frame(body.items, inner, 'query', null);
      // A recursive CTE reads itself, and a column list renames: neither body is traced.
      if (!recursive && !columns) {
        cte.body = level;
        level.readers = () => cte.refs;
      }
      scope.set(cte.name, cte);
      j++;
      if (!isOp(items[j], ',')) return j;
      j++;
    }
  }
}

/** An alias after a relation at items[j]: `AS name`, or a name that is not a keyword; and a column list after it. */
function aliasAt(items: Item[], j: number): { alias: string | null; columns: boolean; next: number } {
  let alias: string | null = null;
  if (isWord(items[j], 'as') && isName(items[j + 1])) {
    alias = (items[j + 1] as Token).value!;
    j += 2;
  } else if (items[j]?.kind === 'quoted' || (isName(items[j]) && !(items[j] as Token).keyword)) {
    alias = (items[j] as Token).value!;
    j += 1;
  }
  return { alias, columns: alias !== null && isGroup(items[j]), next: j };
}

/** `a IS [NOT] DISTINCT FROM b`: that FROM is a comparison. */
function isDistinctFrom(items: Item[], i: number): boolean {
  if (!isWord(items[i - 1], 'distinct')) return false;
  return isWord(items[i - 2], 'is') || (isWord(items[i - 2], 'not') && isWord(items[i - 3], 'is'));
}
