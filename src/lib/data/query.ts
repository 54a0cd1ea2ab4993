// The one query layer: SQL in, plain rows out, with a result cache. Components never see DuckDB.
import { ensureFiles, registerFiles } from './snapshots';
import { firstPaint } from '$lib/firstpaint';

// DuckDB-WASM is loaded lazily so the first screen never waits for its code.
export const loadEngine = () => firstPaint.then(() => import('./duckdb')).then((m) => m.startDuckDB());

export type Row = Record<string, number | string | null>;

const cache = new Map<string, Promise<Row[]>>();
const CACHE_MAX = 300;

function plain(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Run SQL after the snapshot files it needs are registered; cached by (files, SQL). */
export function query(sql: string, files: string[] = []): Promise<Row[]> {
  const key = files.join('|') + '\n' + sql;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // LRU: move to the end
    return hit;
  }
  const p = (async () => {
    const { conn } = await loadEngine();
    await ensureFiles(files);
    const t = await conn.query(sql);
    const names = t.schema.fields.map((f: { name: string }) => f.name);
    const cols = names.map((n: string) => t.getChild(n)!);
    const out: Row[] = new Array(t.numRows);
    for (let i = 0; i < t.numRows; i++) {
      const r: Row = {};
      for (let j = 0; j < names.length; j++) r[names[j]] = plain(cols[j].get(i));
      out[i] = r;
    }
    return out;
  })();
  p.catch(() => cache.delete(key));
  cache.set(key, p);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  return p;
}

export const STALE = Symbol('stale');

/**
 * Keeps only the latest answer: each call supersedes earlier ones, whose results resolve to STALE
 * so a slow old query never overwrites a newer view.
 */
export function latest<T>() {
  let seq = 0;
  return async (work: () => Promise<T>): Promise<T | typeof STALE> => {
    const mine = ++seq;
    const r = await work();
    return mine === seq ? r : STALE;
  };
}

// Hook for `npm run bench` and debugging from the console: the same query path the pages use.
if (typeof window !== 'undefined') {
  (window as unknown as { __cgo: unknown }).__cgo = { sql: query, register: registerFiles };
}
