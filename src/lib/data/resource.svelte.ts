// Query resources: a panel declares the key it needs (region, year, type, indicator…) and a typed
// fetcher; the resource runs it when the key changes, aborts the superseded run (a query not yet
// started is dropped by the query layer), never lets an older answer replace a newer one, and keeps
// its own loading / value / error so each panel shows its own state. Pages hold no race plumbing.
import { untrack } from 'svelte';
import { isAbort, QueryError } from './query';

export type Fetcher<K, T> = (key: K, signal: AbortSignal) => Promise<T>;

export interface ResourceOptions<T> {
  /** Value before the first answer (e.g. prerendered figures), and the key it belongs to. */
  initial?: { key: string; value: T };
  /** Key → string identity; JSON by default. Equal strings do not rerun. */
  keyOf?: (key: unknown) => string;
}

/** The state of one resource. `value` stays the last answer while a newer key loads. */
export class Resource<K, T> {
  /** A run is in flight for `requested`. */
  loading = $state(false);
  /** The latest answer (for the key `key`), or undefined before the first. */
  value = $state.raw<T | undefined>(undefined);
  /** The error of the latest run, or null. */
  error = $state.raw<Error | null>(null);
  /** Key string of `value`. */
  key = $state<string | null>(null);
  /** Key string last asked for (null: nothing asked, e.g. the panel does not apply). */
  requested = $state<string | null>(null);

  #run = 0;
  #controller: AbortController | null = null;
  #last: K | null = null;
  readonly #fetcher: Fetcher<K, T>;
  readonly #keyOf: (key: unknown) => string;

  constructor(fetcher: Fetcher<K, T>, opts: ResourceOptions<T> = {}) {
    this.#fetcher = fetcher;
    this.#keyOf = opts.keyOf ?? ((k) => JSON.stringify(k));
    if (opts.initial) {
      this.value = opts.initial.value;
      this.key = this.requested = opts.initial.key;
    }
  }

  /** True when `value` answers the key last asked for and nothing newer is loading. */
  get ready(): boolean {
    return !this.loading && this.requested !== null && this.key === this.requested && this.error === null;
  }

  /** Ask for a key (null clears the request). The same key as the current one does nothing. */
  load(key: K | null, force = false): Promise<void> {
    const id = key === null ? null : this.#keyOf(key);
    // The same key again does nothing: not while it loads, not once answered, and not after an error
    // (retrying is explicit, so an unrelated re-render never hammers a failing source).
    if (!force && id === this.requested && (this.loading || this.key === id || this.error)) return Promise.resolve();
    this.#controller?.abort();
    this.#controller = null;
    this.requested = id;
    this.#last = key;
    const run = ++this.#run;
    if (key === null || id === null) {
      this.loading = false;
      this.error = null;
      return Promise.resolve();
    }
    const controller = (this.#controller = new AbortController());
    this.loading = true;
    this.error = null;
    const settled = () => {
      if (this.#controller === controller) this.#controller = null; // nothing left to abort
    };
    return this.#fetcher(key, controller.signal).then(
      (value) => {
        settled();
        if (run !== this.#run) return; // superseded: a newer run owns the state
        this.value = value;
        this.key = id;
        this.loading = false;
      },
      (e: unknown) => {
        settled();
        if (run !== this.#run || isAbort(e)) return;
        const err = e instanceof Error ? e : new Error(String(e));
        // The failing SQL goes to the console; the panel shows the message.
        console.error(err instanceof QueryError ? `query failed: ${err.message}\n${err.sql}` : err);
        this.error = err;
        this.loading = false;
      }
    );
  }

  /** Run the last key again (after an error, e.g. a failed fetch). */
  retry(): Promise<void> {
    return this.load(this.#last, true);
  }

  /** Stop the run in flight (component teardown). */
  dispose(): void {
    this.#controller?.abort();
    this.#run++;
  }
}

/**
 * A resource driven by a reactive key: `resource(() => ({ region, year }), (k, signal) => api(k, signal))`.
 * Must be created during component initialisation. `key` returning null means "nothing to load".
 * In the server render nothing runs: the resource shows `initial`.
 */
export function resource<K, T>(key: () => K | null, fetcher: Fetcher<K, T>, opts?: ResourceOptions<T>): Resource<K, T> {
  const r = new Resource<K, T>(fetcher, opts);
  $effect(() => {
    const k = key();
    untrack(() => r.load(k));
  });
  $effect(() => () => r.dispose());
  return r;
}
