// npm start: build what is missing (demo data, snapshots, boundaries), build the site, serve it.
import { ensureData, buildSite } from './lib/ensure';
import { startServer } from './lib/server';

await ensureData();
buildSite();
const port = Number(process.env.PORT ?? 4173);
const { url } = await startServer('build', port, process.env.HOST ?? '127.0.0.1');
console.log(`\n  社区治理观测台 Community Governance Observatory (demonstration data)\n  ➜ ${url}\n  Ctrl+C to stop.\n`);
