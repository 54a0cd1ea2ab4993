// Query resources and the query runner with a fake engine: ordering (a slow old answer never
// replaces a newer one), cancellation of superseded runs, error isolation, retry after a failure.
import { describe, expect, it, vi } from 'vitest';
import { Resource } from '../../src/lib/data/resource.svelte';
import { QueryError, QueryRunner, type Engine, type Row } from '../../src/lib/data/query';
import { trusted } from '../../src/lib/data/sql';

/** A fetch whose answer the test releases by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void, reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
}
/** Wait until `n` queries have reached the fake engine (a waiting assertion, not a fixed pause). */
const sentCount = (gates: unknown[], n: number) => vi.waitFor(() => expect(gates).toHaveLength(n));

describe('Resource', () => {
  it('a slow answer to an older key never replaces the newer one', async () => {
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    const r = new Resource<string, string>((k) => {
      const d = deferred<string>();
      pending.set(k, d);
      return d.promise;
    });
    const old = r.load('old');
    const newer = r.load('new');
    pending.get('new')!.resolve('new answer');
    await newer;
    expect(r.value).toBe('new answer');
    pending.get('old')!.resolve('old answer');
    await old; // the old run has settled: its answer was seen and dropped
    expect(r.value).toBe('new answer');
    expect(r.key).toBe('"new"');
    expect(r.ready).toBe(true);
  });

  it('aborts the superseded run and keeps the last value while the next loads', async () => {
    const signals: AbortSignal[] = [];
    const r = new Resource<number, number>((k, signal) => {
      signals.push(signal);
      return k === 1 ? Promise.resolve(10) : new Promise(() => {});
    });
    await r.load(1);
    r.load(2);
    expect(signals[0].aborted).toBe(false); // finished runs are not aborted
    expect(r.value).toBe(10);
    expect(r.loading).toBe(true);
    expect(r.ready).toBe(false);
    r.load(3);
    expect(signals[1].aborted).toBe(true);
    expect(signals[2].aborted).toBe(false);
  });

  it('the same key does not run again; an error stays with its resource; retry runs again', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    let fail = true;
    const calls: string[] = [];
    const failing = new Resource<string, string>((k) => {
      calls.push(k);
      return fail ? Promise.reject(new QueryError('SELECT broken', new Error('HTTP 404'))) : Promise.resolve('ok');
    });
    const healthy = new Resource<string, string>(() => Promise.resolve('fine'));
    await Promise.all([failing.load('a'), healthy.load('a')]);
    expect(failing.error?.message).toBe('HTTP 404');
    expect(failing.loading).toBe(false);
    expect(healthy.error).toBeNull();
    expect(healthy.value).toBe('fine');
    expect(log.mock.calls[0][0]).toContain('SELECT broken'); // the failing SQL goes to the console
    fail = false;
    await failing.load('a'); // same key after an error: no silent rerun
    expect(calls).toEqual(['a']);
    await failing.retry();
    expect(calls).toEqual(['a', 'a']);
    expect(failing.error).toBeNull();
    expect(failing.value).toBe('ok');
    log.mockRestore();
  });

  it('a null key clears the request; initial values count as ready for their key', async () => {
    const r = new Resource<string, string>(() => Promise.resolve('x'), { initial: { key: '"n"', value: 'pre' } });
    expect(r.ready).toBe(true);
    expect(r.value).toBe('pre');
    await r.load('n');
    expect(r.value).toBe('pre'); // already answered: nothing ran
    await r.load(null);
    expect(r.ready).toBe(false);
  });
});

