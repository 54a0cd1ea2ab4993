// The one query layer: typed queries (SQL built with `sql`, plus the snapshot files it reads) in,
// plain rows out. Queries run one at a time on DuckDB-WASM's single connection, in order; one whose
// AbortSignal fired before its turn is dropped without running. Results are cached by (files, SQL).
// Components never see DuckDB.
import { ensureFiles, registerFiles } from './snapshots';
import { firstPaint } from '../firstpaint';
import { trusted } from './sql';
import { inSlices, yieldToMain } from '../schedule';
import type { Query } from './queries';
import type { Db } from './duckdb';

export type { Query };

/** One row of a result: plain JSON values (BigInt → number, Date → ISO string). */
import type { Row } from '$lib/types';
export type { Row };

/** A failed query: carries the SQL so the console shows what failed; the panel that asked shows the message. */
export class QueryError extends Error {
  constructor(
    readonly sql: string,
    readonly cause: unknown
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'QueryError';
  }
}

/** Thrown for a query that was superseded before it ran. */
export const aborted = (): DOMException => new DOMException('superseded', 'AbortError');
export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

/** What runs SQL: DuckDB-WASM in the browser; native DuckDB or a fake in tests. */
export interface Engine {
  /** `signal` (optional): cancel the query while it runs (it then rejects with an AbortError). */
  run(sql: string, files: string[], signal?: AbortSignal): Promise<Row[]>;
  /** The same, as columns of numbers (optional: `QueryRunner` falls back to rows). */
  columns?(sql: string, files: string[], signal?: AbortSignal): Promise<Columns>;
}

/** A result as columns: one Float64Array per column, all of one length. */
export type Columns = Record<string, Float64Array>;

// DuckDB-WASM is loaded lazily and only after the first screen has painted.
export const loadEngine = () =>
  firstPaint.then(() => import('./duckdb')).then((m) => m.startDuckDB());

/** A value of a DuckDB result as plain JSON (BigInt → number, boolean → 1/0, Date → ISO string). */
export function plain(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Rows per slice when decoding a record batch: a few milliseconds of work on a slow phone. */
const DECODE_ROWS = 256;

/** Runs `text` on a DuckDB-WASM connection and returns plain rows. The result streams in record
 *  batches, each decoded a slice of rows per task (one Arrow column of tens of thousands of strings
 *  decoded at once is a long task): numeric columns without nulls are read as typed arrays (no copy),
 *  others value by value for the rows of the slice. */
export async function readRows(conn: Db['conn'], text: string): Promise<Row[]> {
  const out: Row[] = [];
  for await (const batch of await conn.send(text)) {
    const names: string[] = batch.schema.fields.map((f: { name: string }) => f.name);
    const vectors = names.map((_, j) => batch.getChildAt(j)!);
    // Arrow's type ids: 2 Int, 3 Float (64-bit integers, decimals and dates go through plain()).
    const typed = vectors.map((v) =>
      !v.nullCount && (v.type.typeId === 3 || (v.type.typeId === 2 && v.type.bitWidth <= 32))
        ? (v.toArray() as ArrayLike<number>)
        : null
    );
    const starts = Array.from({ length: Math.ceil(batch.numRows / DECODE_ROWS) }, (_, k) => k * DECODE_ROWS);
    await inSlices(starts, (start) => {
      const end = Math.min(batch.numRows, start + DECODE_ROWS);
      for (let i = start; i < end; i++) {
        const r: Row = {};
        for (let j = 0; j < names.length; j++) r[names[j]] = typed[j] ? typed[j]![i] : plain(vectors[j].get(i));
        out.push(r);
      }
    });
    await yieldToMain();
  }
  return out;
}

/** Runs `text` and returns its columns as Float64Arrays (Arrow's numeric vectors copied once per
 *  batch; a column with NULLs or of another type is an error: the SQL coalesces and casts). */
export async function readColumns(conn: Db['conn'], text: string): Promise<Columns> {
  const parts = new Map<string, ArrayLike<number>[]>();
  for await (const batch of await conn.send(text)) {
    batch.schema.fields.forEach((f: { name: string }, j: number) => {
      const v = batch.getChildAt(j)!;
      if (v.nullCount || !(v.type.typeId === 3 || (v.type.typeId === 2 && v.type.bitWidth <= 32)))
        throw new Error(`column ${f.name}: NULLs or not a number`);
      parts.set(f.name, [...(parts.get(f.name) ?? []), v.toArray() as ArrayLike<number>]);
    });
    await yieldToMain();
  }
  const out: Columns = {};
  for (const [name, chunks] of parts) {
    const col = new Float64Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) col.set(c, (at += c.length) - c.length);
    out[name] = col;
  }
  return out;
}

