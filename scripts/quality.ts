/**
 * npm run quality -- [--data DIR] [--year YYYY] [--out report.csv]
 *
 * The data-quality report (src/lib/quality): plausibility warnings over a snapshot folder's unit
 * partitions (DIR/units/<year>/<province>.parquet; default DIR static/data, default the latest year).
 * Prints the warnings per rule and the ten districts with the lowest quality score; with --out,
 * writes one CSV row per warning. Warnings are not errors: exit 0. A bad folder, year or argument:
 * exit 1 with one line on stderr.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuck, rows, lit } from './lib/duck';
import { toCsv } from '../src/lib/csv';
import { RULES } from '../src/lib/quality/rules';
import { districtUnitsSql, warningsSql, type WarningRow } from '../src/lib/quality/sql';
import { buildReport, csvRows, CSV_COLUMNS, type QualityReport } from '../src/lib/quality/report';

class CliError extends Error {}
const USAGE = 'usage: npm run quality -- [--data DIR] [--year YYYY] [--out report.csv]';

export interface QualityArgs {
  data: string;
  year?: number;
  out?: string;
}

export function parseArgs(argv: string[]): QualityArgs {
  const vals: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(data|year|out)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new CliError(`${argv[i]}: unknown argument. ${USAGE}`);
    const v = m[2] ?? argv[++i];
    if (v === undefined || v === '' || (m[2] === undefined && v.startsWith('--')))
      throw new CliError(`--${m[1]}: missing value. ${USAGE}`);
    vals[m[1]] = v;
  }
  if (vals.year !== undefined && !/^\d{4}$/.test(vals.year)) throw new CliError(`--year: not a year: ${vals.year}`);
  return { data: vals.data ?? 'static/data', year: vals.year ? Number(vals.year) : undefined, out: vals.out };
}

/** The snapshot's years, or a CliError naming the folder. */
function snapshotYears(dir: string): number[] {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) throw new CliError(`--data: ${dir} is not a snapshot folder (no manifest.json)`);
  try {
    const years = (JSON.parse(readFileSync(manifest, 'utf8')) as { years?: number[] }).years ?? [];
    if (!years.length) throw new Error('no years');
    return years;
  } catch {
    throw new CliError(`--data: ${manifest} is not a snapshot manifest (no years)`);
  }
}

/** District code → name from the snapshot's regions.json (empty when absent). */
function districtNames(dir: string): Map<string, string> {
  const file = join(dir, 'regions.json');
  if (!existsSync(file)) return new Map();
  const regions = JSON.parse(readFileSync(file, 'utf8')) as [string, string, string][];
  return new Map(regions.filter((r) => r[2] === 'd' || r[2] === 'c').map((r) => [r[0], r[1]]));
}

/** Runs the report over a snapshot folder on native DuckDB. */
export async function qualityReport(dir: string, year?: number): Promise<QualityReport & { year: number }> {
  const years = snapshotYears(dir);
  const y = year ?? Math.max(...years);
  if (!years.includes(y)) throw new CliError(`--year: ${y} is not in ${dir} (years ${years.join(', ')})`);
  if (!existsSync(join(dir, 'units', String(y))))
    throw new CliError(`--data: ${dir} has no units/${y}/ folder of unit partitions`);
  const files = (yy: number) => lit(join(dir, 'units', String(yy), '*.parquet'));
  const con = await openDuck();
  try {
    await con.run(`CREATE TABLE cur AS SELECT * FROM read_parquet(${files(y)})`);
    const hasPrevious = years.includes(y - 1) && existsSync(join(dir, 'units', String(y - 1)));
    if (hasPrevious) await con.run(`CREATE TABLE prev AS SELECT code, households, residents FROM read_parquet(${files(y - 1)})`);
    await con.run(`CREATE VIEW names AS SELECT code, name FROM read_parquet(${lit(join(dir, 'names', '*.parquet'))})`);
    await con.run(`CREATE VIEW streets AS SELECT code, name FROM read_parquet(${lit(join(dir, 'streets.parquet'))})`);
    const src = { current: 'cur', previous: hasPrevious ? 'prev' : null, names: 'names', streets: 'streets' };
    const warnings = (await rows<WarningRow>(con, warningsSql(src))).map((w) => ({
      ...w,
      value: Number(w.value),
      reference: w.reference === null ? null : Number(w.reference),
      threshold: Number(w.threshold),
      units: Number(w.units)
    }));
    const names = districtNames(dir);
    for (const w of warnings) if (!w.name) w.name = names.get(w.code) ?? null; // district-level warnings
    const districtUnits = await rows<{ district: string; units: number }>(con, districtUnitsSql(src));
    return { ...buildReport(warnings, districtUnits), year: y };
  } finally {
    con.closeSync();
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function printSummary(report: QualityReport & { year: number }, dir: string, ms: number): void {
  const names = districtNames(dir);
  console.log(`data-quality report, ${dir}, ${report.year}: ${report.warnings.length} warnings in ${(ms / 1000).toFixed(1)} s`);
  for (const r of RULES) console.log(`  ${r.id.padEnd(22)} ${String(report.counts[r.id]).padStart(6)}  ${r.zh} / ${r.en}`);
  console.log('worst districts (quality score = 100 × (1 − unit-warnings / units)):');
  for (const d of report.districts.slice(0, 10))
    console.log(
      `  ${d.district} ${(names.get(d.district) ?? '').padEnd(8, '　')} score ${d.score.toFixed(1).padStart(5)}  ${plural(d.warnings, 'warning')}, ${plural(d.concerned, 'unit-warning')} / ${plural(d.units, 'unit')}`
    );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = resolve(args.data);
  const t0 = Date.now();
  const report = await qualityReport(dir, args.year);
  printSummary(report, dir, Date.now() - t0);
  if (args.out) {
    const out = resolve(args.out);
    writeFileSync(`${out}.tmp`, toCsv(CSV_COLUMNS, csvRows(report)));
    renameSync(`${out}.tmp`, out);
    console.log(`${report.warnings.length} warnings → ${out}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e instanceof CliError ? `quality: ${e.message}` : e);
    process.exit(1);
  });
}
