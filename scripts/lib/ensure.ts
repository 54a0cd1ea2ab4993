// Build what is missing or out of date: demonstration data, snapshots, boundaries, the site.
// A hash of the sources each output is built from is stored next to it, so changing the indicator
// catalogue, the schema or the generator rebuilds the data. Snapshots imported from a
// department's own data (demo: false) are never replaced automatically.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import { generateDemo } from '../generate-demo';
import { buildSnapshots } from '../build-snapshots';
import { compressDir } from '../compress';

export const SEED = 20251;

const hashOf = (files: string[]) => {
  const h = createHash('sha256');
  for (const f of files) h.update(f).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
};
/** Version of the generated base table: the generator and its parameters. */
export const generatorVersion = () =>
  hashOf(['scripts/generate-demo.ts', 'scripts/lib/provinces.ts', 'scripts/lib/planted.ts', 'data/schema/base-columns.json']) +
  `-${SEED}`;
/** Version of the snapshots: the catalogue, the schema and the snapshot builder (plus the base). */
export const snapshotVersion = () =>
  hashOf([
    'data/indicators/indicators.json',
    'data/schema/base-columns.json',
    'scripts/build-snapshots.ts',
    'src/lib/import/snapshot-build.ts',
    'src/lib/data/queries.ts',
    'src/lib/indicators/sql.ts',
    'scripts/lib/initials.ts'
  ]) + `+${generatorVersion()}`;

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

export async function ensureData(force = false): Promise<void> {
  const base = resolve('data/generated/base.parquet');
  const baseVersionFile = `${base}.version`;
  const manifest = readJson<{ demo: boolean; dataVersion?: string }>('static/data/manifest.json');
  if (manifest && !manifest.demo && !force) {
    console.log('static/data holds imported data (demo: false): left as it is.');
  } else if (force || !manifest || manifest.dataVersion !== snapshotVersion()) {
    if (
      force ||
      !existsSync(base) ||
      (existsSync(baseVersionFile) ? readFileSync(baseVersionFile, 'utf8') : '') !== generatorVersion()
    ) {
      const r = await generateDemo(base, SEED);
      writeFileSync(baseVersionFile, generatorVersion());
      console.log(`demo data: ${r.units} units, ${r.rows} unit-years in ${(r.ms / 1000).toFixed(1)} s`);
    }
    // Replacing a department's imported snapshot (--force) keeps it as static/data.previous.
    const keepPrevious = manifest !== null && !manifest.demo;
    await buildSnapshots(base, resolve('static/data'), { demo: true, seed: SEED, version: snapshotVersion(), keepPrevious });
  }
  // Boundaries: rebuilt when their builder changed (the version sits beside them, outside the site).
  const geoVersion = hashOf(['scripts/build-geo.ts']);
  const geoVersionFile = 'data/generated/geo.version';
  const builtGeo = existsSync(geoVersionFile) ? readFileSync(geoVersionFile, 'utf8') : '';
  if (force || !existsSync('static/geo/meta.json') || builtGeo !== geoVersion) {
    execSync('npx tsx scripts/build-geo.ts', { stdio: 'inherit' });
    mkdirSync('data/generated', { recursive: true });
    writeFileSync(geoVersionFile, geoVersion);
  }
}

/** What static/ may hold that is not part of the site: the import's rollback copy, a snapshot being
 *  built, and the accumulated table of imported unit-years (scripts/lib/snapshot-folder.ts). */
const NOT_SITE = ['data.previous', 'data.building', 'data.rollback', 'data/table.parquet'];

export function buildSite(): void {
  execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
  for (const p of NOT_SITE) rmSync(resolve('build', p), { recursive: true, force: true });
  const r = compressDir('build');
  console.log(`site built; ${r.files} files precompressed (${(r.before / 1e6).toFixed(1)} → ${(r.after / 1e6).toFixed(1)} MB)`);
}
