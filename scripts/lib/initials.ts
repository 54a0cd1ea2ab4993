// Pinyin initials of names (多福巷社区居委会 → dfxsqjwh) so the site's search matches what people
// type on a keyboard without an input method (src/lib/search/initials.ts), as a table for the build.
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from './duck';
import { initialsOf } from '../../src/lib/search/initials';

export { initialsOf };

/** Create table `${table}_ini(code, initials)` for the (code, name) rows of `table`. */
export async function addInitials(con: DuckDBConnection, table: string): Promise<void> {
  const list = await rows<{ code: string; name: string }>(con, `SELECT code, name FROM ${table}`);
  await con.run(`CREATE OR REPLACE TABLE ${table}_ini (code VARCHAR, initials VARCHAR)`);
  const app = await con.createAppender(`${table}_ini`);
  for (const r of list) {
    app.appendVarchar(r.code);
    app.appendVarchar(initialsOf(r.name ?? ''));
    app.endRow();
  }
  app.closeSync();
}

// English names live with the other strings; re-exported for the build scripts.
export { englishName } from '../../src/lib/i18n/english-name';
