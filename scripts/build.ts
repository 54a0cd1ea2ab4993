// npm run build: the static site in build/, from a fresh clone too — it first builds what the site
// needs and is missing (demo data, snapshots, boundaries; imported snapshots are kept), because
// every page is prerendered with the snapshot's figures.
import { ensureData, buildSite } from './lib/ensure';

await ensureData();
buildSite();