/** Runs `read` on DuckDB-WASM's connection once `files` are registered; cancelled on `signal`. */
async function onConnection<T>(files: string[], signal: AbortSignal | undefined, read: (conn: Db['conn']) => Promise<T>) {
  const { conn } = await loadEngine();
  await ensureFiles(files);
  if (signal?.aborted) throw aborted();
  // A running query is cancelled on DuckDB's connection (between its polls) when every caller gave up.
  const cancel = () => void conn.cancelSent().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await read(conn);
  } catch (e) {
    if (signal?.aborted) throw aborted();
    throw e;
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

/** The browser's engine: DuckDB-WASM with snapshot files registered on demand. */
export const wasmEngine: Engine = {
  run: (text, files, signal) => onConnection(files, signal, (conn) => readRows(conn, text)),
  columns: (text, files, signal) => onConnection(files, signal, (conn) => readColumns(conn, text))
};

/**
 * Runs queries on an engine: one at a time, dropping those superseded before their turn, with an
 * LRU cache of results. One instance serves the whole site (`runQuery`); tests make their own.
 */
export class QueryRunner {
  private cache = new Map<string, Entry<unknown>>();
  private tail: Promise<unknown> = Promise.resolve();
  /** SQL texts actually sent to the engine (for tests and the console). */
  readonly sent: string[] = [];
  constructor(
    private engine: Engine,
    private cacheMax = 300
  ) {}

  /** A signal that fires once every one of `signals` has, unless another caller joined the run. */
  private cancelWhenAll(signals: AbortSignal[], entry: { joined?: boolean }): AbortSignal {
    const c = new AbortController();
    const check = () => {
      if (!entry.joined && signals.every((s) => s.aborted)) c.abort();
    };
    for (const s of signals) s.addEventListener('abort', check, { once: true });
    return c.signal;
  }

  run(q: Query, signal?: AbortSignal): Promise<Row[]> {
    return this.enqueue('rows', q, signal, (cancel) => this.engine.run(q.sql.text, q.files, cancel));
  }

  /** A numeric result as columns (every column a number without NULLs: the SQL coalesces). */
  columns(q: Query, signal?: AbortSignal): Promise<Columns> {
    const engine = this.engine;
    return this.enqueue('columns', q, signal, (cancel) =>
      engine.columns ? engine.columns(q.sql.text, q.files, cancel) : engine.run(q.sql.text, q.files, cancel).then(toColumns)
    );
  }

  private enqueue<T>(kind: string, q: Query, signal: AbortSignal | undefined, exec: (s?: AbortSignal) => Promise<T>): Promise<T> {
    const text = q.sql.text;
    const key = kind + '\n' + q.files.join('|') + '\n' + text;
    const hit = this.cache.get(key) as Entry<T> | undefined;
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit); // LRU: move to the end
      // Still waiting: it runs unless every caller has given up on it.
      if (hit.wanted) hit.wanted = signal ? [...hit.wanted, signal] : null;
      else hit.joined = true; // running (or done): a caller that joins it is never cancelled under
      return hit.result;
    }
    if (signal?.aborted) return Promise.reject(aborted());
    const entry: Entry<T> = { result: Promise.resolve(undefined as T), wanted: signal ? [signal] : null };
    entry.result = this.tail.then(() => {
      const wanted = entry.wanted;
      const dropped = wanted !== null && wanted.every((s) => s.aborted);
      entry.wanted = null;
      if (dropped) throw aborted();
      this.sent.push(text);
      return exec(wanted ? this.cancelWhenAll(wanted, entry) : undefined).catch((e) => {
        if (isAbort(e)) throw e;
        throw new QueryError(text, e);
      });
    });
    this.tail = entry.result.catch(() => undefined);
    // A failure or a drop is forgotten, so asking again retries.
    entry.result.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    this.cache.set(key, entry);
    if (this.cache.size > this.cacheMax) this.cache.delete(this.cache.keys().next().value!);
    return entry.result;
  }
}

interface Entry<T> {
  result: Promise<T>;
  wanted: AbortSignal[] | null;
  joined?: boolean;
}

/** Rows of numbers as columns (an engine without a columnar path). */
export function toColumns(rows: Row[]): Columns {
  const out: Columns = {};
  for (const name of rows.length ? Object.keys(rows[0]) : []) {
    out[name] = Float64Array.from(rows, (r) => {
      const v = r[name];
      if (typeof v !== 'number') throw new Error(`column ${name}: ${v === null ? 'NULL' : typeof v} where a number is wanted`);
      return v;
    });
  }
  return out;
}

const site = new QueryRunner(wasmEngine);
/** Run a typed query in the browser (DuckDB-WASM). */
export const runQuery = (q: Query, signal?: AbortSignal): Promise<Row[]> => site.run(q, signal);
/** Run a typed query whose result is all numbers, as one Float64Array per column. */
export const runColumns = (q: Query, signal?: AbortSignal): Promise<Columns> => site.columns(q, signal);

// Hook for `npm run bench` and debugging from the console: the same query path the pages use.
if (typeof window !== 'undefined') {
  (window as unknown as { __cgo: unknown }).__cgo = {
    sql: (text: string, files: string[] = []) => runQuery({ sql: trusted(text), files }),
    register: registerFiles
  };
}
