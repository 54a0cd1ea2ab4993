// Build what is missing: demonstration data, snapshots, boundaries, the site. Each step is skipped
// when its output exists (pass force to rebuild).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import { generateDemo } from '../generate-demo';
import { buildSnapshots } from '../build-snapshots';
import { compressDir } from '../compress';

export const SEED = 20251;

export async function ensureData(force = false): Promise<void> {
  const base = resolve('data/generated/base.parquet');
  if (force || !existsSync('static/data/manifest.json')) {
    if (force || !existsSync(base)) {
      const r = await generateDemo(base, SEED);
      console.log(`demo data: ${r.units} units, ${r.rows} unit-years in ${(r.ms / 1000).toFixed(1)} s`);
    }
    await buildSnapshots(base, resolve('static/data'), { demo: true, seed: SEED });
  }
  if (force || !existsSync('static/geo/meta.json')) {
    execSync('npx tsx scripts/build-geo.ts', { stdio: 'inherit' });
  }
}

export function buildSite(): void {
  execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
  const r = compressDir('build');
  console.log(`site built; ${r.files} files precompressed (${(r.before / 1e6).toFixed(1)} → ${(r.after / 1e6).toFixed(1)} MB)`);
}
