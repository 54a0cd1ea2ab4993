// npm run bench: figures for the performance budget of DESIGN.md, printed, never asserted.
// Cold loads of the built site in headless Chromium (median of several runs): time to the first
// KPI, time until DuckDB is ready, bytes transferred before the first KPI, drill-down click → map,
// and DuckDB-WASM query times beside the same SQL on native DuckDB (@duckdb/node-api) in this run.
import { existsSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { launchChromium } from './lib/chromium';
import { startServer } from './lib/server';
import { ensureData, buildSite } from './lib/ensure';
import { selectFromPartials } from '../src/lib/indicators/sql';
import { indicator } from '../src/lib/indicators/catalogue';
import type { Manifest } from '../src/lib/data/manifest';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

await ensureData();
if (!existsSync('build/index.html') || !process.argv.includes('--no-build')) buildSite();
const manifest: Manifest = JSON.parse(readFileSync('static/data/manifest.json', 'utf8'));
const unitFiles = manifest.files.filter((f) => f.path.startsWith('units/')).map((f) => f.path);

/** What a drill-down into Guangdong asks: its cities' values of all indicators for one year. */
const DRILL_SQL = (t: string) =>
  `SELECT city || '00' AS code, SUM(units) AS units, ${selectFromPartials([indicator('certified_share')])} FROM ${t} WHERE year = 2025 AND province = '44' GROUP BY ALL ORDER BY code`;
const DISTRICT_SQL = (t: string) =>
  `SELECT province, year, ${selectFromPartials()} FROM ${t} GROUP BY ALL ORDER BY province, year`;
const ALL_UNITS_SQL = (src: string) =>
  `SELECT year, substr(code, 1, 2) AS province, urban, count(*) AS units, sum(residents) AS residents,
          100.0 * sum(has_facility) / count(*) AS facility_coverage, 10000.0 * sum(workers) / sum(residents) AS workers_per_10k,
          100.0 * sum(workers_certified) / sum(workers) AS certified_share, sum(sat_overall * survey_n) / sum(survey_n) AS satisfaction,
          avg(admin_items) AS admin_items
   FROM ${src} GROUP BY ALL ORDER BY ALL`;

const PARQUET = (files: string[]) => `read_parquet([${files.map((f) => `'${f}'`).join(',')}])`;
const CREATE_UNITS = (src: string) =>
  `CREATE OR REPLACE TABLE units_all AS SELECT code, year, urban, residents, has_facility, workers, workers_certified, sat_overall, survey_n, admin_items FROM ${src}`;

const { server, url } = await startServer('build', 0);
const browser = await launchChromium();
/** Cold loads over a network profile; `mbit` null = unthrottled localhost. */
async function coldLoads(mbit: number | null) {
  const cold = {
    kpi: [] as number[],
    ready: [] as number[],
    bytes: [] as number[],
    jsBytes: [] as number[],
    drill: [] as number[]
  };
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await ctx.addInitScript('window.__name = (f) => f;');
    // Record the moment the first KPI value enters the DOM (polling from outside would add its own delay).
    await ctx.addInitScript(`new MutationObserver(() => {
      const el = document.querySelector('[data-testid="kpi-value"]');
      if (el && /\\d/.test(el.textContent) && !window.__kpiAt) window.__kpiAt = performance.now();
    }).observe(document, { subtree: true, childList: true, characterData: true });`);
    const page = await ctx.newPage();
    if (mbit) {
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 5,
        downloadThroughput: (mbit * 1e6) / 8,
        uploadThroughput: (mbit * 1e6) / 8
      });
    }
    await page.goto(url);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-value"]')?.textContent ?? ''), null, {
      timeout: 60_000
    });
    const first = await page.evaluate(() => {
      const at = (window as unknown as { __kpiAt: number }).__kpiAt;
      const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.responseEnd <= at);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const bytes = nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0);
      const js = res.filter((r) => /\.(m?js)$/.test(new URL(r.name).pathname)).reduce((s, r) => s + r.transferSize, 0);
      return { t: (window as unknown as { __kpiAt: number }).__kpiAt, bytes, js };
    });
    await page.waitForSelector('[data-db="ready"]', { timeout: 120_000 });
    cold.kpi.push(first.t);
    cold.ready.push(await page.evaluate(() => (window as unknown as { __duckdbReadyAt: number }).__duckdbReadyAt));
    cold.bytes.push(first.bytes);
    cold.jsBytes.push(first.js);
    await page.waitForSelector('[data-map-parent="000000"][data-map-ready="yes"]');
    // Drill-down: click Guangdong, wait until the map shows its cities with their values.
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('[data-testid="map"] path[data-code="440000"]').click();
    await page.waitForSelector('[data-map-parent="440000"][data-map-ready="yes"]', { timeout: 60_000 });
    cold.drill.push((await page.evaluate(() => performance.now())) - t0);
    await ctx.close();
  }
  return cold;
}
const ONLY = process.env.BENCH_ONLY; // 'load' | 'rankings' | 'queries' to run one part
const empty = { kpi: [], ready: [], bytes: [], jsBytes: [], drill: [] };
const local = !ONLY || ONLY === 'load' ? await coldLoads(null) : empty;
const lan = !ONLY || ONLY === 'load' ? await coldLoads(100) : empty;