describe('QueryRunner', () => {
  const q = (text: string) => ({ sql: trusted(text), files: [] });
  function fakeEngine() {
    const gates: ReturnType<typeof deferred<Row[]>>[] = [];
    const engine: Engine = {
      run: (text) => {
        const d = deferred<Row[]>();
        gates.push(d);
        if (text === 'bad') d.reject(new Error('Parser Error'));
        return d.promise;
      }
    };
    return { engine, gates };
  }

  it('runs one query at a time, drops one superseded before its turn, and caches answers', async () => {
    const { engine, gates } = fakeEngine();
    const runner = new QueryRunner(engine);
    const first = runner.run(q('SELECT 1'));
    const c = new AbortController();
    const dropped = runner.run(q('SELECT 2'), c.signal);
    const third = runner.run(q('SELECT 3'));
    c.abort();
    await sentCount(gates, 1);
    expect(runner.sent).toEqual(['SELECT 1']); // serial: the second waits (gate 0 is still closed)
    gates[0].resolve([{ v: 1 }]);
    await expect(first).resolves.toEqual([{ v: 1 }]);
    await expect(dropped).rejects.toMatchObject({ name: 'AbortError' });
    await sentCount(gates, 2);
    expect(runner.sent).toEqual(['SELECT 1', 'SELECT 3']); // SELECT 2 never ran
    gates[1].resolve([{ v: 3 }]);
    await third;
    await expect(runner.run(q('SELECT 1'))).resolves.toEqual([{ v: 1 }]);
    expect(runner.sent).toHaveLength(2); // from the cache
  });

  it('a query still wanted by another caller runs although one caller gave up', async () => {
    const { engine, gates } = fakeEngine();
    const runner = new QueryRunner(engine);
    const blocker = runner.run(q('SELECT 0'));
    const c = new AbortController();
    const a = runner.run(q('SELECT x'), c.signal);
    const b = runner.run(q('SELECT x'));
    c.abort();
    await sentCount(gates, 1);
    gates[0].resolve([]);
    await blocker;
    await sentCount(gates, 2);
    expect(runner.sent).toEqual(['SELECT 0', 'SELECT x']);
    gates[1].resolve([{ x: 1 }]);
    await expect(b).resolves.toEqual([{ x: 1 }]);
    await expect(a).resolves.toEqual([{ x: 1 }]);
  });

  it('a failure carries its SQL, does not block the queue, and is retried when asked again', async () => {
    const { engine, gates } = fakeEngine();
    const runner = new QueryRunner(engine);
    const bad = runner.run(q('bad'));
    await expect(bad).rejects.toBeInstanceOf(QueryError);
    await expect(bad).rejects.toMatchObject({ sql: 'bad', message: 'Parser Error' });
    const next = runner.run(q('SELECT 9'));
    await sentCount(gates, 2);
    gates[1].resolve([{ v: 9 }]);
    await expect(next).resolves.toEqual([{ v: 9 }]);
    await expect(runner.run(q('bad'))).rejects.toBeInstanceOf(QueryError);
    expect(runner.sent.filter((s) => s === 'bad')).toHaveLength(2);
  });

  it('columns share the queue and the cache apart from rows; a non-number is an error naming its column', async () => {
    const { engine, gates } = fakeEngine();
    const runner = new QueryRunner(engine);
    const rows = runner.run(q('SELECT v'));
    const cols = runner.columns(q('SELECT v'));
    await sentCount(gates, 1);
    expect(runner.sent).toEqual(['SELECT v']); // one at a time: the columns wait their turn
    gates[0].resolve([{ v: 1 }, { v: 2.5 }]);
    await expect(rows).resolves.toEqual([{ v: 1 }, { v: 2.5 }]);
    await sentCount(gates, 2);
    gates[1].resolve([{ v: 1 }, { v: 2.5 }]);
    await expect(cols).resolves.toEqual({ v: Float64Array.from([1, 2.5]) });
    await expect(runner.columns(q('SELECT v'))).resolves.toEqual({ v: Float64Array.from([1, 2.5]) });
    expect(runner.sent).toHaveLength(2); // the second columns call came from the cache
    const bad = runner.columns(q('SELECT w'));
    await sentCount(gates, 3);
    gates[2].resolve([{ w: 1 }, { w: null }]);
    await expect(bad).rejects.toMatchObject({ sql: 'SELECT w', message: 'column w: NULL where a number is wanted' });
  });
});
