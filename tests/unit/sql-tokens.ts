// DuckDB's own tokenizer for the console's pure SQL tests: the Node blocking bundle of the same
// DuckDB-WASM the site runs (1.28 = DuckDB 0.9.1), and its table-only functions (the guard refuses them).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { ScriptTokens } from '../../src/lib/sql/tokens';

const require = createRequire(import.meta.url);

/** DuckDB-WASM's Node blocking bundle (the site's DuckDB), opened in memory. */
export async function nodeWasmDuckDB() {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const d = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: `${d}/duckdb-mvp.wasm`, mainWorker: `${d}/duckdb-node-mvp.worker.cjs` },
      eh: { mainModule: `${d}/duckdb-eh.wasm`, mainWorker: `${d}/duckdb-node-eh.worker.cjs` }
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME
  );
  await db.instantiate();
  db.open({});
  return db;
}

export async function wasmTokenizer(): Promise<{ tokenize: (text: string) => ScriptTokens; tableOnly: Set<string> }> {
  const db = await nodeWasmDuckDB();
  const rows = db
    .connect()
    .query(
      `SELECT function_name AS n FROM duckdb_functions() GROUP BY 1
       HAVING bool_and(function_type IN ('table', 'table_macro', 'pragma'))`
    )
    .toArray();
  return { tokenize: (text) => db.tokenize(text), tableOnly: new Set(rows.map((r: { n: string }) => String(r.n))) };
}
