// npm run data: (re)build demonstration data, snapshots and boundaries. --force rebuilds everything.
import { ensureData } from './lib/ensure';
await ensureData(process.argv.includes('--force'));
