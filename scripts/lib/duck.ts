// Thin helpers over native DuckDB (@duckdb/node-api) for the build scripts.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export async function openDuck(path = ':memory:'): Promise<DuckDBConnection> {
  const inst = await DuckDBInstance.create(path, { threads: String(Math.max(1, (await import('node:os')).cpus().length)) });
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
