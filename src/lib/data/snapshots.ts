// Snapshot files: fetched from this site's own data/ folder on demand and registered with DuckDB
// once. Small files are loaded whole; unit partitions are registered as tables lazily.
import type { Manifest } from './manifest';

let dataBase = '';
/** Base URL of the data folder (set by the app from SvelteKit's paths). */
export function setDataBase(url: string) {
  dataBase = url.endsWith('/') ? url : url + '/';
}
export function dataUrl(path: string): string {
  return new URL(path, dataBase || new URL('data/', location.href).href).href;
}

const jsonCache = new Map<string, Promise<unknown>>();
export function fetchJson<T>(path: string): Promise<T> {
  let p = jsonCache.get(path);
  if (!p) {
    p = fetch(dataUrl(path)).then((r) => {
      if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
      return r.json();
    });
    p.catch(() => jsonCache.delete(path));
    jsonCache.set(path, p);
  }
  return p as Promise<T>;
}

export const manifest = () => fetchJson<Manifest>('manifest.json');

/** Table name DuckDB knows a snapshot file by: "units/2025/11.parquet" → units_2025_11. */
export function tableOf(path: string): string {
  return path.replace(/\.parquet$/, '').replace(/[^a-z0-9]+/gi, '_');
}

const registered = new Map<string, Promise<void>>();

/** Make each file a DuckDB table (fetched once, read into DuckDB's columnar storage). */
export function ensureFiles(paths: string[]): Promise<void> {
  return Promise.all(
    paths.map((path) => {
      let p = registered.get(path);
      if (!p) {
        p = (async () => {
          const { db, conn } = await import('./duckdb').then((m) => m.startDuckDB());
          const res = await fetch(dataUrl(path));
          if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
          const buf = new Uint8Array(await res.arrayBuffer());
          await db.registerFileBuffer(path, buf);
          await conn.query(`CREATE TABLE IF NOT EXISTS ${tableOf(path)} AS SELECT * FROM read_parquet('${path}')`);
          await db.dropFile(path);
        })();
        p.catch(() => registered.delete(path));
        registered.set(path, p);
      }
      return p;
    })
  ).then(() => undefined);
}

const rawFiles = new Map<string, Promise<void>>();
/** Register files with DuckDB by their path (for read_parquet over many files) without copying into tables. */
export function registerFiles(paths: string[]): Promise<void> {
  return Promise.all(
    paths.map((path) => {
      let p = rawFiles.get(path);
      if (!p) {
        p = (async () => {
          const { db } = await import('./duckdb').then((m) => m.startDuckDB());
          const res = await fetch(dataUrl(path));
          if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
          await db.registerFileBuffer(path, new Uint8Array(await res.arrayBuffer()));
        })();
        p.catch(() => rawFiles.delete(path));
        rawFiles.set(path, p);
      }
      return p;
    })
  ).then(() => undefined);
}
