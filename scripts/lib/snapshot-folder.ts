// A snapshot folder and its two siblings, the only files import and the snapshot build ever write:
//   DIR            the site's snapshots (manifest.json, info.json, units/, summary/, …) and, for
//                  imported data, table.parquet: every unit-year imported so far
//   DIR.building   the next snapshot while it is written (marked by BUILDING_MARK)
//   DIR.previous   the snapshot before the last change (for --rollback)
// Nothing that is not a snapshot folder (or a marked building folder) is ever deleted or replaced.
// A new snapshot goes in by renames only, so a kill at any moment leaves either the old snapshot in
// DIR, or — between the two renames — the old one in DIR.previous, which recover() puts back.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export const BUILDING_MARK = '.cgo-building';
export const TABLE = 'table.parquet';

export class FolderError extends Error {}

const previousOf = (dir: string) => `${dir}.previous`;
const buildingOf = (dir: string) => `${dir}.building`;

export interface SnapshotInfo {
  demo: boolean;
  years: number[];
  unitYears: number;
  /** The accumulated table of imported unit-years, when the folder holds imported data. */
  table: string | null;
}

/** What a folder is: absent, empty, a snapshot folder (with what it holds), or something else. */
export function inspect(dir: string): { kind: 'absent' | 'empty' | 'other' } | { kind: 'snapshot'; info: SnapshotInfo } {
  if (!existsSync(dir)) return { kind: 'absent' };
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return { kind: 'other' }; // a file, or unreadable
  }
  if (entries.length === 0) return { kind: 'empty' };
  try {
    const m = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8'));
    const info = JSON.parse(readFileSync(`${dir}/info.json`, 'utf8'));
    if (m.version !== 1 || !Array.isArray(m.files) || !Array.isArray(m.years) || typeof info.demo !== 'boolean')
      return { kind: 'other' };
    const table = existsSync(`${dir}/${TABLE}`) ? `${dir}/${TABLE}` : null;
    return { kind: 'snapshot', info: { demo: info.demo, years: m.years, unitYears: m.unitYears ?? 0, table } };
  } catch {
    return { kind: 'other' };
  }
}

const isOurs = (dir: string) => {
  const k = inspect(dir).kind;
  return k === 'snapshot' || k === 'empty' || k === 'absent';
};

/** Remove a folder this program wrote (a snapshot, or a marked building folder); refuse anything else. */
function removeOwn(dir: string) {
  if (!existsSync(dir)) return;
  if (!isOurs(dir) && !existsSync(`${dir}/${BUILDING_MARK}`))
    throw new FolderError(`${dir} is not a snapshot folder written by this program; move it away and try again`);
  rmSync(dir, { recursive: true, force: true });
}

/** Finish what an interrupted swap left: DIR missing but DIR.previous there → put it back. */
export function recover(dir: string): boolean {
  if (existsSync(dir) || inspect(previousOf(dir)).kind !== 'snapshot') return false;
  renameSync(previousOf(dir), dir);
  return true;
}

/** Refuse an output folder that is neither absent, empty nor a snapshot folder (nothing is touched). */
export function checkWritable(dir: string): void {
  const k = inspect(dir).kind;
  if (k === 'other')
    throw new FolderError(
      `--out: ${dir} is neither empty nor a snapshot folder; import writes only into its own folders (choose an empty or new one)`
    );
  for (const sib of [previousOf(dir), buildingOf(dir)])
    if (!isOurs(sib) && !existsSync(`${sib}/${BUILDING_MARK}`))
      throw new FolderError(`--out: ${sib} exists and is not a snapshot folder; import needs that name for its own use`);
}

/** A fresh, marked building folder for the next snapshot of DIR. */
export function startBuilding(dir: string): string {
  const tmp = buildingOf(dir);
  removeOwn(tmp);
  mkdirSync(tmp, { recursive: true });
  writeFileSync(`${tmp}/${BUILDING_MARK}`, 'snapshot being built; safe to delete\n');
  return tmp;
}

/** Put the finished building folder in place; the snapshot it replaces becomes DIR.previous (for
 *  --rollback), or is removed when `keepPrevious` is false (a rebuild of the demonstration data). */
export function swapIn(dir: string, keepPrevious = true): void {
  const tmp = buildingOf(dir);
  rmSync(`${tmp}/${BUILDING_MARK}`, { force: true });
  removeOwn(previousOf(dir));
  if (existsSync(dir)) renameSync(dir, previousOf(dir));
  renameSync(tmp, dir);
  if (!keepPrevious) removeOwn(previousOf(dir));
}

/** --rollback: DIR and DIR.previous change places (a second rollback redoes the change). */
export function rollback(dir: string): SnapshotInfo {
  recover(dir);
  const prev = inspect(previousOf(dir));
  if (prev.kind !== 'snapshot') throw new FolderError(`--rollback: no previous snapshot next to ${dir} (${previousOf(dir)})`);
  const cur = inspect(dir);
  if (cur.kind === 'other') throw new FolderError(`--rollback: ${dir} is not a snapshot folder; nothing changed`);
  const swap = `${dir}.rollback`;
  removeOwn(swap);
  if (cur.kind !== 'absent') renameSync(dir, swap);
  renameSync(previousOf(dir), dir);
  if (existsSync(swap)) renameSync(swap, previousOf(dir));
  return prev.info;
}
