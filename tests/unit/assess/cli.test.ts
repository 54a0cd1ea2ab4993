/**
 * The command line contract (DESIGN.md): npm run assess -- --data --spec --out.
 * Spawns `npx tsx scripts/assess.ts` as external tests do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = path.join(root, 'tests/fixtures');
const tmp = mkdtempSync(path.join(tmpdir(), 'assess-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/assess.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const readCsv = (f: string) =>
  Papa.parse<Record<string, string>>(readFileSync(f, 'utf8'), { header: true, skipEmptyLines: true });
const hdiSpec = () => JSON.parse(readFileSync(path.join(fixtures, 'hdi-spec.json'), 'utf8'));
const writeSpec = (name: string, spec: unknown) => {
  const f = path.join(tmp, name);
  writeFileSync(f, typeof spec === 'string' ? spec : JSON.stringify(spec));
  return f;
};

describe('npm run assess (CLI)', () => {
  it('reproduces published HDI values within 0.001 from the fixture CSV', () => {
    const out = path.join(tmp, 'hdi.csv');
    const r = run('--data', path.join(fixtures, 'hdi.csv'), '--spec', path.join(fixtures, 'hdi-spec.json'), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const res = readCsv(out);
    expect(res.meta.fields).toEqual(['unit', 'score', 'rank']);
    const published = new Map(readCsv(path.join(fixtures, 'hdi.csv')).data.map((x) => [x.iso3, Number(x.hdi_published)]));
    expect(res.data.length).toBe(published.size);
    for (const row of res.data) expect(Math.abs(Number(row.score) / 100 - published.get(row.unit)!)).toBeLessThanOrEqual(0.001);
    expect(res.data.find((x) => x.unit === 'CHE')!.rank).toBe('1');
    expect(readdirSync(tmp).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('with runs > 0 adds rank_median, rank_p05, rank_p95; reads Parquet like CSV', async () => {
    const spec = writeSpec('mc.json', { ...hdiSpec(), uncertainty: { runs: 200, seed: 7 } });
    const outCsv = path.join(tmp, 'mc-csv.csv'),
      outPq = path.join(tmp, 'mc-pq.csv');
    const pq = path.join(tmp, 'hdi.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    await conn.run(
      `COPY (SELECT * FROM read_csv('${path.join(fixtures, 'hdi.csv')}', header = true)) TO '${pq}' (FORMAT parquet)`
    );
    conn.closeSync();
    inst.closeSync();
    expect(run('--data', path.join(fixtures, 'hdi.csv'), '--spec', spec, '--out', outCsv).code).toBe(0);
    const r = run('--data', pq, '--spec', spec, '--out', outPq);
    expect(r.code, r.stderr).toBe(0);
    const res = readCsv(outCsv);
    expect(res.meta.fields).toEqual(['unit', 'score', 'rank', 'rank_median', 'rank_p05', 'rank_p95']);
    for (const x of res.data) {
      expect(Number(x.rank_p05)).toBeLessThanOrEqual(Number(x.rank_median));
      expect(Number(x.rank_median)).toBeLessThanOrEqual(Number(x.rank_p95));
    }
    expect(readFileSync(outPq, 'utf8')).toBe(readFileSync(outCsv, 'utf8'));
  });

  it('tolerates a UTF-8 BOM; insufficient-data units get an empty score and rank', () => {
    const data = path.join(tmp, 'bom.csv');
    writeFileSync(data, '\uFEFFcode,名称,a,b,c\n110101,东城区,1,2,3\n110102,西城区,,,3\n110105,朝阳区,3,2,1\n');
    const spec = writeSpec('abc.json', { unit: 'code', indicators: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
    const out = path.join(tmp, 'bom-out.csv');
    const r = run('--data', data, '--spec', spec, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const rows = readCsv(out).data;
    expect(rows.map((x) => x.unit)).toEqual(['110101', '110102', '110105']);
    expect(rows[1]).toEqual({ unit: '110102', score: '', rank: '' });
    expect(rows[0].rank).toBe('1');
  });

  describe('errors: exit code 1, the field named, no output file', () => {
    const cases: [string, () => string[], RegExp][] = [
      [
        'bad goalposts',
        () => [
          '--spec',
          writeSpec('e1.json', {
            ...hdiSpec(),
            indicators: [
              { ...hdiSpec().indicators[0], normalise: { method: 'goalposts', low: 85, high: 20 } },
              ...hdiSpec().indicators.slice(1)
            ]
          })
        ],
        /indicators\[0\]\.normalise\.high: must be a number greater than low/
      ],
      [
        'missing data column',
        () => [
          '--spec',
          writeSpec('e2.json', {
            ...hdiSpec(),
            indicators: [{ ...hdiSpec().indicators[0], column: 'life' }, ...hdiSpec().indicators.slice(1)]
          })
        ],
        /indicators\[0\]\.column: column "life" not found in data/
      ],
      [
        'unknown method',
        () => ['--spec', writeSpec('e3.json', { ...hdiSpec(), aggregate: { indicators: 'mean', groups: 'geometric' } })],
        /aggregate\.indicators: must be one of arithmetic \| geometric \| harmonic/
      ],
      ['invalid JSON', () => ['--spec', writeSpec('e4.json', '{ "unit": ')], /--spec: invalid JSON/],
      [
        'geometric after min-max',
        () => [
          '--spec',
          writeSpec('e5.json', { unit: 'iso3', indicators: [{ id: 'le' }, { id: 'gni' }], aggregate: 'geometric' })
        ],
        /aggregate\.indicators: geometric mean needs values > 0/
      ]
    ];
    for (const [name, args, re] of cases) {
      it(name, () => {
        const out = path.join(tmp, `err-${name.replace(/\W/g, '_')}.csv`);
        const r = run('--data', path.join(fixtures, 'hdi.csv'), ...args(), '--out', out);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(re);
        expect(existsSync(out)).toBe(false);
        expect(readdirSync(tmp).filter((f) => f.includes('.tmp'))).toEqual([]);
      });
    }

    it('missing arguments and files are named; an existing output file is left untouched', () => {
      const out = path.join(tmp, 'keep.csv');
      writeFileSync(out, 'previous result\n');
      let r = run('--data', path.join(fixtures, 'hdi.csv'), '--out', out);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('--spec: missing');
      r = run('--data', path.join(tmp, 'nope.csv'), '--spec', path.join(fixtures, 'hdi-spec.json'), '--out', out);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('--data: file not found');
      expect(readFileSync(out, 'utf8')).toBe('previous result\n');
    });
  });
});
