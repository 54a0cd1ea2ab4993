/**
 * npm run import -- <file>... [--year YYYY] [--out DIR] [--replace] [--encoding utf8|gbk]
 * npm run import -- --rollback [--out DIR]
 *
 * Validates a department's unit-year tables (CSV in UTF-8 or GBK, XLSX, Parquet) against the base
 * columns of data/schema/base-columns.json, adds their unit-years to the snapshot folder DIR
 * (default static/data; a unit-year already there is replaced) and rebuilds the site's snapshots
 * from the whole accumulated table, which the folder keeps as table.parquet. Contract (DESIGN.md,
 * "Command-line contracts"): invalid input → exit code 1, every problem on stderr as
 * `row N, column NAME: what is wrong` (prefixed by the file name when there are several), and
 * nothing written or changed; valid input → exit 0 and a one-line summary on stdout. Only folders
 * it owns are written (lib/snapshot-folder.ts); the replaced snapshot is kept for --rollback.
 * Reading: lib/read-table.ts; rules: lib/validate.ts; merging: lib/accumulate.ts.
 */
import { UsageError, parseCli } from './lib/args';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTable, FileError, type ReadInfo } from './lib/read-table';
import { Validator, allColumns, type SeenKeys } from './lib/validate';
import { tableCsvHeader, tableCsvLine } from '../src/lib/import/table-csv';
import { mergeTable } from './lib/accumulate';
import { FolderError, checkWritable, inspect, recover, rollback } from './lib/snapshot-folder';
import { buildSnapshots } from './build-snapshots';

const MAX_BYTES = 2 * 1024 ** 3;
const MAX_ROWS = 5_000_000;
const SHOW = 200;
const root = fileURLToPath(new URL('..', import.meta.url));

const HELP = `usage: npm run import -- <file>... [--year YYYY] [--out DIR] [--replace] [--encoding utf8|gbk]
       npm run import -- --rollback [--out DIR]

Checks a department's tables of unit-years (one row per community or village per year) against
the base columns of data/schema/base-columns.json, then adds them to the snapshot folder DIR
(default static/data) and rebuilds the site's snapshots from everything imported so far.
A unit-year (code and year) already in DIR is replaced by the new row; every other one is kept,
so importing 2024.csv and then 2025.csv gives both years. The accumulated table is kept in DIR as
table.parquet. Snapshots built from imported data are marked demo: false; demonstration snapshots
in DIR are not added to (the import starts a new table).

  <file>...          .csv (UTF-8 with or without BOM, or GBK - detected), .xlsx (first sheet), .parquet;
                     several files are validated together (a unit-year in two files is an error)
  --year YYYY        year of every row, for files without a year column (a different year in a file is an error)
  --out DIR          snapshot folder (default static/data): it must be empty, new, or a snapshot folder
  --replace          start from an empty table instead of adding to DIR's
  --rollback         put back the snapshot the last import (or rollback) replaced; a second rollback redoes it
  --encoding E       force the CSV encoding: utf8 or gbk

Nothing but DIR, DIR.building (while building) and DIR.previous (the replaced snapshot, for
--rollback) is ever written; a folder that is not a snapshot folder is refused, never deleted.

Headers may be the column names (code, year, name, urban, households, ...) or their Chinese names
(统计用区划代码(12位), 年份, 名称, 户数, ...), in any case and order; title rows above the header are skipped.
Required: ${allColumns
  .filter((c) => c.required)
  .map((c) => c.name)
  .join(', ')} (code: 12 digits; urban: 1/0, 城市/农村, 是/否).
Empty cells are missing values. Unknown columns are ignored, with a "warning: ..." line on stderr.

If anything is wrong, nothing is written, the exit code is 1 and every problem is printed on
stderr, one per line (at most ${SHOW}, then a count of the rest):
  row N, column NAME: what is wrong
N is the row number as a spreadsheet shows it: the header is row 1, so the first data row is row 2.
With several files each line starts with the file's name ("b.csv: row 7, column code: ...").
Problems with the file itself read "file: ..." and missing columns "column NAME: missing required column".
Limits: ${MAX_BYTES / 1024 ** 3} GB and ${MAX_ROWS.toLocaleString('en')} rows per file; Excel files 300 MB and 300,000 rows
(save larger ones as CSV).
`;

