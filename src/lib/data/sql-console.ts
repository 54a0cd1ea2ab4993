// The SQL console's engine: a DuckDB-WASM instance of its own (not the site's), in a worker that can
// fetch nothing but DuckDB's own wasm file — so no request leaves it, whatever is typed, even if the
// guard missed something. The page fetches snapshot files (same origin) and hands their bytes over;
// the views are redefined over exactly the partitions a query needs. Every query is first checked by
// the guard on DuckDB's own tokens; a refused one never reaches the engine.
// `SET enable_external_access = false` is not used: in DuckDB 0.9.1 it also stops read_parquet over
// registered buffers (PermissionException), which the views need, and it cannot be turned back on.
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { checkQuery, type Accepted, type RefusalClass } from '../sql/guard';
import { guardedWorkerSource } from '../sql/worker-guard';
import { queryPartitions, type Partition } from '../sql/filters';
import { indicatorsTableSql, nameFile, regionsCsv, regionsTableSql, unitFile, unitViewsSql } from '../sql/views';
import { fileBytes, fetchJson, manifest } from './snapshots';
import { aborted, plain } from './query';
import type { Row } from '../types';

interface Console {
  db: duckdb.AsyncDuckDB;
  conn: duckdb.AsyncDuckDBConnection;
  denied: Set<string>;
  years: number[];
  provinces: string[];
  bytes: Map<string, number>;
}

/** A worker that loads DuckDB's worker script and may fetch only `allowed` (the wasm module). */
function guardedWorker(script: string, allowed: string[]): Worker {
  return new Worker(URL.createObjectURL(new Blob([guardedWorkerSource(script, allowed)], { type: 'text/javascript' })));
}

/** Fetch a snapshot file (or take it from a file opened in this browser) and register its bytes. */
async function register(db: duckdb.AsyncDuckDB, path: string): Promise<number> {
  const bytes = await fileBytes(path);
  // Read before registering: the buffer is transferred to the worker (and reads 0 bytes after).
  const length = bytes.byteLength;
  await db.registerFileBuffer(path, bytes);
  return length;
}

let started: Promise<Console> | null = null;
/** The console `started` resolved to. */
let live: Console | null = null;
/** Start the console's DuckDB (idempotent): engine, `regions` and `indicators`, empty unit views. */
export function startConsole(): Promise<Console> {
  if (started) return started;
  const p = (async (): Promise<Console> => {
    const abs = (u: string) => new URL(u, location.href).href;
    const bundle = await duckdb.selectBundle({
      mvp: { mainModule: abs(mvpWasm), mainWorker: abs(mvpWorker) },
      eh: { mainModule: abs(ehWasm), mainWorker: abs(ehWorker) }
    });
    const worker = guardedWorker(bundle.mainWorker!, [bundle.mainModule]);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule);
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    const conn = await db.connect();
    for (const s of ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'])
      await conn.query(s).catch(() => undefined);
    const denied = new Set<string>(
      (
        await conn.query(`SELECT function_name AS n FROM duckdb_functions() GROUP BY 1
          HAVING bool_and(function_type IN ('table', 'table_macro', 'pragma'))`)
      )
        .toArray()
        .map((r: { n: string }) => String(r.n))
    );
    const [m, regions] = await Promise.all([manifest(), fetchJson<Parameters<typeof regionsCsv>[0]>('regions.json')]);
    await register(db, 'streets.parquet');
    await db.registerFileText('regions.csv', regionsCsv(regions));
    await conn.query(regionsTableSql('regions.csv', 'streets.parquet'));
    await db.dropFile('streets.parquet');
    await db.dropFile('regions.csv');
    await conn.query(indicatorsTableSql());
    for (const s of unitViewsSql([])) await conn.query(s);
    live = { db, conn, denied, years: m.years, provinces: m.provinces, bytes: new Map(m.files.map((f) => [f.path, f.bytes])) };
    return live;
  })();
  p.catch(() => {
    if (started === p) started = null;
  });
  started = p;
  return p;
}

export interface Progress {
  files: number;
  filesDone: number;
  bytes: number;
  bytesDone: number;
}

export interface ResultColumn {
  name: string;
  /** Arrow type as DuckDB returned it (Int32, Float64, Utf8…). */
  type: string;
  kind: 'number' | 'text' | 'time' | 'other';
}

export type Outcome =
  | { kind: 'refused'; class: RefusalClass; detail: string }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string }
  | {
      kind: 'result';
      statement: string;
      columns: ResultColumn[];
      rows: Row[];
      /** More rows than were kept. */
      truncated: boolean;
      queryMs: number;
      loadMs: number;
      /** Unit and name partitions the views read. */
      files: string[];
      bytes: number;
    };

/** Rows kept in the page (the Parquet download always holds the whole result). */
export const MAX_ROWS = 100_000;

function kindOf(type: string): ResultColumn['kind'] {
  if (/^(Int|Uint|Float|Decimal|Bool)/i.test(type)) return 'number';
  if (/^(Utf8|LargeUtf8)/i.test(type)) return 'text';
  if (/^(Date|Timestamp|Time)/i.test(type)) return 'time';
  return 'other';
}

let current = '';
/** Point the unit views at these partitions (fetching the files not yet registered). A cancelled
 *  run stops between files (a file already fetched stays registered for the next query). */
