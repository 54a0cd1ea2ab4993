// Precompress text and wasm files of the built site (build/) to .gz, as an intranet nginx with
// gzip_static would serve them. Parquet is already compressed inside and is left alone.
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function compressDir(dir: string): { files: number; before: number; after: number } {
  let files = 0,
    before = 0,
    after = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|mjs|css|html|json|svg|wasm|tsv)$/.test(e.name)) {
        const buf = readFileSync(p);
        const gz = gzipSync(buf, { level: 9 });
        writeFileSync(p + '.gz', gz);
        files++;
        before += buf.length;
        after += gz.length;
      }
    }
  };
  walk(dir);
  return { files, before, after };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = compressDir(process.argv[2] ?? 'build');
  console.log(`compressed ${r.files} files: ${(r.before / 1e6).toFixed(1)} MB → ${(r.after / 1e6).toFixed(1)} MB gzip`);
}
