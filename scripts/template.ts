/**
 * npm run template -- [--region CODE] [--year YYYY] [--format xlsx|csv] [--out FILE] [--data DIR] [--force]
 *
 * Writes the fill-in template for `npm run import`, built from data/schema/base-columns.json: Chinese
 * headers with units (户数(户), …), one row per unit of --region with its code, name, urban flag and
 * year filled in, and notes on every column (definition, valid range, cross-field rules). XLSX: sheet
 * "填报表" and sheet "填报说明"; CSV: the sheet, and the notes in FILE-notes.csv. The units come from the
 * snapshot folder DIR (names/<province>.parquet, regions.json). An existing file is never overwritten
 * without --force. Building the template: src/lib/import/template.ts and template-xlsx.ts.
 */
import { UsageError, parseCli } from './lib/args';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildTemplate,
  defaultSchema,
  notesCsv,
  notesFileName,
  templateCsv,
  templateFileName,
  unitPrefix,
  type TemplateUnit
} from '../src/lib/import/template';
import { FILL_SHEET, NOTES_SHEET, templateXlsx } from '../src/lib/import/template-xlsx';
import { MAX_NAME_LENGTH } from './lib/validate';
import { lit, openDuck, rows } from './lib/duck';

const root = fileURLToPath(new URL('..', import.meta.url));

const HELP = `usage: npm run template -- [--region CODE] [--year YYYY] [--format xlsx|csv] [--out FILE] [--data DIR] [--force]

Writes the fill-in template for npm run import: Chinese headers with units, as the import reads them,
and notes on every column (definition, unit, type, valid range, cross-field rules).

  --region CODE    6-digit province, city or district code (e.g. 110101): one row per community and
                   village of that region, with code, name, urban and year filled in; without it the
                   template has the header only
  --year YYYY      year of the prefilled rows (default: the latest year in DIR's manifest + 1)
  --format F       xlsx (default; sheets "${FILL_SHEET}" and "${NOTES_SHEET}") or csv (UTF-8 with BOM;
                   the notes go to FILE-notes.csv beside it)
  --out FILE       file to write (default template-<region or all>-<year>.<format> in the current folder)
  --data DIR       snapshot folder with the units' names (default static/data)
  --force          overwrite FILE if it exists (otherwise an existing file is refused)
`;

interface Args {
  region?: string;
  year?: number;
  format: 'xlsx' | 'csv';
  out?: string;
  data?: string;
  force: boolean;
}

function parseArgs(argv: string[]): Args | 'help' {
  const parsed = parseCli(argv, {
    region: { type: 'string' },
    year: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    data: { type: 'string' },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
  });
  const v = parsed.values;
  if (v.help) return 'help';
  for (const k of ['region', 'year', 'format', 'out', 'data'] as const)
    if (v[k] !== undefined && v[k] === '') throw new UsageError(`--${k}: missing value`);
  if (v.region !== undefined && !/^\d{6}$/.test(v.region))
    throw new UsageError(`--region: "${v.region}" is not a 6-digit province, city or district code`);
  if (v.year !== undefined && (!/^\d{4}$/.test(v.year) || +v.year < 2000 || +v.year > 2100))
    throw new UsageError(`--year: "${v.year}" is not a year between 2000 and 2100`);
  const fromOut = v.out && /\.(xlsx|csv)$/i.exec(v.out)?.[1].toLowerCase();
  const format = (v.format?.toLowerCase() ?? fromOut ?? 'xlsx') as string;
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError(`--format: "${v.format}" is not xlsx or csv`);
  if (fromOut && fromOut !== format) throw new UsageError(`--out: "${v.out}" does not end in .${format} (--format ${format})`);
  return {
    region: v.region,
    year: v.year === undefined ? undefined : Number(v.year),
    format,
    out: v.out,
    data: v.data,
    force: v.force!
  };
}

/** A file of the snapshot folder, read as JSON; a missing or broken one is an error naming it. */
function readJson<T>(file: string, what: string): T {
  if (!existsSync(file)) throw new UsageError(`--data: ${file} not found (${what}); is --data a snapshot folder?`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new UsageError(`--data: ${file} is not valid JSON (${(e as Error).message})`);
  }
}

