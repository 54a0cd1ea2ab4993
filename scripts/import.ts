/**
 * npm run import -- <file> [--year YYYY] [--out DIR] [--encoding utf8|gbk]
 *
 * Validates a department's unit-year table (CSV in UTF-8 or GBK, XLSX, Parquet) against the base
 * columns of data/schema/base-columns.json and writes the site's snapshots into DIR (default
 * static/data) with buildSnapshots (demo: false). Contract (DESIGN.md, "Command-line contracts"):
 * invalid input → exit code 1, every problem on stderr as `row N, column NAME: what is wrong`
 * (file-level: `file: ...` or `column NAME: ...`), and nothing written or changed in DIR; valid
 * input → exit 0 and a one-line summary on stdout. Reading: lib/read-table.ts; rules: lib/validate.ts.
 */
import { closeSync, existsSync, mkdtempSync, openSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join, parse as parsePath, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTable, FileError } from './lib/read-table';
import { Validator, allColumns, type Value } from './lib/validate';
import { openDuck, lit } from './lib/duck';
import { buildSnapshots } from './build-snapshots';

const MAX_BYTES = 2 * 1024 ** 3;
const MAX_ROWS = 5_000_000;
const SHOW = 200;
const root = fileURLToPath(new URL('..', import.meta.url));

const HELP = `usage: npm run import -- <file> [--year YYYY] [--out DIR] [--encoding utf8|gbk]

Checks a department's table of unit-years (one row per community or village per year) against
the base columns of data/schema/base-columns.json, then writes the site's snapshots into DIR
(default static/data; DIR is replaced as a whole, atomically). Snapshots built from imported
data are marked demo: false.

  <file>             .csv (UTF-8 with or without BOM, or GBK - detected), .xlsx (first sheet), .parquet
  --year YYYY        year of every row, for a file without a year column (a different year in the file is an error)
  --out DIR          output folder (default static/data)
  --encoding E       force the CSV encoding: utf8 or gbk

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
Problems with the file itself read "file: ..." and missing columns "column NAME: missing required column".
Limits: ${MAX_BYTES / 1024 ** 3} GB and ${MAX_ROWS.toLocaleString('en')} rows per file; Excel files 300 MB and 300,000 rows
(save larger ones as CSV).
`;

class UsageError extends Error {}
interface Args {
  file: string;
  year?: number;
  out?: string;
  encoding?: 'utf8' | 'gbk';
}

function parseArgs(argv: string[]): Args | 'help' {
  const a: Partial<Args> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const m = /^--(year|out|encoding)(?:=(.*))?$/.exec(arg);
    if (m) {
      const v = m[2] ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`--${m[1]}: missing value`);
      if (m[1] === 'year') {
        if (!/^\d{4}$/.test(v) || +v < 2000 || +v > 2100)
          throw new UsageError(`--year: "${v}" is not a year between 2000 and 2100`);
        a.year = Number(v);
      } else if (m[1] === 'encoding') {
        const e = v.toLowerCase().replace(/[-_]/g, '');
        if (e !== 'utf8' && e !== 'gbk' && e !== 'gb18030' && e !== 'gb2312')
          throw new UsageError(`--encoding: "${v}" is not utf8 or gbk`);
        a.encoding = e === 'utf8' ? 'utf8' : 'gbk';
      } else a.out = v;
    } else if (arg.startsWith('--')) throw new UsageError(`${arg}: unknown option`);
    else if (a.file) throw new UsageError(`${arg}: only one file at a time (already have ${a.file})`);
    else a.file = arg;
  }
  if (!a.file) throw new UsageError('missing <file>');
  return a as Args;
}