// Rankings: plain re-rank of every district of the country, and 1,000 Monte Carlo runs in the worker
// while the main thread stays responsive (longest main-thread task while it runs).
async function rankingsBench() {
  const out = {
    rerankEngine: [] as number[],
    rerankEndToEnd: [] as number[],
    mcTotal: [] as number[],
    longest: [] as number[],
    units: 0
  };
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await ctx.addInitScript('window.__name = (f) => f;');
    await ctx.addInitScript(
      `window.__long = []; try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); } catch {}`
    );
    const page = await ctx.newPage();
    await page.goto(url + 'rankings/');
    await page.waitForSelector('.rankings[data-ready="yes"]', { timeout: 120_000 });
    out.units = Number((await page.locator('[data-testid="count"]').textContent())!.match(/\d+/)![0]);
    const seq = Number(await page.locator('.rankings').getAttribute('data-seq'));
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('[data-weight="burden"]').fill(String(20 + i));
    await page.waitForSelector(`.rankings[data-seq="${seq + 1}"][data-ready="yes"]`, { timeout: 60_000 });
    out.rerankEndToEnd.push((await page.evaluate(() => performance.now())) - t0);
    out.rerankEngine.push(Number(await page.locator('.rankings').getAttribute('data-nominal-ms')));
    // 1,000 Monte Carlo runs.
    const t1 = await page.evaluate(() => performance.now());
    await page.locator('[data-control="runs"]').selectOption('1000');
    await page.waitForSelector('.rankings[data-mc="done"]', { timeout: 180_000 });
    const t2 = await page.evaluate(() => performance.now());
    out.mcTotal.push(t2 - t1);
    const long = await page.evaluate(
      ([a, b]) =>
        (window as unknown as { __long: [number, number][] }).__long.filter(([s]) => s >= a && s <= b).map(([, d]) => d),
      [t1, t2]
    );
    out.longest.push(long.length ? Math.max(...long) : 0);
    await ctx.close();
  }
  return out;
}
const ranks =
  !ONLY || ONLY === 'rankings'
    ? await rankingsBench()
    : { rerankEngine: [], rerankEndToEnd: [], mcTotal: [], longest: [], units: 0 };

// Search: first query (loads all names) and then per keystroke, Chinese substrings and pinyin initials.
/** A fresh tab on the overview with DuckDB ready. */
async function readyPage() {
  const ctx = await browser.newContext();
  // tsx keeps function names with a __name helper that does not exist inside the page.
  await ctx.addInitScript('window.__name = (f) => f;');
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-db="ready"]', { timeout: 120_000 });
  return { ctx, page };
}

