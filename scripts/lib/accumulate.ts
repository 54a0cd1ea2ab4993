// The accumulated table of a snapshot folder: every unit-year imported so far. New validated rows
// (a CSV written by the import) are added; a unit-year already there is replaced by the new one.
import { allColumns } from './validate';
import { openDuck, lit, rows } from './duck';
import { validatedCsvSql } from '../../src/lib/import/snapshot-build';

export interface Merged {
  added: number;
  replaced: number;
  total: number;
  units: number;
  years: number[];
}

/** Rows of `csv` (validated, catalogue column order) merged over `existing` (Parquet, or null) into `out`. */
export async function mergeTable(csv: string, existing: string | null, out: string): Promise<Merged> {
  const con = await openDuck();
  try {
    await con.run(validatedCsvSql('new', csv));
    // An older table may lack a column added to the schema since: BY NAME fills it with NULL.
    await con.run(
      existing ? `CREATE TABLE old AS SELECT * FROM read_parquet(${lit(existing)})` : 'CREATE TABLE old AS FROM new LIMIT 0'
    );
    const [{ replaced }] = await rows<{ replaced: number }>(
      con,
      'SELECT count(*)::INTEGER AS replaced FROM old JOIN new USING (code, year)'
    );
    const cols = allColumns.map((c) => `"${c.name}"`).join(', ');
    await con.run(`CREATE TABLE merged AS SELECT ${cols} FROM (
                     SELECT * FROM old ANTI JOIN new USING (code, year) UNION ALL BY NAME SELECT * FROM new)`);
    await con.run(`COPY (SELECT * FROM merged ORDER BY code, year) TO ${lit(out)} (FORMAT PARQUET, COMPRESSION ZSTD)`);
    const [{ total, units, added }] = await rows<{ total: number; units: number; added: number }>(
      con,
      'SELECT count(*)::INTEGER AS total, count(DISTINCT code)::INTEGER AS units, (SELECT count(*)::INTEGER FROM new) AS added FROM merged'
    );
    const years = (await rows<{ y: number }>(con, 'SELECT DISTINCT year AS y FROM merged ORDER BY y')).map((r) => Number(r.y));
    return {
      added: Number(added) - Number(replaced),
      replaced: Number(replaced),
      total: Number(total),
      units: Number(units),
      years
    };
  } finally {
    con.closeSync();
  }
}