async function prepare(
  c: Console,
  parts: Partition[],
  onProgress: (p: Progress) => void,
  signal?: AbortSignal
): Promise<string[]> {
  const files = [...parts.map(unitFile), ...[...new Set(parts.map((p) => p.province))].map(nameFile)];
  const key = files.join('|');
  const todo = files.filter((f) => !loaded.has(f));
  const progress: Progress = { files: todo.length, filesDone: 0, bytes: todo.reduce((s, f) => s + (c.bytes.get(f) ?? 0), 0), bytesDone: 0 };
  if (todo.length) onProgress(progress);
  for (const f of todo) {
    if (signal?.aborted) throw aborted();
    loaded.set(f, register(c.db, f));
    loaded.get(f)!.catch(() => loaded.delete(f));
    progress.bytesDone += await loaded.get(f)!;
    progress.filesDone++;
    onProgress(progress);
  }
  if (key !== current) {
    for (const s of unitViewsSql(parts)) await c.conn.query(s);
    current = key;
  }
  return files;
}
const loaded = new Map<string, Promise<number>>();

let queue: Promise<unknown> = Promise.resolve();
/** Run one console operation at a time. */
function serial<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Check, load what it needs, run: rows (up to MAX_ROWS), columns, timings — or a refusal, an error,
 * or `cancelled` once `signal` fires (between files while loading; inside DuckDB, by cancelling the
 * connection's pending query, while it runs). The console is ready for the next query either way.
 */
export function runConsoleQuery(
  text: string,
  onProgress: (p: Progress) => void = () => undefined,
  signal?: AbortSignal
): Promise<Outcome> {
  return serial(async () => {
    if (signal?.aborted) return { kind: 'cancelled' };
    const c = await startConsole();
    const verdict = checkQuery(text, await c.db.tokenize(text), c.denied);
    if (!verdict.ok) return { kind: 'refused', class: verdict.class, detail: verdict.detail };
    try {
      const t0 = performance.now();
      const files = await prepare(c, queryPartitions(verdict.refs, c.years, c.provinces), onProgress, signal);
      const t1 = performance.now();
      const { columns, rows, truncated } = await collect(c, verdict, signal);
      const bytes = files.reduce((s, f) => s + (c.bytes.get(f) ?? 0), 0);
      return { kind: 'result', statement: verdict.statement, columns, rows, truncated, queryMs: performance.now() - t1, loadMs: t1 - t0, files, bytes };
    } catch (e) {
      if (signal?.aborted) return { kind: 'cancelled' };
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  });
}

/** How long DuckDB gets to stop a cancelled query at its next poll before its worker is replaced. */
const FORCE_STOP_MS = 1500;

/** Drop a console whose worker is stuck in a cancelled query: the next query starts a fresh one. */
function replace(c: Console) {
  if (live === c) {
    started = null;
    live = null;
    loaded.clear();
    current = '';
  }
  void c.db.terminate();
}

/**
 * Stream the result into plain rows. `signal` cancels DuckDB's pending query (DuckDB stops at its next
 * poll and `send` throws); a plan that runs for long between polls (one chunk of a cross product can
 * take minutes) is stopped by replacing the worker.
 */
async function collect(c: Console, verdict: Accepted, signal?: AbortSignal) {
  if (signal?.aborted) throw aborted();
  let force: ReturnType<typeof setTimeout> | undefined;
  let stop = (): void => undefined;
  const stopped = new Promise<never>((_, reject) => (stop = () => reject(aborted())));
  const cancel = () => {
    void c.conn.cancelSent().catch(() => undefined);
    force = setTimeout(() => {
      replace(c);
      stop();
    }, FORCE_STOP_MS);
  };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await Promise.race([(async () => readBatches(await c.conn.send(verdict.statement), signal))(), stopped]);
  } finally {
    clearTimeout(force);
    signal?.removeEventListener('abort', cancel);
  }
}

type Batches = Awaited<ReturnType<duckdb.AsyncDuckDBConnection['send']>>;

async function readBatches(reader: Batches, signal?: AbortSignal) {
  const rows: Row[] = [];
  let columns: ResultColumn[] = [];
  let truncated = false;
  for await (const batch of reader) {
    if (signal?.aborted) throw aborted();
    const fields: { name: string; type: unknown }[] = batch.schema.fields;
    if (!columns.length) columns = fields.map((f) => ({ name: f.name, type: String(f.type), kind: kindOf(String(f.type)) }));
    if (truncated) continue;
    const cols = fields.map((_f, j) => batch.getChildAt(j)!);
    for (let i = 0; i < batch.numRows; i++) {
      if (rows.length >= MAX_ROWS) {
        truncated = true;
        break;
      }
      const r: Row = {};
      for (let j = 0; j < fields.length; j++) r[fields[j].name] = plain(cols[j].get(i));
      rows.push(r);
    }
  }
  return { columns, rows, truncated };
}

/** The whole result of an accepted statement as a Parquet file (DuckDB's writer, in the worker's memory). */
export function exportParquet(statement: string): Promise<Uint8Array> {
  return serial(async () => {
    const c = await startConsole();
    const verdict = checkQuery(statement, await c.db.tokenize(statement), c.denied);
    if (!verdict.ok) throw new Error(`refused: ${verdict.class}`);
    await prepare(c, queryPartitions(verdict.refs, c.years, c.provinces), () => undefined);
    const out = `result-${Date.now()}.parquet`;
    await c.db.registerEmptyFileBuffer(out);
    try {
      await c.conn.query(`COPY (\n${verdict.statement}\n) TO '${out}' (FORMAT PARQUET)`);
      return await c.db.copyFileToBuffer(out);
    } finally {
      await c.db.dropFile(out);
    }
  });
}
