// The SQL console's DuckDB worker may fetch only DuckDB's wasm module: fetch and XMLHttpRequest
// refuse every other URL (same origin included), and importScripts is gone once DuckDB is loaded.
import { describe, it, expect } from 'vitest';
import { runInNewContext } from 'node:vm';
import { guardedWorkerSource } from '../../src/lib/sql/worker-guard';

const WASM = 'http://127.0.0.1:4173/_app/immutable/assets/duckdb-eh.wasm';
const SCRIPT = 'http://127.0.0.1:4173/_app/immutable/assets/duckdb-browser-eh.worker.js';

function worker() {
  const fetched: string[] = [];
  const opened: string[] = [];
  const imported: string[] = [];
  class FakeXHR {
    open(_method: string, url: string) {
      opened.push(url);
    }
  }
  const self: Record<string, unknown> = {
    fetch: (u: string) => {
      fetched.push(String(u));
      return Promise.resolve('response');
    },
    XMLHttpRequest: FakeXHR,
    WebSocket: class {},
    EventSource: class {}
  };
  const context = { self, URL, DOMException, TypeError, Promise, importScripts: (u: string) => imported.push(u) };
  runInNewContext(guardedWorkerSource(SCRIPT, [WASM]), context);
  return { self, fetched, opened, imported };
}

describe('SQL console worker guard', () => {
  it('fetches the wasm module and nothing else', async () => {
    const w = worker();
    const f = w.self.fetch as (u: string) => Promise<unknown>;
    await expect(f(WASM)).resolves.toBe('response');
    await expect(f('http://example.com/x.csv')).rejects.toThrow(/blocked/);
    await expect(f('http://127.0.0.1:4173/data/units/2025/11.parquet')).rejects.toThrow(/blocked/);
    await expect(f('not a url')).rejects.toThrow(/blocked/);
    expect(w.fetched).toEqual([WASM]);
  });
  it('XMLHttpRequest opens nothing but the wasm module', () => {
    const w = worker();
    const Xhr = w.self.XMLHttpRequest as new () => { open: (m: string, u: string) => void };
    expect(() => new Xhr().open('GET', 'https://example.com/y.parquet')).toThrow(/blocked/);
    expect(() => new Xhr().open('HEAD', 'http://127.0.0.1:4173/data/manifest.json')).toThrow(/blocked/);
    new Xhr().open('GET', WASM);
    expect(w.opened).toEqual([WASM]);
  });
  it('loads DuckDB’s worker script, then importScripts, WebSocket and EventSource are gone', () => {
    const w = worker();
    expect(w.imported).toEqual([SCRIPT]);
    expect(() => (w.self.importScripts as () => void)()).toThrow(/blocked/);
    expect(w.self.WebSocket).toBeUndefined();
    expect(w.self.EventSource).toBeUndefined();
  });
});
