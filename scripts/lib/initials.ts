// Pinyin initials of names (多福巷社区居委会 → dfxsqjwh) so the site's search matches what people
// type on a keyboard without an input method. Computed once at build time with pinyin-pro.
import { pinyin } from 'pinyin-pro';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from './duck';

export function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

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

const SUFFIXES: [string, string][] = [
  ['维吾尔自治区', 'Uygur Autonomous Region'],
  ['壮族自治区', 'Zhuang Autonomous Region'],
  ['回族自治区', 'Hui Autonomous Region'],
  ['自治区', 'Autonomous Region'],
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['特别行政区', 'SAR'],
  ['省', 'Province'],
  ['市辖区', 'Districts'],
  ['地区', 'Prefecture'],
  ['盟', 'League'],
  ['市', 'City'],
  ['新区', 'New Area'],
  ['区', 'District'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['林区', 'Forest District']
];

/** An English rendering of a region name: pinyin of the proper name plus a translated suffix (广东省 → Guangdong Province). */
export function englishName(name: string): string {
  if (name === '市辖区') return 'Districts';
  if (name === '县') return 'Counties';
  let rest = name;
  let suffix = '';
  for (const [zh, en] of SUFFIXES) {
    if (rest.endsWith(zh) && rest.length > zh.length) {
      rest = rest.slice(0, -zh.length);
      suffix = en;
      break;
    }
  }
  if (rest === '陕西') return suffix ? `Shaanxi ${suffix}` : 'Shaanxi'; // the conventional spelling, distinct from 山西 Shanxi
  const py = pinyin(rest, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .replace(/ü/g, 'u')
    .replace(/v/g, 'u');
  const proper = py.charAt(0).toUpperCase() + py.slice(1);
  return suffix ? `${proper} ${suffix}` : proper;
}
