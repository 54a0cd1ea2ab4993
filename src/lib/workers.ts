// Request/reply over a Web Worker: each request carries an id, the worker answers with the same id
// and either its result or `error`. The worker starts on the first request.
export type Reply<R> = ({ id: number } & R) | { id: number; error: string };

export function workerClient<Req extends object, R extends object>(make: () => Worker) {
  let worker: Worker | null = null;
  let seq = 0;
  const waiting = new Map<number, (r: Reply<R>) => void>();
  const start = () => {
    if (!worker) {
      worker = make();
      worker.onmessage = (e: MessageEvent<Reply<R>>) => {
        waiting.get(e.data.id)?.(e.data);
        waiting.delete(e.data.id);
      };
    }
    return worker;
  };
  return {
    /** Send a request; resolves with the worker's reply, rejects with its error. */
    ask(msg: Req): Promise<R> {
      const w = start();
      const id = ++seq;
      return new Promise((ok, fail) => {
        waiting.set(id, (r) => ('error' in r ? fail(new Error(r.error)) : ok(r as R)));
        w.postMessage({ ...msg, id });
      });
    },
    /** Send a message that gets no reply (e.g. a prefetch). */
    tell(msg: Req): void {
      start().postMessage({ ...msg, id: 0 });
    }
  };
}
