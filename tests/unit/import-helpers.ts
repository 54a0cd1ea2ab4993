// Shared by the import tests: unit-year rows that pass every check, tables of them, and the
// command line run as a user runs it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allColumns, type Cell } from '../../scripts/lib/validate';

export const root = fileURLToPath(new URL('../../', import.meta.url));

// ---- hand-made rows that pass every check ----
export const names = allColumns.map((c) => c.name);
const SPECIAL: Record<string, number> = {
  households: 1000,
  residents: 3000,
  facility_area: 800,
  activity_area: 300,
  workers: 12,
  workers_start: 12,
  grids: 18,
  survey_n: 50,
  complaints_received: 200,
  complaints_surveyed: 120,
  funding: 12.5,
  admin_time_share: 45.5
};
export function good(
  code: string,
  year: number,
  name: string,
  urban: number,
  over: Record<string, Cell> = {}
): Record<string, Cell> {
  const r: Record<string, Cell> = { code, year, name, urban };
  for (const c of allColumns.slice(4)) {
    r[c.name] = SPECIAL[c.name] ?? (c.range?.[1] === 1 ? 1 : c.type === 'REAL' ? 80.5 : 10);
  }
  return { ...r, ...over };
}
export const UNITS: [string, string, number][] = [
  ['110101001001', '多福巷社区居委会', 1],
  ['110101001002', '银闸社区居委会', 1],
  ['440305001001', '南头城社区居委会', 1],
  ['510112003201', '大梁村村委会', 0]
];
export const panel = () =>
  [2023, 2024].flatMap((y) => UNITS.map(([c, n, u], i) => good(c, y, n, u, { households: 1000 + i * 10 + y - 2023 })));
export const table = (rows: Record<string, Cell>[], header = names): Cell[][] => [
  header,
  ...rows.map((r) => names.map((n) => r[n]))
];

// ---- command line ----
export function run(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/import.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
export const csvText = (recs: Cell[][]) =>
  recs
    .map((r) =>
      r
        .map((v) =>
          v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v)
        )
        .join(',')
    )
    .join('\r\n') + '\r\n';
export const writer = (tmp: string) => (name: string, data: string | Buffer) => {
  const f = path.join(tmp, name);
  writeFileSync(f, data);
  return f;
};
export const manifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
export function hashDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) =>
    readdirSync(d)
      .sort()
      .forEach((f) => {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
      });
  walk(dir);
  return out;
}
