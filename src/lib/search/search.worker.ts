// Search worker: holds every street and grassroots unit name (≈660,000) with pinyin initials and
// answers each keystroke off the main thread. Loaded from data/search.tsv on the first query.
import { searchIndex } from './rank';

export type Kind = 's' | 'u' | 'r';
export interface Hit {
  code: string;
  name: string;
  kind: Kind;
}
export type Msg = { id: number; url: string; q: string; limit: number };
export type Reply = { id: number; hits: Hit[]; ms: number } | { id: number; error: string };

let codes: string[] = [],
  names: string[] = [],
  initials: string[] = [],
  kinds: Kind[] = [];
let loading: Promise<void> | null = null;

function load(url: string): Promise<void> {
  loading ??= fetch(url).then(async (r) => {
    if (!r.ok) throw new Error(`search index: HTTP ${r.status}`);
    const text = await r.text();
    for (const line of text.split('\n')) {
      if (!line) continue;
      const [c, n, i, k] = line.split('\t');
      codes.push(c);
      names.push(n);
      initials.push(i ?? '');
      kinds.push((k ?? 'r').trim() as Kind);
    }
  });
  loading.catch(() => {
    loading = null;
    codes = [];
    names = [];
    initials = [];
    kinds = [];
  });
  return loading;
}

self.onmessage = async (e: MessageEvent<Msg>) => {
  const { id, url, q, limit } = e.data;
  try {
    await load(url);
    const t0 = performance.now();
    const latin = /^[a-z0-9]+$/.test(q);
    const hits = searchIndex(latin ? initials : names, q, limit, latin).map((i) => ({
      code: codes[i],
      name: names[i],
      kind: kinds[i]
    }));
    (self as unknown as Worker).postMessage({ id, hits, ms: performance.now() - t0 } satisfies Reply);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: String(err) } satisfies Reply);
  }
};
