// npm run bench: figures for the performance budget of DESIGN.md, printed, never asserted (and never
// part of npm test). The parts live in scripts/bench/; BENCH_ONLY=load,drill,rankings,search,queries,
// lighthouse,slow4g,import,page-import,region,explore runs a subset. BENCH_RUNS (default 5), LH_RUNS (3), SLOW_RUNS (3) set run counts; LH_ONLY picks Lighthouse routes.
// The built site is rebuilt first unless --no-build (or built if missing), and served with gzip.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium } from './lib/chromium';
import { startServer } from './lib/server';
import { ensureData, buildSite } from './lib/ensure';
import { RUNS, contentEncoding, printTable, selected, type Row } from './bench/common';
import { loadBench } from './bench/load';
import { rankingsBench } from './bench/rankings';
import { searchBench } from './bench/search';
import { queryBench } from './bench/queries';
import { lighthouseBench } from './bench/lighthouse';
import { slow4gBench } from './bench/slow4g';
import { importBench } from './bench/import';
import { browserImportBench } from './bench/browser-import';
import { regionBench } from './bench/region';
import { exploreBench } from './bench/explore';

const PARTS = [
  'load',
  'drill',
  'rankings',
  'search',
  'queries',
  'lighthouse',
  'slow4g',
  'import',
  'page-import',
  'region',
  'explore'
];
const unknown = (process.env.BENCH_ONLY ?? '').split(',').filter((p) => p.trim() && !PARTS.includes(p.trim()));
if (unknown.length) throw new Error(`BENCH_ONLY: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);

await ensureData();
if (!existsSync('build/index.html') || !process.argv.includes('--no-build')) buildSite();

const { server, url } = await startServer('build', 0);
const rows: Row[] = [];
let browser: Browser | null = null;
const chromium = async () => (browser ??= await launchChromium());
try {
  const js = (await contentEncoding(url)) === 'gzip' ? 'gzip' : 'none';
  rows.push(['site', 'served from build/ with compression', js === 'gzip' ? 'gzip (precompressed .gz)' : 'NONE', 'gzip or br']);
  if (selected('load') || selected('drill'))
    rows.push(...(await loadBench(await chromium(), url, { load: selected('load'), drill: selected('drill') })));
  if (selected('rankings')) rows.push(...(await rankingsBench(await chromium(), url)));
  if (selected('search')) rows.push(...(await searchBench(await chromium(), url)));
  if (selected('region')) rows.push(...(await regionBench(await chromium(), url)));
  if (selected('queries')) rows.push(...(await queryBench(await chromium(), url)));
  if (selected('explore')) rows.push(...(await exploreBench(await chromium(), url)));
  if (selected('slow4g')) rows.push(...(await slow4gBench(await chromium(), url)));
  if (selected('lighthouse')) rows.push(...(await lighthouseBench(url)));
  if (selected('import')) rows.push(...(await importBench()));
  if (selected('page-import')) rows.push(...(await browserImportBench(await chromium(), url)));
} finally {
  await (browser as Browser | null)?.close();
  server.close();
}
printTable(`社区治理观测台 benchmark — ${RUNS} runs per figure unless noted, medians (${new Date().toISOString()})`, rows);
