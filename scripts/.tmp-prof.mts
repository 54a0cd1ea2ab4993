import { readTable } from './lib/read-table';
import { Validator } from './lib/validate';
let t = Date.now();
let n = 0;
await readTable('/tmp/imp/y2025.csv', () => { n++; });
console.log('read only', Date.now() - t, n); t = Date.now();
const v = new Validator({ onRow: () => {} });
await readTable('/tmp/imp/y2025.csv', (c, i) => v.push(c, i));
console.log('read+validate', Date.now() - t, v.end().rowCount); t = Date.now();