interface Args {
  files: string[];
  year?: number;
  out?: string;
  encoding?: 'utf8' | 'gbk';
  replace: boolean;
  rollback: boolean;
}

function parseArgs(argv: string[]): Args | 'help' {
  const parsed = parseCli(
    argv,
    {
      year: { type: 'string' },
      out: { type: 'string' },
      encoding: { type: 'string' },
      replace: { type: 'boolean', default: false },
      rollback: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    },
    true
  );
  const { values: v, positionals } = parsed;
  if (v.help) return 'help';
  const a: Args = { files: positionals, out: v.out, replace: v.replace!, rollback: v.rollback! };
  for (const k of ['year', 'out', 'encoding'] as const)
    if (v[k] !== undefined && v[k] === '') throw new UsageError(`--${k}: missing value`);
  if (v.year !== undefined) {
    if (!/^\d{4}$/.test(v.year) || +v.year < 2000 || +v.year > 2100)
      throw new UsageError(`--year: "${v.year}" is not a year between 2000 and 2100`);
    a.year = Number(v.year);
  }
  if (v.encoding !== undefined) {
    const e = v.encoding.toLowerCase().replace(/[-_]/g, '');
    if (e !== 'utf8' && e !== 'gbk' && e !== 'gb18030' && e !== 'gb2312')
      throw new UsageError(`--encoding: "${v.encoding}" is not utf8 or gbk`);
    a.encoding = e === 'utf8' ? 'utf8' : 'gbk';
  }
  if (a.rollback) {
    if (a.files.length || a.replace || a.year !== undefined)
      throw new UsageError('--rollback takes no files and no other option but --out');
  } else if (!a.files.length) throw new UsageError('missing <file>');
  const dup = a.files.find((f, i) => a.files.findIndex((g) => resolve(g) === resolve(f)) !== i);
  if (dup) throw new UsageError(`${dup}: given twice`);
  return a;
}

/** Buffered line writer for the temporary CSV of validated rows. */
function lineWriter(path: string) {
  const fd = openSync(path, 'w');
  let buf: string[] = [],
    size = 0;
  const flush = () => {
    if (buf.length) writeSync(fd, buf.join('\n') + '\n');
    buf = [];
    size = 0;
  };
  return {
    line(s: string) {
      buf.push(s);
      size += s.length;
      if (size > 1 << 20) flush();
    },
    close() {
      flush();
      closeSync(fd);
    }
  };
}

const yearsText = (ys: number[]) =>
  ys.length > 2 && ys[ys.length - 1] - ys[0] === ys.length - 1 ? `${ys[0]}–${ys[ys.length - 1]}` : ys.join(', ');

interface Checked {
  ok: boolean;
  rows: number;
  infos: { file: string; info: ReadInfo }[];
}

/** Validate every file into one CSV of rows; print problems (file-prefixed when several) on stderr. */
async function validateAll(files: string[], csv: string, args: Args): Promise<Checked> {
  const w = lineWriter(csv);
  w.line(tableCsvHeader);
  const seen: SeenKeys = { keys: new Map(), files: [] };
  const many = files.length > 1;
  const lines: string[] = [];
  const warnings: string[] = [];
  let hidden = 0,
    rows = 0;
  const infos: Checked['infos'] = [];
  try {
    for (const file of files) {
      const name = basename(file);
      const prefix = many ? `${name}: ` : '';
      const v = new Validator({
        year: args.year,
        maxProblems: SHOW,
        seen,
        file: name,
        onRow: (values) => w.line(tableCsvLine(values))
      });
      let info: ReadInfo | undefined,
        fileError: FileError | null = null;
      try {
        info = await readTable(file, (cells, n) => v.push(cells, n), {
          encoding: args.encoding,
          maxRows: MAX_ROWS,
          maxBytes: MAX_BYTES,
          onWarning: (m) => warnings.push(prefix + m)
        });
      } catch (e) {
        if (!(e instanceof FileError)) throw e;
        fileError = e; // still report the problems of the rows read before it
      }
      const res = v.end(!fileError);
      for (const p of res.problems) {
        if (lines.length < SHOW) lines.push(prefix + p);
        else hidden++;
      }
      hidden += res.problemCount - res.problems.length;
      if (fileError) lines.push(`${prefix}file: ${fileError.message}`);
      warnings.push(...res.warnings.map((x) => prefix + x));
      rows += res.rowCount;
      if (info && !fileError) infos.push({ file: name, info });
    }
  } finally {
    w.close();
  }
  process.stderr.write(lines.map((p) => p + '\n').join(''));
  const total = lines.length + hidden;
  if (hidden > 0) process.stderr.write(`file: ${hidden} more problems not shown (${total} in all)\n`);
  for (const x of warnings) process.stderr.write(`warning: ${x}\n`);
  return { ok: total === 0 && infos.length === files.length, rows, infos };
}

