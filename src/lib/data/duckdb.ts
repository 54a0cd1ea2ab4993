// DuckDB-WASM, started once in a Web Worker from files served by this site (no CDN). Version 1.28.0
// is pinned because it bundles the Parquet reader; later versions download it from the extension
// site, which an intranet cannot reach (DESIGN.md). Extension autoloading is switched off too.
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

export type Db = { db: duckdb.AsyncDuckDB; conn: duckdb.AsyncDuckDBConnection; readyMs: number };

let started: Promise<Db> | null = null;

/** Start DuckDB in the background (idempotent). Resolves when it can answer queries. */
export function startDuckDB(): Promise<Db> {
  if (started) return started;
  started = (async () => {
    const t0 = performance.now();
    const abs = (u: string) => new URL(u, location.href).href;
    const bundle = await duckdb.selectBundle({
      mvp: { mainModule: abs(mvpWasm), mainWorker: abs(mvpWorker) },
      eh: { mainModule: abs(ehWasm), mainWorker: abs(ehWorker) }
    });
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    const conn = await db.connect();
    for (const s of ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false']) {
      try { await conn.query(s); } catch { /* setting absent in this version: nothing is autoloaded anyway */ }
    }
    const readyMs = performance.now() - t0;
    // Marks for `npm run bench`: how long start-up took, and when (ms since navigation) it was ready.
    Object.assign(globalThis, { __duckdbReadyMs: readyMs, __duckdbReadyAt: performance.now() });
    return { db, conn, readyMs };
  })();
  return started;
}