async function searchBench() {
  const { ctx, page } = await readyPage();
  const box = page.locator('[data-testid="search"]');
  const once = async (q: string) => {
    await box.fill('');
    await box.fill(q);
    await page.waitForFunction(
      (qq) => {
        const el = document.querySelector('[data-testid="search-results"]') as HTMLElement | null;
        return (
          el &&
          el.dataset.ms &&
          (document.querySelector('[data-testid="search"]') as HTMLInputElement).value === qq &&
          !el.querySelector('li.none:only-child')?.textContent?.includes('…')
        );
      },
      q,
      { timeout: 120_000 }
    );
    return Number(await page.locator('[data-testid="search-results"]').getAttribute('data-ms'));
  };
  const first = await once('银闸');
  const keys = ['南', '南山', '多福', '社区', 'xq', 'dfx', 'nsq', '村委会', 'zz', '街道'];
  const times: number[] = [];
  for (const k of keys) times.push(await once(k));
  await ctx.close();
  return { first, median: median(times), max: Math.max(...times) };
}
const search = !ONLY || ONLY === 'search' ? await searchBench() : null;

// Query times inside the page (DuckDB-WASM, one thread) against native DuckDB on the same files.
async function queryBench() {
  const { ctx, page } = await readyPage();
  const wasm = await page.evaluate(
    async ({ districtSql, allSql, files, runs, createSql, tableSql, drillSql }) => {
      const api = (
        window as unknown as {
          __cgo: { sql: (s: string, f?: string[]) => Promise<unknown[]>; register: (f: string[]) => Promise<void> };
        }
      ).__cgo;
      const time = async (f: () => Promise<unknown>) => {
        const t = performance.now();
        await f();
        return performance.now() - t;
      };
      await api.sql('SELECT 1', ['district.parquet']);
      const district: number[] = [];
      for (let i = 0; i < runs; i++) district.push(await time(() => api.sql(districtSql + ` -- ${i}`)));
      const drill: number[] = [];
      for (let i = 0; i < runs; i++) drill.push(await time(() => api.sql(drillSql + ` -- ${i}`)));
      const tl = performance.now();
      await api.register(files);
      const load = performance.now() - tl;
      const all: number[] = [];
      for (let i = 0; i < runs; i++) all.push(await time(() => api.sql(allSql + ` -- ${i}`)));
      const tt = performance.now();
      await api.sql(createSql);
      const tableLoad = performance.now() - tt;
      const table: number[] = [];
      for (let i = 0; i < runs; i++) table.push(await time(() => api.sql(tableSql + ` -- ${i}`)));
      return { district, all, load, table, tableLoad, drill };
    },
    {
      drillSql: DRILL_SQL('district'),
      districtSql: DISTRICT_SQL('district'),
      allSql: ALL_UNITS_SQL(PARQUET(unitFiles)),
      files: unitFiles,
      runs: RUNS,
      createSql: CREATE_UNITS(PARQUET(unitFiles)),
      tableSql: ALL_UNITS_SQL('units_all')
    }
  );
  await ctx.close();

  async function native(threads: number) {
    const con = await (await DuckDBInstance.create(':memory:', { threads: String(threads) })).connect();
    await con.run(`CREATE TABLE district AS SELECT * FROM read_parquet('static/data/district.parquet')`);
    const time = async (sql: string) => {
      const t = performance.now();
      await con.runAndReadAll(sql);
      return performance.now() - t;
    };
    const district: number[] = [],
      all: number[] = [],
      table: number[] = [],
      drill: number[] = [];
    for (let i = 0; i < RUNS; i++) district.push(await time(DISTRICT_SQL('district')));
    for (let i = 0; i < RUNS; i++) drill.push(await time(DRILL_SQL('district')));
    const src = PARQUET(unitFiles.map((f) => `static/data/${f}`));
    for (let i = 0; i < RUNS; i++) all.push(await time(ALL_UNITS_SQL(src)));
    await con.run(CREATE_UNITS(src));
    for (let i = 0; i < RUNS; i++) table.push(await time(ALL_UNITS_SQL('units_all')));
    return { district: median(district), all: median(all), table: median(table), drill: median(drill) };
  }
  const n1 = await native(1);
  const n2 = await native(2);
  return { wasm, n1, n2 };
}
const q = !ONLY || ONLY === 'queries' ? await queryBench() : null;
await browser.close();
server.close();