/** DIR is replaced as a whole: refuse folders whose loss would hurt (/, home, the repository, an ancestor of the input). */
function checkOut(out: string, file: string) {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const o = real(out);
  const inside = (p: string) => p === o || p.startsWith(o.endsWith(sep) ? o : o + sep);
  if (o === parsePath(o).root || o === real(homedir()) || o === real(root) || inside(real(process.cwd())) || inside(real(file))) {
    throw new UsageError(`--out: ${out} would be replaced as a whole; choose a folder of its own (e.g. static/data)`);
  }
  if (existsSync(join(o, '.git')) || existsSync(join(o, 'package.json')))
    throw new UsageError(`--out: ${out} looks like a project folder; choose a folder of its own`);
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

const isText = allColumns.map((c) => c.type === 'VARCHAR');
const csvLine = (values: Value[]) =>
  values.map((v, j) => (v === null ? '' : isText[j] ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',');

async function writeParquet(csv: string, parquet: string) {
  const con = await openDuck();
  try {
    const types = allColumns.map((c) => `${lit(c.name)}: ${lit(c.type === 'REAL' ? 'FLOAT' : c.type)}`).join(', ');
    await con.run(`COPY (SELECT * FROM read_csv(${lit(csv)}, header = true, auto_detect = false, delim = ',', quote = '"',
                     escape = '"', nullstr = '', columns = {${types}}) ORDER BY code, year) TO ${lit(parquet)} (FORMAT PARQUET)`);
  } finally {
    con.closeSync();
  }
}

const yearsText = (ys: number[]) =>
  ys.length > 2 && ys[ys.length - 1] - ys[0] === ys.length - 1 ? `${ys[0]}–${ys[ys.length - 1]}` : ys.join(', ');

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  // `npm run import` runs in the package folder; paths typed by the user are relative to where they typed.
  const base = process.env.npm_lifecycle_event === 'import' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  const file = resolve(base, args.file);
  const out = args.out ? resolve(base, args.out) : join(root, 'static', 'data');
  checkOut(out, file);

  const tmp = mkdtempSync(join(tmpdir(), 'cgo-import-'));
  try {
    const csv = join(tmp, 'base.csv');
    const w = lineWriter(csv);
    w.line(allColumns.map((c) => c.name).join(','));
    const warnings: string[] = [];
    const v = new Validator({ year: args.year, maxProblems: SHOW, onRow: (values) => w.line(csvLine(values)) });
    let info,
      fileError: FileError | null = null;
    try {
      info = await readTable(file, (cells, n) => v.push(cells, n), {
        encoding: args.encoding,
        maxRows: MAX_ROWS,
        maxBytes: MAX_BYTES,
        onWarning: (m) => warnings.push(m)
      });
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      fileError = e; // still report the problems of the rows read before it
    } finally {
      w.close();
    }
    const res = v.end(!fileError);
    const printWarnings = () => {
      for (const x of [...warnings, ...res.warnings]) process.stderr.write(`warning: ${x}\n`);
    };
    if (res.problemCount > 0 || fileError || !info) {
      process.stderr.write(res.problems.map((p) => p + '\n').join(''));
      const rest = res.problemCount - res.problems.length;
      if (rest > 0) process.stderr.write(`file: ${rest} more problems not shown (${res.problemCount} in all)\n`);
      if (fileError) process.stderr.write(`file: ${fileError.message}\n`);
      printWarnings();
      return 1;
    }
    printWarnings();
    const parquet = join(tmp, 'base.parquet');
    await writeParquet(csv, parquet);
    const log = console.log;
    console.log = () => {}; // buildSnapshots reports on stdout; the contract allows one summary line
    let manifest;
    try {
      manifest = await buildSnapshots(parquet, out, { demo: false });
    } catch (e) {
      rmSync(`${out}.building`, { recursive: true, force: true });
      throw e;
    } finally {
      console.log = log;
    }
    const enc = info.encoding ? `, ${info.encoding}` : '';
    const years = `${res.years.length} year${res.years.length > 1 ? 's' : ''}: ${yearsText(res.years)}`;
    process.stdout.write(
      `imported ${res.rowCount} rows (${res.units} units, ${years}) from ${basename(file)} (${info.format}${enc}) → ${out}: ${manifest.files.length} files, demo: false\n`
    );
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError) process.stderr.write(`${e.message}\n${HELP.split('\n')[0]}\n`);
    else if (e instanceof FileError) process.stderr.write(`file: ${e.message}\n`);
    else
      process.stderr.write(
        `file: import failed: ${String((e as Error)?.message ?? e).split('\n')[0]}${process.env.DEBUG ? '\n' + (e as Error)?.stack : ''}\n`
      );
    process.exit(1);
  }
);
