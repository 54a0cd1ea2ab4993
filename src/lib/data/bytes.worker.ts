// Fetches a snapshot file off the page's main thread and hands its bytes over transferred, not
// copied. Read on the main thread, a year of unit files (23 MB of Parquet) kept it busy in ~17 tasks
// of over 12 ms each while the explorer loaded; from this worker, in a few.
export type BytesRequest = { id: number; url: string };

self.onmessage = async (e: MessageEvent<BytesRequest>) => {
  const { id, url } = e.data;
  const post = (msg: object, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const buf = await res.arrayBuffer();
    post({ id, buf }, [buf]);
  } catch (err) {
    post({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