const K = (b: number) => `${(b / 1024).toFixed(0)} KB`;
console.log(`\n社区治理观测台 benchmark — ${RUNS} cold loads, medians (${new Date().toISOString()})`);
for (const [label, c] of (local.kpi.length
  ? [
      ['localhost', local],
      ['100 Mbit/s link', lan]
    ]
  : []) as [string, typeof local][]) {
  console.log(
    `  [${label}] first KPI ${ms(median(c.kpi))} · DuckDB-WASM ready ${ms(median(c.ready))} · first KPI at ${((100 * median(c.kpi)) / median(c.ready)).toFixed(0)}% of it (budget ≤ 25%)`
  );
  console.log(`  [${label}] drill-down click → updated map ${ms(median(c.drill))}`);
}
if (ranks.units)
  console.log(
    `  rankings: plain re-rank of ${ranks.units} districts   engine ${ms(median(ranks.rerankEngine))}, slider → table ${ms(median(ranks.rerankEndToEnd))}`
  );
if (ranks.units)
  console.log(
    `  rankings: 1,000 Monte Carlo runs (worker)  ${ms(median(ranks.mcTotal))}; longest main-thread task meanwhile ${ms(median(ranks.longest))} (budget ≤ 50 ms; 0 = none over 50 ms)`
  );
if (search)
  console.log(
    `  search over 620,573 units + streets: first query ${ms(search.first)} (loads all names), then per keystroke median ${ms(search.median)}, max ${ms(search.max)} (budget ≤ 50 ms)`
  );
if (local.kpi.length)
  console.log(
    `  bytes before first KPI           ${K(median(local.bytes))} transferred, of which JS ${K(median(local.jsBytes))} (budget ≤ 300 KB)`
  );
if (q) {
  const { wasm, n1 } = q;
  console.log(
    `  drill-down query (Guangdong's cities, the chosen indicator, from the pre-aggregate)  wasm ${ms(median(wasm.drill))} | native 1 thread ${ms(n1.drill)} (budget ≤ 16 ms)`
  );
}
if (q) {
  const { wasm, n1, n2 } = q;
  console.log(
    `  district-level group-by          wasm ${ms(median(wasm.district))} | native 1 thread ${ms(n1.district)}, 2 threads ${ms(n2.district)} | ratio ${(median(wasm.district) / n1.district).toFixed(2)}× / ${(median(wasm.district) / n2.district).toFixed(2)}×`
  );
}
if (q) {
  const { wasm, n1, n2 } = q;
  console.log(
    `  all units (${manifest.unitYears.toLocaleString('en')} unit-years) group-by  wasm ${ms(median(wasm.all))} | native 1 thread ${ms(n1.all)}, 2 threads ${ms(n2.all)} | ratio ${(median(wasm.all) / n1.all).toFixed(2)}× / ${(median(wasm.all) / n2.all).toFixed(2)}× (budget ≤ 1.5×)`
  );
}
if (q) {
  const { wasm, n1, n2 } = q;
  console.log(
    `  all units, in-memory table        wasm ${ms(median(wasm.table))} | native 1 thread ${ms(n1.table)}, 2 threads ${ms(n2.table)} | ratio ${(median(wasm.table) / n1.table).toFixed(2)}× / ${(median(wasm.table) / n2.table).toFixed(2)}×`
  );
}
if (q) {
  const { wasm } = q;
  console.log(
    `  (fetching ${unitFiles.length} unit partitions into DuckDB-WASM: ${ms(wasm.load)}; building the table: ${ms(wasm.tableLoad)})`
  );
}
