// A checked file made into snapshots in the browser, so every page can explore it in place of the
// site's own: the rows the check worker kept are read into DuckDB-WASM and the snapshot SQL of
// `npm run import` (./snapshot-build.ts, the same code) writes the same files into DuckDB's memory.
// Nothing leaves the browser; the streets list is the site's own file.
import { startDuckDB } from '../data/duckdb';
import { dataUrl } from '../data/snapshots';
import { readRows } from '../data/query';
import { ident, literal } from '../data/sql';
import { buildSnapshotFiles, infoOf, lit, manifestOf, validatedCsvSql, type SnapshotDb } from './snapshot-build';
import type { Info, Manifest, ManifestFile } from '../data/manifest';
import type { KeptTable } from './check.worker';

/** A snapshot built in the browser: every file the site reads, by its path under data/. */
export interface LocalSnapshot {
  /** The file(s) it was built from and when. */
  source: string;
  checked: string;
  manifest: Manifest;
  info: Info;
  /** Blobs: kept in IndexedDB without copying them on the page's thread, read when a page asks. */
  files: Record<string, Blob>;
}

const ROOT = 'cgo-local/'; // DuckDB's file names for this build (the site's own use data/ paths)
const SCHEMA = ident('cgo_local'); // quoted by the one SQL builder, as every name and value is

async function sha256(bytes: Uint8Array): Promise<string> {
  // crypto.subtle exists only in secure contexts (https, localhost); an intranet over http has none.
  if (!globalThis.crypto?.subtle) return '';
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Builds the snapshots of `kept` (a valid file's rows) in DuckDB-WASM; `onStep` names each stage. */
export async function buildLocal(
  kept: KeptTable,
  source: string,
  onStep: (step: string) => void = () => {}
): Promise<LocalSnapshot> {
  const { db } = await startDuckDB();
  const conn = await db.connect(); // its own connection and schema: the site's tables are not touched
  const written = new Map<string, Uint8Array | null>();
  const texts = new Map<string, string>();
  const inputs = [`${ROOT}table.csv`, `${ROOT}initials.csv`, `${ROOT}streets.parquet`];
  try {
    onStep('read');
    const streets = await fetch(dataUrl('streets.parquet'));
    if (!streets.ok) throw new Error(`streets.parquet: HTTP ${streets.status}`);
    await db.registerFileBuffer(inputs[0], new Uint8Array(await kept.table.arrayBuffer()));
    await db.registerFileBuffer(inputs[1], new Uint8Array(await kept.initials.arrayBuffer()));
    await db.registerFileBuffer(inputs[2], new Uint8Array(await streets.arrayBuffer()));
    await conn.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await conn.query(`CREATE SCHEMA ${SCHEMA}`);
    await conn.query(`SET schema = ${literal('cgo_local')}`);
    await conn.query(validatedCsvSql('validated', inputs[0]));
    const engine: SnapshotDb = {
      run: async (q) => void (await conn.query(q)),
      rows: async <T>(q: string) => (await readRows(conn, q)) as T[],
      target: async (path) => {
        onStep(path.split('/')[0]);
        await db.registerEmptyFileBuffer(ROOT + path);
        written.set(path, null);
        return lit(ROOT + path);
      },
      write: async (path, text) => void texts.set(path, text),
      initials: async (table) =>
        void (await conn.query(
          `CREATE TABLE ${table}_ini AS SELECT code, initials FROM read_csv(${lit(inputs[1])}, header = true, auto_detect = false,
             columns = {'code': 'VARCHAR', 'initials': 'VARCHAR'})`
        ))
    };
    const built = await buildSnapshotFiles(
      engine,
      'validated',
      `(SELECT code, name, initials FROM read_parquet(${lit(inputs[2])}))`
    );
    onStep('manifest');
    const files: Record<string, Blob> = {};
    const list: ManifestFile[] = [];
    for (const path of [...written.keys()].sort()) {
      const bytes = await db.copyFileToBuffer(ROOT + path);
      files[path] = new Blob([bytes as BlobPart]);
      const rows = path.endsWith('.parquet')
        ? Number((await readRows(conn, `SELECT count(*)::INTEGER AS n FROM read_parquet(${lit(ROOT + path)})`))[0].n)
        : null;
      list.push({ path, rows, bytes: bytes.length, sha256: await sha256(bytes) });
    }
    const encoder = new TextEncoder();
    for (const [path, text] of texts) {
      const bytes = encoder.encode(text);
      files[path] = new Blob([bytes]);
      list.push({ path, rows: null, bytes: bytes.length, sha256: await sha256(bytes) });
    }
    const manifest = manifestOf(built, list, { demo: false });
    files['manifest.json'] = new Blob([JSON.stringify(manifest)]);
    return { source, checked: manifest.built, manifest, info: infoOf(manifest), files };
  } finally {
    await conn.query(`SET schema = 'main'`).catch(() => undefined);
    await conn.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
    await conn.close();
    for (const f of [...inputs, ...[...written.keys()].map((p) => ROOT + p)]) await db.dropFile(f).catch(() => undefined);
  }
}
