/**
 * Imports that add up (DESIGN.md, "Command-line contracts"): a snapshot folder accumulates
 * unit-years across imports, several files are validated together, --replace starts from empty,
 * --rollback restores the previous snapshot, a folder that is not a snapshot folder is never
 * touched, and killing an import at any moment leaves a complete snapshot behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../scripts/lib/validate';
import { recover, rollback } from '../../scripts/lib/snapshot-folder';
import { csvText, good, hashDir, manifest, root, run, table, UNITS, writer } from './import-helpers';

const tmp = mkdtempSync(path.join(tmpdir(), 'import-acc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = writer(tmp);
const year = (y: number, over: Record<string, Cell> = {}) =>
  csvText(table(UNITS.map(([c, n, u], i) => good(c, y, n, u, { households: 1000 + i, ...over }))));
const f2024 = write('2024.csv', year(2024));
const f2025 = write('2025.csv', year(2025));

/** Every file the manifest lists is there with its size: a snapshot the site can serve. */
function complete(dir: string): boolean {
  try {
    return manifest(dir).files.every((f: { path: string; bytes: number }) => statSync(path.join(dir, f.path)).size === f.bytes);
  } catch {
    return false;
  }
}

describe('npm run import: accumulation, rollback, ownership', () => {
  it('adds years file by file, replaces a unit-year imported again, and --replace starts from empty', () => {
    const out = path.join(tmp, 'acc');
    expect(run(f2024, '--out', out).code).toBe(0);
    const r = run(f2025, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/: 4 unit-years added, 0 replaced; now 8 unit-years \(4 units, 2 years: 2024, 2025\)/);
    expect(manifest(out)).toMatchObject({ years: [2024, 2025], unitYears: 8, demo: false });
    // 2025 again, corrected: replaced, not doubled.
    const again = run(write('2025-fixed.csv', year(2025, { households: 2000 })), '--out', out);
    expect(again.stdout).toMatch(/: 0 unit-years added, 4 replaced; now 8 unit-years/);
    expect(manifest(out).unitYears).toBe(8);
    const fresh = run(f2025, '--out', out, '--replace');
    expect(fresh.stdout).toMatch(/: 4 unit-years added, 0 replaced; now 4 unit-years \(4 units, 1 year: 2025\)/);
    expect(manifest(out).years).toEqual([2025]);
  });

  it('validates several files together: a unit-year in two files names both files and rows', () => {
    const out = path.join(tmp, 'multi');
    const a = write('a.csv', year(2024));
    const b = write('b.csv', csvText(table([good(UNITS[2][0], 2024, UNITS[2][1], 1), good('110101001003', 2024, '新社区', 1)])));
    const r = run(a, b, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `b.csv: row 2, column code: duplicate of a.csv row 4 (code ${UNITS[2][0]}, year 2024)`
    ]);
    expect(existsSync(out)).toBe(false); // nothing written
    const ok = run(a, f2025, '--out', out);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^imported 8 rows from a\.csv \(csv, UTF-8\), 2025\.csv \(csv, UTF-8\) → /);
    expect(manifest(out).years).toEqual([2024, 2025]);
  });

  it('refuses a folder that is neither empty nor a snapshot folder, and touches nothing in it', () => {
    const out = path.join(tmp, 'mine');
    mkdirSync(path.join(out, 'sub'), { recursive: true });
    writeFileSync(path.join(out, 'notes.txt'), 'my notes');
    writeFileSync(path.join(out, 'sub', 'a.txt'), 'kept');
    const before = hashDir(out);
    const r = run(f2024, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/is neither empty nor a snapshot folder/);
    expect(hashDir(out)).toEqual(before);
    expect(readdirSync(tmp).filter((f) => f.startsWith('mine'))).toEqual(['mine']);
  });

  it('--rollback restores the snapshot the last import replaced, and a second one redoes it', () => {
    const out = path.join(tmp, 'roll');
    run(f2024, '--out', out);
    run(f2025, '--out', out);
    const r = run('--rollback', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^rolled back .*roll: now 4 unit-years \(2024\)/);
    expect(manifest(out).years).toEqual([2024]);
    expect(complete(out)).toBe(true);
    run('--rollback', '--out', out);
    expect(manifest(out).years).toEqual([2024, 2025]);
    const none = run('--rollback', '--out', path.join(tmp, 'never'));
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no previous snapshot/);
  });

  it('an import killed at any moment leaves the previous snapshot intact (or in .previous, put back next time)', async () => {
    const out = path.join(tmp, 'kill');
    const t0 = Date.now();
    expect(run(f2024, '--out', out).code).toBe(0);
    const full = Date.now() - t0; // how long an import takes on this machine now
    const old = hashDir(out);
    const outcomes = new Set<string>();
    for (const ms of [0.1, 0.3, 0.5, 0.65, 0.8, 0.9, 1, 1.4].map((f) => Math.round(f * full))) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', f2025, '--out', out], {
        cwd: root,
        stdio: 'ignore'
      });
      const done = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      const code = await done;
      clearTimeout(timer);
      if (existsSync(out)) {
        expect(complete(out), `after a kill at ${ms} ms`).toBe(true);
        const years = manifest(out).years.join(',');
        expect(['2024', '2024,2025']).toContain(years);
        outcomes.add(code === 0 ? 'finished' : `killed, ${years}`);
      } else {
        expect(complete(`${out}.previous`), `the previous snapshot after a kill at ${ms} ms`).toBe(true);
        outcomes.add('killed between the renames');
      }
      // What the next command does first: finish an interrupted swap. Then back to the old snapshot,
      // which must be exactly the one imported before.
      recover(out);
      expect(complete(out)).toBe(true);
      if (manifest(out).years.length === 2) rollback(out);
      rmSync(`${out}.previous`, { recursive: true, force: true });
      rmSync(`${out}.building`, { recursive: true, force: true });
      expect(hashDir(out)).toEqual(old);
    }
    expect(outcomes.size).toBeGreaterThan(1); // the kills landed at different stages
  }, 180_000);
});
