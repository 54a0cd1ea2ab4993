// Key-value metadata in the console's Parquet exports: a file written by the site's DuckDB (DuckDB-WASM
// 1.28, its Node bundle), given the query, data date and demonstration label, reads back in native
// DuckDB with the same rows and that metadata.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { withKeyValueMetadata } from '../../src/lib/sql/parquet-meta';
import { nodeWasmDuckDB } from './sql-tokens';
import { openDuck, rows } from '../../scripts/lib/duck';

async function wasmParquet(sql: string): Promise<Uint8Array> {
  const db = await nodeWasmDuckDB();
  const out = join(mkdtempSync(join(tmpdir(), 'cgo-kv-')), 'wasm.parquet');
  db.connect().query(`COPY (${sql}) TO '${out}' (FORMAT PARQUET)`);
  return new Uint8Array(readFileSync(out));
}

describe('Parquet key-value metadata', () => {
  it('is read back by native DuckDB with the rows unchanged', async () => {
    const bytes = await wasmParquet(`SELECT range AS n, '区' || range AS name FROM range(2500)`);
    const meta = {
      query: "SELECT district, count(*) FROM units WHERE name = '南山区'",
      data_date: '2026-12-01',
      label: '演示数据'
    };
    const file = join(mkdtempSync(join(tmpdir(), 'cgo-kv-')), 'r.parquet');
    writeFileSync(file, withKeyValueMetadata(bytes, meta));
    const con = await openDuck();
    const kv = await rows<{ key: string; value: string }>(
      con,
      `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${file}') ORDER BY key`
    );
    expect(Object.fromEntries(kv.map((r) => [r.key, r.value]))).toEqual(meta);
    const [back] = await rows<{ n: number; s: number; last: string }>(
      con,
      `SELECT count(*) AS n, sum(n) AS s, max_by(name, n) AS last FROM read_parquet('${file}')`
    );
    expect([Number(back.n), Number(back.s), back.last]).toEqual([2500, (2499 * 2500) / 2, '区2499']);
  });
  it('refuses what is not a Parquet file', () => {
    expect(() => withKeyValueMetadata(new TextEncoder().encode('not parquet at all'), { a: 'b' })).toThrow(/not a Parquet file/);
  });
});
