// Build-time reads of the snapshot folder for prerendering (server only): the same small files the
// browser fetches, so the HTML carries the first screen and a rebuild after an import refreshes it.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { provenanceOf, type GeoMeta, type Info, type Manifest, type Provenance } from '$lib/data/manifest';
import type { Summary } from '$lib/data/queries';
import type { Row } from '$lib/data/query';

/** The folder the site is built from (svelte.config.js: CGO_STATIC, default static/). */
const STATIC = process.env.CGO_STATIC ?? 'static';
const DATA = resolve(STATIC, 'data');

function read<T>(path: string): T {
  const file = resolve(DATA, path);
  if (!existsSync(file)) throw new Error(`static/data/${path} is missing: run \`npm run data\` (or \`npm run import\`) first`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export const readInfo = (): Info => read<Info>('info.json');

/** The nation's own rows (every year and type) from its summary: the prerendered KPIs. */
export function readNationalRows(): Row[] {
  const { columns, rows } = read<Summary>('summary/000000.json');
  const code = columns.indexOf('code');
  return rows.filter((r) => r[code] === '000000').map((r) => Object.fromEntries(columns.map((k, i) => [k, r[i]])) as Row);
}

export const readProvenance = (): Provenance => provenanceOf(read<Manifest>('manifest.json'));

/** National totals per year (households, residents, units) from the manifest. */
export const readTotals = () => read<Manifest>('manifest.json').totals ?? [];

/** static/geo/meta.json (boundary provenance), or null when a deployment ships no boundaries. */
export function readGeoMeta(): GeoMeta | null {
  const file = resolve(STATIC, 'geo/meta.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as GeoMeta) : null;
}