function describeFiles(infos: Checked['infos']) {
  return infos.map(({ file, info }) => `${file} (${info.format}${info.encoding ? `, ${info.encoding}` : ''})`).join(', ');
}

async function importFiles(args: Args, base: string, out: string): Promise<number> {
  const files = args.files.map((f) => resolve(base, f));
  const before = inspect(out);
  let existing: string | null = null;
  let note = '';
  if (before.kind === 'snapshot' && !args.replace) {
    if (before.info.demo) note = '; the demonstration snapshots it held were not added to';
    else if (before.info.table) existing = before.info.table;
    else
      throw new FolderError(
        `--out: ${out} holds imported snapshots without table.parquet (from an older version); import all your files again with --replace`
      );
  }
  const tmp = mkdtempSync(join(tmpdir(), 'cgo-import-'));
  try {
    const csv = join(tmp, 'new.csv');
    const checked = await validateAll(files, csv, args);
    if (!checked.ok) return 1;
    const table = join(tmp, 'table.parquet');
    const merged = await mergeTable(csv, existing, table);
    const log = console.log;
    console.log = () => {}; // buildSnapshots reports on stdout; the contract allows one summary line
    let manifest;
    try {
      manifest = await buildSnapshots(table, out, { demo: false, table, keepPrevious: true });
    } finally {
      console.log = log;
    }
    const years = `${merged.years.length} year${merged.years.length > 1 ? 's' : ''}: ${yearsText(merged.years)}`;
    const kept = before.kind === 'snapshot' ? `; previous snapshot kept as ${basename(out)}.previous (--rollback)` : '';
    process.stdout.write(
      `imported ${checked.rows} rows from ${describeFiles(checked.infos)} → ${out}: ${merged.added} unit-years added, ${merged.replaced} replaced; ` +
        `now ${merged.total} unit-years (${merged.units} units, ${years}), ${manifest.files.length} files, demo: false${note}${kept}\n`
    );
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  process.env.CGO_DUCKDB_MEMORY ??= '512MB'; // bounded memory for large files (lib/duck.ts)
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  // `npm run import` runs in the package folder; paths typed by the user are relative to where they typed.
  const base = process.env.npm_lifecycle_event === 'import' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  const out = args.out ? resolve(base, args.out) : join(root, 'static', 'data');
  if (recover(out)) process.stderr.write(`warning: ${out} was missing after an interrupted import; its snapshot was put back\n`);
  if (args.rollback) {
    const now = rollback(out);
    process.stdout.write(
      `rolled back ${out}: now ${now.unitYears} unit-years (${yearsText(now.years)}), demo: ${now.demo}; the snapshot it replaced is kept as ${basename(out)}.previous\n`
    );
    return 0;
  }
  checkWritable(out);
  return importFiles(args, base, out);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof FolderError) process.stderr.write(`${e.message}\n`);
    else if (e instanceof UsageError) process.stderr.write(`${e.message}\n${HELP.split('\n')[0]}\n`);
    else if (e instanceof FileError) process.stderr.write(`file: ${e.message}\n`);
    else
      process.stderr.write(
        `file: import failed: ${String((e as Error)?.message ?? e).split('\n')[0]}${process.env.DEBUG ? '\n' + (e as Error)?.stack : ''}\n`
      );
    process.exit(1);
  }
);
