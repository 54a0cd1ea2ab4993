// The corpus of department files (tests/fixtures/import/corpus.ts) through the command line: for each
// case `npm run import` (scripts/import.ts via tsx) exits as expected, prints exactly the expected
// lines on stderr, and — for a bad file — writes nothing at all (DIR, DIR.building, DIR.previous
// absent). The same table runs through the /import/ page in tests/browser/import-corpus.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, expectedFor, writeCorpus } from '../fixtures/import/corpus';
import { manifest, root } from './import-helpers';

const tmp = mkdtempSync(path.join(tmpdir(), 'import-corpus-'));
const files = path.join(tmp, 'files');
beforeAll(async () => {
  mkdirSync(files);
  await writeCorpus(files);
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function importCli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => l !== '') };
}

describe('the import corpus through npm run import', () => {
  it('holds every class of file the issue lists', () => {
    const names = CASES.flatMap((c) => c.files);
    for (const f of ['good-utf8.csv', 'good-utf8-bom.csv', 'good-gbk.csv', 'good-gb18030.csv', 'good.xlsx', 'good.parquet'])
      expect(names).toContain(f);
    expect(CASES.filter((c) => c.code === 1).length).toBeGreaterThanOrEqual(24);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(CASES.map((c) => [c.files.join(' + '), c] as const))('%s', (_, c) => {
    const out = path.join(tmp, `out-${c.files[0]}`, 'data');
    mkdirSync(path.dirname(out));
    const r = importCli([...c.files.map((f) => path.join(files, f)), '--out', out]);
    expect(r.stderr).toEqual(expectedFor(c.lines, r.stderr));
    expect(r.code, c.about).toBe(c.code);
    if (c.code === 1) {
      expect(r.stdout).toBe('');
      expect(readdirSync(path.dirname(out))).toEqual([]); // nothing written: no DIR, DIR.building or DIR.previous
    } else {
      expect(r.stdout).toMatch(/^imported \d+ rows from .* demo: false\n$/);
      expect(manifest(out).demo).toBe(false);
      expect(existsSync(path.join(out, 'table.parquet'))).toBe(true);
    }
  });
});
