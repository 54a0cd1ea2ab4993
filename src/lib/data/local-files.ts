// The snapshot files of a file opened in this browser (src/lib/data/local.svelte.ts), as the data
// layer sees them: plain module state, no runes, so the build scripts can import snapshots.ts.
const OPEN_MARK = 'cgo-open-local';

/** Whether this page load opens the kept file (a one-shot mark set just before the load). */
export const opening = typeof sessionStorage !== 'undefined' && sessionStorage.getItem(OPEN_MARK) === '1';

let files: Record<string, Blob> | null = null;
let settle: () => void = () => {};
/** Settles once it is known which data the pages show; every data/ read waits for it. */
export const localReady: Promise<void> = opening ? new Promise<void>((ok) => (settle = ok)) : Promise.resolve();

/** The open file's snapshot files, or null when the site's own data is shown. */
export const localFiles = () => files;

/** Called once when the kept file has been read (or could not be): data reads go ahead. */
export function openFiles(f: Record<string, Blob> | null): void {
  files = f;
  settle();
}

/** Marks (true) or unmarks the next page load as opening the kept file. */
export function markOpening(on: boolean): void {
  if (on) sessionStorage.setItem(OPEN_MARK, '1');
  else sessionStorage.removeItem(OPEN_MARK);
}