type RegionRow = [string, string, string, string | null, ...unknown[]];

/** The region's name and level from DIR/regions.json; an unknown code is an error naming it. */
function findRegion(data: string, code: string): { name: string; level: 'p' | 'c' | 'd' } {
  const regions = readJson<RegionRow[]>(join(data, 'regions.json'), 'the region list');
  // A city without districts (东莞 441900) is listed as city and as its own district: the city comes first.
  const row = regions.find((r) => r[0] === code);
  if (!row) throw new UsageError(`--region: ${code} is not a province, city or district in ${join(data, 'regions.json')}`);
  return { name: row[1], level: row[2] as 'p' | 'c' | 'd' };
}

/** Units whose code starts with the region's prefix, from DIR/names/<province>.parquet, by code. */
async function regionUnits(data: string, code: string, prefix: string): Promise<TemplateUnit[]> {
  const file = join(data, 'names', `${code.slice(0, 2)}.parquet`);
  if (!existsSync(file)) throw new UsageError(`--data: ${file} not found (the names of province ${code.slice(0, 2)})`);
  const con = await openDuck();
  try {
    return await rows<TemplateUnit>(
      con,
      `SELECT code, name, CAST(urban AS INTEGER) AS urban FROM read_parquet(${lit(file)})
       WHERE starts_with(code, ${lit(prefix)}) ORDER BY code`
    );
  } finally {
    con.closeSync();
  }
}

function write(file: string, bytes: string | Uint8Array, force: boolean) {
  try {
    writeFileSync(file, bytes, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`--out: ${file} already exists; pass --force to overwrite it`);
    throw new UsageError(`--out: cannot write ${file} (${code ?? (e as Error).message})`);
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  // `npm run template` runs in the package folder; paths typed by the user are relative to where they typed.
  const base = process.env.npm_lifecycle_event === 'template' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  const data = args.data ? resolve(base, args.data) : join(root, 'static', 'data');
  const year =
    args.year ?? Math.max(...readJson<{ years: number[] }>(join(data, 'manifest.json'), 'for the default --year').years) + 1;
  if (!Number.isInteger(year)) throw new UsageError(`--year: no years in ${join(data, 'manifest.json')}; pass --year YYYY`);
  let units: TemplateUnit[] = [];
  let where = 'no units (header only)';
  if (args.region) {
    const region = findRegion(data, args.region);
    units = await regionUnits(data, args.region, unitPrefix(args.region, region.level));
    where = `${units.length} units of ${region.name} (${args.region})`;
    if (!units.length)
      process.stderr.write(
        `warning: ${data} has no units of ${region.name} (${args.region}); the template has the header only\n`
      );
  }
  const template = buildTemplate({ units, year, schema: { ...defaultSchema, maxNameLength: MAX_NAME_LENGTH } });
  const out = resolve(base, args.out ?? templateFileName(args.region, year, args.format));
  if (args.format === 'xlsx') {
    write(out, templateXlsx(template), args.force);
    process.stdout.write(
      `wrote ${out}: ${where}, year ${year}, ${template.header.length} columns; notes on sheet ${NOTES_SHEET}\n`
    );
  } else {
    const notes = notesFileName(out);
    // Both files are checked before either is written, so a refusal leaves nothing half-done.
    if (!args.force)
      for (const f of [out, notes])
        if (existsSync(f)) throw new UsageError(`--out: ${f} already exists; pass --force to overwrite it`);
    write(out, templateCsv(template), args.force);
    write(notes, notesCsv(template), args.force);
    process.stdout.write(
      `wrote ${out}: ${where}, year ${year}, ${template.header.length} columns; notes in ${basename(notes)}\n`
    );
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError) process.stderr.write(`${e.message}\n`);
    else
      process.stderr.write(
        `template failed: ${String((e as Error)?.message ?? e).split('\n')[0]}${process.env.DEBUG ? '\n' + (e as Error)?.stack : ''}\n`
      );
    process.exit(1);
  }
);
