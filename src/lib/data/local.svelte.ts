// A department's own file explored in the browser in place of the site's snapshots. The snapshots
// built from it (src/lib/import/local-build.ts) are kept in this browser's IndexedDB, never sent
// anywhere. Opening them is a fresh page load with a one-shot mark in sessionStorage, so every cache
// starts empty; any later load (a reload, a new tab) shows the site's own data and offers to restore
// the file or forget it. While a file is open, snapshots.ts answers data/ paths from it.
import type { Info } from './manifest';
import type { LocalSnapshot } from '../import/local-build';
import { markOpening, openFiles, opening } from './local-files';

export { opening };

const DB = 'cgo-local';
const STORE = 'snapshots';
const KEY = 'current';

/** What the pages show about a kept file. */
export interface LocalMeta {
  source: string;
  checked: string;
  info: Info;
  bytes: number;
}

/** `open`: the file the pages are showing; `kept`: a file kept in this browser (offered on load). */
export const local = $state<{ open: LocalMeta | null; kept: LocalMeta | null }>({ open: null, kept: null });

function idb<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction(STORE, mode);
      const r = work(tx.objectStore(STORE));
      tx.oncomplete = () => {
        req.result.close();
        resolve(r.result);
      };
      tx.onerror = tx.onabort = () => {
        req.result.close();
        reject(tx.error ?? r.error);
      };
    };
  });
}

const metaOf = (s: LocalSnapshot): LocalMeta => ({
  source: s.source,
  checked: s.checked,
  info: s.info,
  bytes: Object.values(s.files).reduce((n, f) => n + f.size, 0)
});

/** Keeps `snap` in this browser (replacing the one kept before). */
export async function keepLocal(snap: LocalSnapshot): Promise<void> {
  await idb('readwrite', (s) => s.put(snap, KEY));
  local.kept = metaOf(snap);
}

/** Forgets the kept file: removed from this browser; the site's own data is shown again. */
export async function forgetLocal(): Promise<void> {
  await idb('readwrite', (s) => s.delete(KEY));
  local.kept = null;
}

/** A fresh load of `href` (the overview) with (true) or without the kept file open. */
export function reopen(withFile: boolean, href: string): void {
  markOpening(withFile);
  location.assign(href); // relative to this page, as links are
}

async function boot(): Promise<void> {
  if (!opening) return void (await offer());
  markOpening(false); // one-shot: a reload offers it again
  let snap: LocalSnapshot | undefined;
  try {
    snap = await idb<LocalSnapshot | undefined>('readonly', (s) => s.get(KEY));
  } catch {
    /* storage unavailable: the site's own data */
  }
  openFiles(snap?.files ?? null);
  if (snap) local.open = local.kept = metaOf(snap);
}

/** On any other load: is a file kept to offer? */
async function offer(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  try {
    const snap = await idb<LocalSnapshot | undefined>('readonly', (s) => s.get(KEY));
    if (snap) local.kept = metaOf(snap);
  } catch {
    /* storage unavailable (private mode): nothing kept */
  }
}

if (typeof window !== 'undefined') void boot();
