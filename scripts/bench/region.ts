// Region page: cold load of a community's page until all its figures are shown (scorecard with survey
// interval, then its name, then peers; DuckDB-WASM's own start-up for context), with the province's unit partitions fetched once each; switching the peer
// set; and the nearest-neighbour computation for every district of the country (pure TS, in Node,
// over the same district pre-aggregate the page reads).
import type { Browser } from 'playwright-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { RUNS, freshPage, max, median, ms, type Row } from './common';
import { allNearestPeers, nearestPeers, type Context } from '../../src/lib/region/peers';

const UNIT = '440305001001';

/** One cold load: ms from navigation to the scorecard and to the peers, and fetches per partition. */
async function coldLoad(browser: Browser, url: string) {
  const { ctx, page } = await freshPage(browser);
  const fetched = new Map<string, number>();
  page.on('request', (r) => {
    const m = r.url().match(/\/data\/(units\/\d+\/\d+\.parquet|names\/\d+\.parquet)/);
    if (m) fetched.set(m[1], (fetched.get(m[1]) ?? 0) + 1);
  });
  await page.goto(`${url}region/?c=${UNIT}`);
  await page.waitForSelector(`.region[data-code="${UNIT}"][data-ready="yes"]`, { timeout: 120_000 });
  // The peers are asked for when the reader scrolls towards them: scrolled to at once here.
  const scrolled = await page.evaluate(() => {
    document.querySelector('[data-testid="peers"]')!.scrollIntoView();
    return performance.now();
  });
  await page.waitForSelector('[data-testid="peers"][data-ready="yes"]', { timeout: 120_000 });
  const [scorecard, peers, named] = await page.evaluate(
    (c) =>
      [`region:figures:${c}`, `region:peers:${c}`, `region:ready:${c}`].map(
        (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN
      ),
    UNIT
  );
  const duckdb = await page.evaluate(() => (globalThis as unknown as { __duckdbReadyAt?: number }).__duckdbReadyAt ?? NaN);
  return { ctx, page, scorecard, peers: peers - scrolled, named, duckdb, fetched };
}

/** ms from a click on a peer-set button to the next frame with that set drawn. */
function switchSet(page: import('playwright-core').Page, id: string): Promise<number> {
  return page.evaluate(async (set) => {
    const t0 = performance.now();
    (document.querySelector(`[data-testid="peers"] [data-set="${set}"]`) as HTMLButtonElement).click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    if (!document.querySelector(`[data-testid="peer-set"][data-set="${set}"]`)) throw new Error(`peer set ${set} not shown`);
    return performance.now() - t0;
  }, id);
}

async function districtContexts(dir: string): Promise<Context[]> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const r = await con.runAndReadAll(
    `SELECT district AS code, SUM(residents)::DOUBLE AS residents, SUM(households)::DOUBLE AS households,
       SUM(units)::DOUBLE AS units, SUM(units * urban)::DOUBLE AS urbanUnits
     FROM read_parquet('${dir}/district.parquet') WHERE year = (SELECT max(year) FROM read_parquet('${dir}/district.parquet'))
     GROUP BY 1 ORDER BY 1`
  );
  const out = r.getRowObjectsJson().map((x) => ({
    code: String(x.code),
    residents: Number(x.residents),
    households: Number(x.households),
    units: Number(x.units),
    urbanUnits: Number(x.urbanUnits)
  }));
  con.closeSync();
  return out;
}

export async function regionBench(browser: Browser, url: string, dir = 'build/data'): Promise<Row[]> {
  const out = {
    scorecard: [] as number[],
    named: [] as number[],
    duckdb: [] as number[],
    peers: [] as number[],
    switches: [] as number[],
    refetched: 0,
    files: 0
  };
  for (let i = 0; i < RUNS; i++) {
    const run = await coldLoad(browser, url);
    out.scorecard.push(run.scorecard);
    out.peers.push(run.peers);
    out.named.push(run.named);
    out.duckdb.push(run.duckdb);
    out.files = run.fetched.size;
    out.refetched += [...run.fetched.values()].filter((n) => n > 1).length;
    for (const id of ['parent', 'kind', 'nearest']) out.switches.push(await switchSet(run.page, id));
    await run.ctx.close();
  }
  const contexts = await districtContexts(dir);
  const t0 = performance.now();
  allNearestPeers(contexts, 15);
  const all = performance.now() - t0;
  const t1 = performance.now();
  for (const c of contexts.slice(0, 100)) nearestPeers(c.code, contexts, 15);
  const one = (performance.now() - t1) / 100;
  const s = `region page (community ${UNIT})`;
  return [
    [s, 'cold load → DuckDB-WASM ready (context)', ms(median(out.duckdb))],
    [s, 'cold load → every scorecard figure (survey interval too)', ms(median(out.scorecard)), '≤ 1500 ms'],
    [s, 'cold load → figures and name (data-ready)', ms(median(out.named))],
    [s, 'scrolled to the peers (once the scorecard is shown) → peers shown', ms(median(out.peers))],
    [s, `unit files fetched (province 44, all years + names)`, `${out.files}, ${out.refetched} fetched twice`, 'each once'],
    [s, 'switch peer set → drawn, median / max', `${ms(median(out.switches))} / ${ms(max(out.switches))}`, '≤ 100 ms'],
    [`nearest neighbours (${contexts.length} districts)`, 'all districts at once (Node)', ms(all)],
    [`nearest neighbours (${contexts.length} districts)`, 'one district (as the page does)', ms(one)]
  ];
}
