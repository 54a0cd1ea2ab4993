// Thin helpers over native DuckDB (@duckdb/node-api) for the build scripts.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** A DuckDB connection. With CGO_DUCKDB_MEMORY set (the import sets 512MB) its memory is bounded
 *  and DuckDB spills to a temporary folder past it, so a million-row import stays within the memory
 *  a department's PC has (DESIGN.md budget: 1.5 GB). */
export async function openDuck(path = ':memory:'): Promise<DuckDBConnection> {
  const { cpus, tmpdir } = await import('node:os');
  const memory = process.env.CGO_DUCKDB_MEMORY;
  const inst = await DuckDBInstance.create(path, {
    threads: String(Math.max(1, cpus().length)),
    ...(memory ? { memory_limit: memory, temp_directory: `${tmpdir()}/cgo-duckdb-${process.pid}` } : {})
  });
  return inst.connect();
}

export async function rows<T = Record<string, unknown>>(con: DuckDBConnection, sql: string): Promise<T[]> {
  const r = await con.runAndReadAll(sql);
  return r.getRowObjectsJson() as T[];
}

export async function one<T = Record<string, unknown>>(con: DuckDBConnection, sql: string): Promise<T> {
  return (await rows<T>(con, sql))[0];
}

/** SQL string literal. */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
