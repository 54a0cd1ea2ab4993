// Lighthouse 12, mobile preset (the default config, simulated throttling), on the built site served
// with compression. Each route runs LH_RUNS times (default 3) in a fresh Chromium; medians printed.
// No request leaves localhost: Chromium resolves no host name at all (--host-resolver-rules), its
// background services are off, and every request Lighthouse saw is checked against the origin.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, chromiumPath } from '../lib/chromium';
import { median, ms, type Row } from './common';

export const LH_ROUTES = [
  '',
  'rankings/',
  'method/',
  'indicator/certified_share/',
  'region/?c=440305001001',
  'explore/',
  'sql/',
  'import/'
];
/** LH_ONLY=/,region/?c=…,explore/ limits the run to those routes (as written in LH_ROUTES, or any other route). */
const LH_ONLY = (process.env.LH_ONLY ?? '')
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean)
  .map((r) => r.replace(/^\//, ''));
/** LH_JSON=DIR keeps each run's full report there (to see which tasks and scripts cost the time). */
const LH_JSON = process.env.LH_JSON?.trim();
let lhrCount = 0;
function writeLhr(url: string, lhr: unknown): void {
  mkdirSync(LH_JSON!, { recursive: true });
  const name = `${++lhrCount}-${url.replace(/^https?:\/\/[^/]+\//, '').replace(/[^\w]+/g, '_') || 'home'}.json`;
  writeFileSync(join(LH_JSON!, name), JSON.stringify(lhr));
}
const LH_RUNS = Math.max(1, Number(process.env.LH_RUNS ?? 3));
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const METRICS = ['total-blocking-time', 'largest-contentful-paint', 'cumulative-layout-shift', 'first-contentful-paint'] as const;

/** Chromium with a DevTools port for Lighthouse; resolves once the port is known. */
async function startChromium(): Promise<{ proc: ChildProcess; port: number; dir: string }> {
  const exe = chromiumPath();
  if (!exe) throw new Error('Chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH).');
  const dir = mkdtempSync(join(tmpdir(), 'cgo-lh-'));
  const args = [
    '--headless=new',
    ...CHROMIUM_FLAGS, // includes --no-sandbox (needed as root) and no background networking
    '--remote-debugging-port=0',
    `--user-data-dir=${dir}`,
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication',
    '--metrics-recording-only',
    '--mute-audio',
    'about:blank'
  ];
  const proc = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise<number>((ok, fail) => {
    let err = '';
    const timer = setTimeout(() => fail(new Error(`Chromium gave no DevTools port:\n${err}`)), 30_000);
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = err.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    });
    proc.once('exit', (code) => fail(new Error(`Chromium exited (${code}):\n${err}`)));
  });
  proc.stderr!.resume();
  return { proc, port, dir };
}

type Run = {
  scores: Record<string, number>;
  metrics: Record<string, number>;
  foreign: string[];
  failing: string[];
  longTasks: string[];
};

async function runOnce(url: string): Promise<Run> {
  const { proc, port, dir } = await startChromium();
  try {
    const result = await lighthouse(url, { port, hostname: '127.0.0.1', output: 'json', logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const lhr = result.lhr;
    if (LH_JSON) writeLhr(url, lhr);
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? NaN]));
    const metrics = Object.fromEntries(METRICS.map((m) => [m, lhr.audits[m]?.numericValue ?? NaN]));
    const origin = new URL(url).origin;
    const items = (lhr.audits['network-requests']?.details as { items?: { url: string }[] } | undefined)?.items ?? [];
    const foreign = items.map((i) => i.url).filter((u) => /^(https?|wss?):/.test(u) && new URL(u).origin !== origin);
    // Audits that cost points (binary audits failed, numeric ones under 0.9), and the longest main-thread tasks.
    const failing = CATEGORIES.flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? [])
        .filter((r) => r.weight > 0 && lhr.audits[r.id]?.score !== null && (lhr.audits[r.id]?.score ?? 1) < 0.9)
        .map((r) => r.id)
    );
    const tasks = (lhr.audits['long-tasks']?.details as { items?: { url: string; duration: number }[] } | undefined)?.items ?? [];
    const longTasks = tasks.slice(0, 3).map((t) => `${t.url.replace(origin, '')} ${Math.round(t.duration)} ms`);
    return { scores, metrics, foreign, failing, longTasks };
  } finally {
    proc.kill();
    await new Promise((ok) => (proc.exitCode === null ? proc.once('exit', ok) : ok(null)));
    removeProfile(dir);
  }
}

/** Remove a Chromium profile folder; its helper processes may still be writing for a moment, so
 *  retry, and leave it to the system's /tmp cleaning rather than fail the benchmark. */
function removeProfile(dir: string): void {
  for (let i = 0; i < 20; i++) {
    try {
      rmSync(dir, { recursive: true, force: true });
      return;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  console.warn(`bench: could not remove ${dir}`);
}

const sec = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : '—');
const score = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');

export async function lighthouseBench(url: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const route of LH_ONLY.length ? LH_ONLY : LH_ROUTES) {
    const runs: Run[] = [];
    for (let i = 0; i < LH_RUNS; i++) runs.push(await runOnce(url + route));
    const m = (k: string, from: 'scores' | 'metrics') => median(runs.map((r) => r[from][k]));
    const s = `lighthouse /${route} (median of ${runs.length})`;
    rows.push([s, 'performance', score(m('performance', 'scores')), '≥ 0.95']);
    rows.push([s, '  per run', runs.map((r) => score(r.scores.performance)).join(', ')]);
    rows.push([s, 'accessibility', score(m('accessibility', 'scores'))]);
    rows.push([s, 'best practices', score(m('best-practices', 'scores'))]);
    rows.push([s, 'SEO', score(m('seo', 'scores'))]);
    rows.push([s, 'total blocking time', ms(m('total-blocking-time', 'metrics')), '≤ 150 ms']);
    rows.push([s, 'largest contentful paint', sec(m('largest-contentful-paint', 'metrics'))]);
    rows.push([s, 'cumulative layout shift', m('cumulative-layout-shift', 'metrics').toFixed(3), '≤ 0.05']);
    rows.push([s, 'first contentful paint', sec(m('first-contentful-paint', 'metrics'))]);
    const foreign = [...new Set(runs.flatMap((r) => r.foreign))];
    const failing = [...new Set(runs.flatMap((r) => r.failing))];
    rows.push([s, 'audits losing points (any run)', failing.length ? failing.join(', ') : 'none']);
    rows.push([s, 'longest tasks (first run, simulated)', runs[0].longTasks.join('; ') || 'none']);
    rows.push([s, 'requests outside localhost', foreign.length ? foreign.join(' ') : 'none', 'none']);
  }
  return rows;
}
