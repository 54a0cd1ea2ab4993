/**
 * npm run assess -- --data <csv|parquet> --spec <spec.json> --out <result.csv> [--details]
 *
 * Runs the composite engine (src/lib/assess) on a data file. Contract (DESIGN.md,
 * "Command-line contracts"): output columns unit, score, rank, and with
 * uncertainty.runs > 0 rank_median, rank_p05, rank_p95; units with insufficient data have
 * an empty score and rank. `--details` appends status, availability, rank_within (if the
 * spec sets it), one column per group score (group:<id>) and imputed indicators.
 * Errors: exit code 1 and a message naming the spec field, data column or argument; the
 * output file is written to a temporary file and renamed, so it is never left partial.
 * CSV: UTF-8 (BOM tolerated), header row, parsed by papaparse. Parquet: @duckdb/node-api.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { assess } from '../src/lib/assess/index';
import type { AssessResult, Row } from '../src/lib/assess/index';
import { resolveScheme } from '../src/lib/assess/scheme';
import { indicators } from '../src/lib/indicators/catalogue';

class CliError extends Error {}

const USAGE = 'usage: npm run assess -- --data <csv|parquet> --spec <spec.json> --out <result.csv> [--details]';

function parseArgs(argv: string[]): { data: string; spec: string; out: string; details: boolean } {
  const vals: Record<string, string> = {};
  let details = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--details') {
      details = true;
      continue;
    }
    const m = /^--(data|spec|out)(?:=(.*))?$/.exec(a);
    if (!m) throw new CliError(`${a}: unknown argument\n${USAGE}`);
    const v = m[2] ?? argv[++i];
    if (v === undefined || v === '' || (m[2] === undefined && v.startsWith('--')))
      throw new CliError(`--${m[1]}: missing value\n${USAGE}`);
    vals[m[1]] = v;
  }
  for (const k of ['data', 'spec', 'out']) if (!vals[k]) throw new CliError(`--${k}: missing\n${USAGE}`);
  return { data: vals.data, spec: vals.spec, out: vals.out, details };
}

function readCsv(file: string): Row[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const res = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy', dynamicTyping: false });
  const err = res.errors[0];
  if (err) throw new CliError(`--data: ${file}${err.row !== undefined ? `, row ${err.row + 1}` : ''}: ${err.message}`);
  return res.data as Row[];
}

async function readParquet(file: string): Promise<Row[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    const reader = await conn.runAndReadAll(`SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`);
    return reader.getRowObjectsJS().map((r) => {
      const row: Row = {};
      for (const [k, v] of Object.entries(r)) {
        row[k] =
          v === null || v === undefined
            ? null
            : typeof v === 'number' || typeof v === 'string'
              ? v
              : typeof v === 'bigint'
                ? Number(v)
                : v instanceof Date
                  ? v.toISOString()
                  : String(v);
      }
      return row;
    });
  } catch (e) {
    throw new CliError(`--data: cannot read Parquet ${file}: ${(e as Error).message}`);
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

async function readData(file: string): Promise<Row[]> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`--data: file not found: ${file}`);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return readCsv(file);
  if (ext === '.parquet') return readParquet(file);
  throw new CliError(`--data: unsupported file type "${ext}" (use .csv or .parquet)`);
}

function readSpec(file: string): unknown {
  if (!existsSync(file)) throw new CliError(`--spec: file not found: ${file}`);
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`--spec: invalid JSON in ${file}: ${(e as Error).message}`);
  }
}

const num = (x: number | null) => (x === null ? '' : String(x));

function toCsv(res: AssessResult, details: boolean): string {
  const mc = res.uncertainty !== null;
  const fields = ['unit', 'score', 'rank'];
  if (mc) fields.push('rank_median', 'rank_p05', 'rank_p95');
  if (details) {
    fields.push('status', 'availability');
    if (res.spec.rank_within) fields.push('group', 'rank_within');
    fields.push(...res.groupIds.map((g) => `group:${g}`), 'imputed');
  }
  const data = res.units.map((u) => {
    const r = [u.unit, num(u.score), num(u.rank)];
    if (mc) r.push(num(u.rank_median), num(u.rank_p05), num(u.rank_p95));
    if (details) {
      r.push(u.status, String(u.availability));
      if (res.spec.rank_within) r.push(u.group ?? '', num(u.rank_within));
      r.push(...res.groupIds.map((g) => num(u.groups[g])), u.imputed.join(' '));
    }
    return r;
  });
  return Papa.unparse({ fields, data }, { newline: '\n' }) + '\n';
}

/** Write atomically: temp file in the same folder, then rename. */
function writeAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir)) throw new CliError(`--out: folder does not exist: ${dir}`);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(`--out: cannot write ${file}: ${(e as Error).message}`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Catalogue indicators take what the spec leaves out (direction, names, target, red threshold).
  const spec = resolveScheme(readSpec(args.spec), indicators);
  const rows = await readData(args.data);
  const res = assess(rows, spec);
  writeAtomic(args.out, toCsv(res, args.details));
  for (const w of res.warnings) process.stderr.write(`warning: ${w}\n`);
  if (res.rankReversalPossible)
    process.stderr.write(
      `note: scores depend on the other units' data (${res.rankReversalReasons.join(', ')}): adding or removing a unit can change other units' scores\n`
    );
  const ranked = res.units.filter((u) => u.rank !== null).length;
  process.stdout.write(
    `assess: ${ranked} of ${res.units.length} units ranked${res.uncertainty ? `, ${res.uncertainty.runs} Monte Carlo runs` : ''} → ${args.out}\n`
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
