// Source of the SQL console's DuckDB worker: it replaces fetch and XMLHttpRequest (the only ways
// DuckDB-WASM's file system reaches the network) with versions that refuse every URL but the ones
// allowed (DuckDB's own wasm module), removes WebSocket and EventSource, then loads DuckDB's worker
// script and disables importScripts. A defence behind the guard: even a query the guard let through
// by mistake cannot make the worker send a request. Pure: returns text.

/** Worker source that loads `script` and may fetch only `allowed` (absolute URLs). */
export function guardedWorkerSource(script: string, allowed: string[]): string {
  return `
const allowed = new Set(${JSON.stringify(allowed)});
const ok = (u) => { try { return allowed.has(new URL(String(u)).href); } catch { return false; } };
const realFetch = self.fetch.bind(self);
self.fetch = (input, init) => ok(typeof input === 'string' || input instanceof URL ? input : input.url)
  ? realFetch(input, init) : Promise.reject(new TypeError('blocked by the SQL console'));
const RealXHR = self.XMLHttpRequest;
self.XMLHttpRequest = class extends RealXHR {
  open(method, url, ...rest) {
    if (!ok(url)) throw new DOMException('blocked by the SQL console', 'NetworkError');
    return super.open(method, url, ...rest);
  }
};
self.WebSocket = undefined;
self.EventSource = undefined;
importScripts(${JSON.stringify(script)});
self.importScripts = () => { throw new Error('blocked by the SQL console'); };`;
}
