// Snapshot files: fetched from this site's own data/ folder on demand and registered with DuckDB
// once. Small files are loaded whole; unit partitions are registered as tables lazily.
import type { Manifest } from './manifest';
import { localFiles, localReady } from './local-files';
import { workerClient } from '../workers';

/** Files every snapshot shares (the division lists): read from the site even while a file is open. */
const SHARED = new Set(['regions.json', 'streets.parquet']);

/** The bytes of `path` from the open local file; null to fetch it from the site. A path the file
 *  has no data for fails like a missing file: the site's own data is never mixed in. */
async function localBytes(path: string): Promise<Uint8Array | null> {
  await localReady;
  const files = localFiles();
  if (!files || SHARED.has(path)) return null;
  const f = files[path];
  if (!f) throw new Error(`${path}: not in the file opened in this browser`);
  return new Uint8Array(await f.arrayBuffer());
}

/** A URL for `path` (workers fetch it themselves): an object URL while a local file is open. */
const objectUrls = new Map<string, string>();
export async function fileUrl(path: string): Promise<string> {
  await localReady;
  const blob = localFiles()?.[path];
  if (blob) {
    let u = objectUrls.get(path);
    if (!u) objectUrls.set(path, (u = URL.createObjectURL(blob)));
    return u;
  }
  await localBytes(path); // throws for a path the open file lacks; null for the site's own files
  return dataUrl(path);
}

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
    p = localBytes(path).then(async (bytes) => {
      if (bytes) return JSON.parse(new TextDecoder().decode(bytes));
      const r = await fetch(dataUrl(path));
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

/** Run `work` once per key; a failure is forgotten so the next call retries. */
function once(cache: Map<string, Promise<void>>, key: string, work: () => Promise<void>): Promise<void> {
  let p = cache.get(key);
  if (!p) {
    p = work();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

const bytesWorker = workerClient<{ url: string }, { buf: ArrayBuffer }>(
  () => new Worker(new URL('./bytes.worker.ts', import.meta.url), { type: 'module' })
);

/** The bytes of a snapshot file: the opened file's (a fresh copy), or fetched from the site (by a
 *  worker in the browser: the main thread only receives them). */
export async function fileBytes(path: string): Promise<Uint8Array> {
  const local = await localBytes(path);
  if (local) return local;
  if (typeof Worker === 'undefined') {
    const res = await fetch(dataUrl(path));
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }
  try {
    return new Uint8Array((await bytesWorker.ask({ url: dataUrl(path) })).buf);
  } catch (e) {
    throw new Error(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Fetch a snapshot file and hand its bytes to DuckDB under its path. */
async function registerBuffer(path: string) {
  const { db, conn } = await import('./duckdb').then((m) => m.startDuckDB());
  await db.registerFileBuffer(path, await fileBytes(path));
  return { db, conn };
}

const registered = new Map<string, Promise<void>>();
/** Make each file a DuckDB table (fetched once, read into DuckDB's columnar storage). */
export function ensureFiles(paths: string[]): Promise<void> {
  return Promise.all(
    paths.map((path) =>
      once(registered, path, async () => {
        const { db, conn } = await registerBuffer(path);
        await conn.query(`CREATE TABLE IF NOT EXISTS ${tableOf(path)} AS SELECT * FROM read_parquet('${path}')`);
        // A file also registered for read_parquet (the explorer) stays registered.
        if (!rawFiles.has(path)) await db.dropFile(path);
      })
    )
  ).then(() => undefined);
}

const rawFiles = new Map<string, Promise<void>>();
/** Register files with DuckDB by their path (for read_parquet over many files) without copying into tables. */
export function registerFiles(paths: string[]): Promise<void> {
  return Promise.all(paths.map((path) => once(rawFiles, path, async () => { await registerBuffer(path); }))).then(() => undefined);
}
