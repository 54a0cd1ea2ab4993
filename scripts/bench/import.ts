// A million-row import on the command line (DESIGN.md budget: ≤ 60 s and ≤ 1.5 GB peak memory on
// 2 cores): a CSV of 1,000,000 demonstration unit-years, imported into an empty temporary folder by
// the real command in its own process; its peak memory is reported by a preloaded exit hook.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDuck, lit } from '../lib/duck';
import type { Row } from './common';

const ROWS = 1_000_000;

export async function importBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cgo-bench-import-'));
  try {
    const csv = join(dir, 'million.csv');
    const con = await openDuck();
    await con.run(`COPY (SELECT * FROM read_parquet(${lit(resolve('data/generated/base.parquet'))}) ORDER BY year DESC, code
                   LIMIT ${ROWS}) TO ${lit(csv)} (HEADER)`);
    con.closeSync();
    const hook = join(dir, 'rss.mjs');
    writeFileSync(hook, `process.on('exit', () => process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n'));\n`);
    const t0 = Date.now();
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', hook, 'scripts/import.ts', csv, '--out', join(dir, 'out')],
      {
        encoding: 'utf8'
      }
    );
    const secs = (Date.now() - t0) / 1000;
    const rss = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN) * 1024;
    const ok = r.status === 0;
    return [
      [
        `import ${(ROWS / 1e6).toFixed(0)},000,000-row CSV`,
        `file ${(statSync(csv).size / 1e6).toFixed(0)} MB → snapshots`,
        ok ? `${secs.toFixed(1)} s` : `FAILED: ${r.stderr.split('\n')[0]}`,
        '≤ 60 s'
      ],
      ['', 'peak memory (resident)', Number.isFinite(rss) ? `${(rss / 1024 ** 3).toFixed(2)} GB` : '—', '≤ 1.5 GB']
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
