// The data-quality report (src/lib/quality, scripts/quality.ts) on native DuckDB: known answers on a
// small snapshot folder written here (three districts, two years, each rule hit once or twice and each
// near-miss left alone), the CLI's contract, and the planted anomalies of the demonstration data
// (scripts/lib/planted.ts) found exactly, with nothing else reported.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuck, rows, lit } from '../../scripts/lib/duck';
import { qualityReport } from '../../scripts/quality';
import { baseColumns } from '../../src/lib/indicators/catalogue';
import { quoteIdent } from '../../src/lib/indicators/sql';
import { RULES, rule } from '../../src/lib/quality/rules';
import { warningMessage, buildReport } from '../../src/lib/quality/report';
import { EXPECTED, PLANT_YEAR } from '../../scripts/lib/planted';
import { qualityQueries, toWarning } from '../../src/lib/data/quality';
import { tableOf } from '../../src/lib/data/snapshots';
import { parseQualityView, qualitySearch } from '../../src/lib/quality/view';

const tmp = mkdtempSync(join(tmpdir(), 'quality-test-'));
const dir = join(tmp, 'data');

// Every base column defaults to a plain value; the rows below change what each case needs.
const DEFAULTS: Record<string, number> = {
  households: 2000,
  residents: 6000,
  workers: 10,
  volunteers: 600,
  facility_area: 2000,
  survey_n: 55
};
const defaultOf = (name: string) => DEFAULTS[name] ?? (name.startsWith('sat_') ? 85 : 1);

const street = (s: string, n: number) => Array.from({ length: n }, (_, i) => `${s}${String(i + 1).padStart(3, '0')}`);
const CODES = [
  ...street('110101001', 6),
  ...street('110101002', 6),
  ...street('110101003', 4),
  ...street('110102001', 10),
  ...street('110105001', 3),
  ...street('110105002', 3)
];

/** Column overrides per year and unit (SQL literals). */
const CHANGES: [number | 'both', string[], string, string][] = [
  // 人情分: 5 of 6 at 100 (warned); 4 of 6 identical (not); 4 of 4 at 100 but under 5 units (not)
  [2025, street('110101001', 5), 'sat_overall', '100'],
  [2025, street('110101001', 6).slice(5), 'sat_overall', '88'],
  [2025, street('110101002', 6).slice(0, 4), 'sat_overall', '80'],
  [2025, ['110101002005'], 'sat_overall', '81'],
  [2025, ['110101002006'], 'sat_overall', '82'],
  [2025, street('110101003', 4), 'sat_overall', '100'],
  // …and a district of two streets of 3, all at 100: each street too small, the district warned
  [2025, [...street('110105001', 3), ...street('110105002', 3)], 'sat_overall', '100'],
  // jumps: +35 % and +700 (warned); +37.5 % but only +15 (not); +29.5 % (not)
  [2025, ['110102001001'], 'households', '2700'],
  [2024, ['110102001002'], 'households', '40'],
  [2025, ['110102001002'], 'households', '55'],
  [2025, ['110102001003'], 'households', '2590'],
  ['both', ['110102001002'], 'workers', '1'],
  // peers (volunteers per 100 residents, median 10): 150 and 0.83 (warned)
  [2025, ['110102001004'], 'volunteers', '9000'],
  [2025, ['110102001005'], 'volunteers', '50'],
  // surveys: 25 households with a score (warned); 29 without a score (not); 30 (not)
  [2025, ['110102001006'], 'survey_n', '25'],
  [2025, ['110102001007'], 'survey_n', '29'],
  [2025, ['110102001007'], 'sat_overall', 'NULL'],
  [2025, ['110102001008'], 'survey_n', '30'],
  // missing: sat_service for 4 of 16 units of 110101 (25 %, warned); funding for 3 of 16 (not)
  [2025, ['110101001001', '110101002001', '110101002002', '110101003001'], 'sat_service', 'NULL'],
  [2025, ['110101001002', '110101002003', '110101003002'], 'funding', 'NULL']
];

beforeAll(async () => {
  const con = await openDuck();
  const cols = baseColumns.map((c) => `${defaultOf(c.name)}::${c.type} AS ${quoteIdent(c.name)}`).join(', ');
  const codes = CODES.map((c) => `(${lit(c)})`).join(', ');
  await con.run(`CREATE TABLE u AS SELECT code, year::SMALLINT AS year, 1::TINYINT AS urban, ${cols}
                 FROM (VALUES ${codes}) c(code), (VALUES (2024), (2025)) y(year)`);
  // Scores differ within every street (71–81 in 110102001, …) unless a case sets them.
  await con.run(
    `UPDATE u SET sat_overall = 60 + right(code, 3)::INT + 10 * substr(code, 7, 3)::INT + 0.5 * substr(code, 6, 1)::INT`
  );
  for (const [year, units, col, value] of CHANGES)
    await con.run(`UPDATE u SET ${quoteIdent(col)} = ${value} WHERE code IN (${units.map(lit).join(', ')})
                   ${year === 'both' ? '' : `AND year = ${year}`}`);
  await con.run(`UPDATE u SET facility_area = households`); // 100 m² per 100 households everywhere
  for (const y of [2024, 2025]) {
    mkdirSync(join(dir, 'units', String(y)), { recursive: true });
    await con.run(
      `COPY (SELECT * EXCLUDE (year), year FROM u WHERE year = ${y}) TO ${lit(join(dir, 'units', String(y), '11.parquet'))} (FORMAT PARQUET)`
    );
  }
  mkdirSync(join(dir, 'names'));
  await con.run(`COPY (SELECT code, '单位' || code AS name, 1 AS urban FROM u WHERE year = 2025)
                 TO ${lit(join(dir, 'names', '11.parquet'))} (FORMAT PARQUET)`);
  await con.run(`COPY (SELECT * FROM (VALUES ('110101001', '甲街道', '110101'), ('110101002', '乙街道', '110101'),
                   ('110101003', '丙街道', '110101'), ('110102001', '丁街道', '110102'),
                   ('110105001', '戊街道', '110105'), ('110105002', '己街道', '110105')) s(code, name, parent))
                 TO ${lit(join(dir, 'streets.parquet'))} (FORMAT PARQUET)`);
  con.closeSync();
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 1, demo: false, years: [2024, 2025] }));
  writeFileSync(
    join(dir, 'regions.json'),
    JSON.stringify([
      ['110101', '东城区', 'd', '110100'],
      ['110102', '西城区', 'd', '110100'],
      ['110105', '朝阳区', 'd', '110100']
    ])
  );
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const key = (w: { rule: string; code: string; subject: string }) => `${w.rule} ${w.code} ${w.subject}`.trim();

describe('quality rules on a hand-made snapshot', () => {
  it('finds exactly the planted cases of every rule, with their values', async () => {
    const r = await qualityReport(dir);
    expect(r.year).toBe(2025);
    expect(r.warnings.map(key).sort()).toEqual(
      [
        'missing_indicator 110101 sat_service',
        'peer_ratio 110102001004 volunteers_per_100',
        'peer_ratio 110102001005 volunteers_per_100',
        'small_survey 110102001006',
        'uniform_satisfaction 110101001',
        'uniform_satisfaction 110105',
        'yoy_jump 110102001001 households'
      ].sort()
    );
    const get = (k: string) => r.warnings.find((w) => key(w) === k)!;
    expect(get('uniform_satisfaction 110101001')).toMatchObject({ name: '甲街道', district: '110101', units: 6 });
    expect(get('uniform_satisfaction 110101001').value).toBeCloseTo(5 / 6, 9);
    expect(get('yoy_jump 110102001001 households')).toMatchObject({ value: 2700, reference: 2000, threshold: 0.3 });
    expect(get('peer_ratio 110102001004 volunteers_per_100')).toMatchObject({ value: 150, reference: 10, threshold: 10 });
    expect(get('peer_ratio 110102001005 volunteers_per_100').value).toBeCloseTo(50 / 60, 9);
    expect(get('small_survey 110102001006')).toMatchObject({ value: 25, reference: 77, threshold: 30, name: '单位110102001006' });
    expect(get('missing_indicator 110101 sat_service')).toMatchObject({ value: 0.25, reference: 16, units: 4, threshold: 0.2 });
    expect(get('uniform_satisfaction 110105')).toMatchObject({ name: '朝阳区', value: 1, units: 6 });
    expect(r.counts).toEqual({ uniform_satisfaction: 2, yoy_jump: 1, peer_ratio: 2, small_survey: 1, missing_indicator: 1 });
  });

  it('ranks districts by the quality score 100 × (1 − unit-warnings / units)', async () => {
    const r = await qualityReport(dir);
    expect(r.districts).toEqual([
      { district: '110105', units: 6, warnings: 1, concerned: 6, score: 0 },
      { district: '110101', units: 16, warnings: 2, concerned: 10, score: 37.5 },
      { district: '110102', units: 10, warnings: 4, concerned: 4, score: 60 }
    ]);
  });

  it('a year without the year before has no year-on-year rule', async () => {
    const r = await qualityReport(dir, 2024);
    expect(r.warnings.map(key)).toEqual([]);
    expect(r.districts).toEqual([]);
  });

  it('messages name the value and the threshold in both languages', async () => {
    const r = await qualityReport(dir);
    const jump = r.warnings.find((w) => w.rule === 'yoy_jump')!;
    expect(warningMessage(jump, 'zh')).toBe('户数由 2000 变为 2700(+35%)，超过 ±30%');
    expect(warningMessage(jump, 'en')).toBe('Households went from 2000 to 2700 (+35%), beyond ±30%');
    const missing = r.warnings.find((w) => w.rule === 'missing_indicator')!;
    expect(warningMessage(missing, 'en')).toMatch(/missing for 4 of 16 units \(25%, threshold 20%\)/);
  });

  it('every rule has a definition with both names, a threshold and an explanation', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual(
      ['missing_indicator', 'peer_ratio', 'small_survey', 'uniform_satisfaction', 'yoy_jump'].sort()
    );
    for (const r of RULES) {
      expect(r.zh && r.en && r.explanation_zh && r.explanation_en && r.threshold_zh && r.threshold_en).toBeTruthy();
      expect(Number.isFinite(r.threshold)).toBe(true);
    }
    expect(() => rule('nope')).toThrow(/unknown quality rule/);
    expect(buildReport([], []).counts.small_survey).toBe(0);
  });
});

describe('the page’s queries (DuckDB-WASM tables, here on native DuckDB)', () => {
  it('give the same warnings as the CLI over the same files', async () => {
    const q = qualityQueries(2025, true, ['11']);
    const con = await openDuck();
    for (const f of new Set([...q.warnings.files, ...q.districts.files]))
      await con.run(`CREATE TABLE ${tableOf(f)} AS SELECT * FROM read_parquet(${lit(join(dir, f))})`);
    const warnings = (await rows(con, q.warnings.sql.text)).map((r) => toWarning(r as never));
    const districts = await rows<{ district: string; units: number }>(con, q.districts.sql.text);
    con.closeSync();
    const cli = await qualityReport(dir);
    // district-level warnings get their names from regions.json (CLI) or the region tree (page)
    expect(warnings).toEqual(cli.warnings.map((w) => ({ ...w, name: w.code.length === 6 ? null : w.name })));
    expect(buildReport(warnings, districts).districts).toEqual(cli.districts);
  });

  it('refuse a province code that is not two digits', () => {
    expect(() => qualityQueries(2025, true, ["11' OR 1=1 --"])).toThrow(/not a province code/);
    expect(() => qualityQueries(2025, true, [])).toThrow(/no provinces/);
  });

  it('read and write the page URL: defaults left out, unknown values ignored', () => {
    const years = [2024, 2025];
    expect(parseQualityView(new URLSearchParams('y=2024&p=42'), years)).toEqual({ year: 2024, scope: '42' });
    expect(parseQualityView(new URLSearchParams('y=1999&p=4x'), years)).toEqual({ year: 2025, scope: 'all' });
    expect(qualitySearch({ year: 2025, scope: 'all' }, years, 'zh')).toBe('');
    expect(qualitySearch({ year: 2024, scope: '42' }, years, 'en')).toBe('?y=2024&p=42&lang=en');
  });
});

describe('npm run quality', () => {
  const cli = (args: string[]) => spawnSync('npx', ['tsx', 'scripts/quality.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('prints the summary, writes one CSV row per warning and exits 0 with warnings', () => {
    const out = join(tmp, 'report.csv');
    const stdout = execFileSync('npx', ['tsx', 'scripts/quality.ts', '--data', dir, '--out', out], { encoding: 'utf8' });
    expect(stdout).toMatch(/uniform_satisfaction\s+2 /);
    expect(stdout).toMatch(/110101 东城区.*score {2}37\.5/);
    const lines = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('rule,code,name,district,subject,value,threshold,message,message_en');
    expect(lines).toHaveLength(8);
    expect(lines.some((l) => l.startsWith('small_survey,110102001006,单位110102001006,110102,,25,30,'))).toBe(true);
  }, 60_000);

  it('a folder that is not a snapshot: exit 1 and one line', () => {
    const r = cli(['--data', join(tmp, 'nowhere')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`quality: --data: ${join(tmp, 'nowhere')} is not a snapshot folder (no manifest.json)`);
  }, 60_000);

  it('a manifest without unit partitions: exit 1 and one line', () => {
    const bare = join(tmp, 'bare');
    mkdirSync(bare, { recursive: true });
    writeFileSync(join(bare, 'manifest.json'), JSON.stringify({ years: [2025] }));
    const r = cli(['--data', bare]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`quality: --data: ${bare} has no units/2025/ folder of unit partitions`);
  }, 60_000);

  it('a year the snapshot does not hold: exit 1', () => {
    const r = cli(['--data', dir, '--year', '2019']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^quality: --year: 2019 is not in .* \(years 2024, 2025\)$/);
  }, 60_000);
});

// The built demonstration snapshot (npm run data): the report finds the anomalies planted by
// scripts/generate-demo.ts and nothing else. Natural hits allowed: none (at seed 20251 no unit,
// street or district of any year breaks a rule on its own).
// A snapshot of imported data (demo: false) holds no planted anomalies: then these tests are skipped.
const DEMO = 'static/data';
const manifestFile = join(DEMO, 'manifest.json');
if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run \`npm run data\` first`);
const isDemo = JSON.parse(readFileSync(manifestFile, 'utf8')).demo === true;
describe.runIf(isDemo)('planted anomalies in the demonstration snapshot', () => {
  it('finds exactly the planted anomalies', async () => {
    const r = await qualityReport(DEMO, PLANT_YEAR);
    const con = await openDuck();
    const p = EXPECTED.yoy_jump.street.slice(0, 2);
    const jumpUnits = await rows<{ code: string }>(
      con,
      `SELECT code FROM read_parquet(${lit(join(DEMO, 'names', `${p}.parquet`))}) WHERE starts_with(code, ${lit(EXPECTED.yoy_jump.street)}) ORDER BY code`
    );
    con.closeSync();
    expect(jumpUnits.length).toBeGreaterThan(3);
    const expected = [
      ...EXPECTED.uniform_satisfaction.map((w) => ({ rule: 'uniform_satisfaction', ...w })),
      ...jumpUnits.map((u) => ({ rule: 'yoy_jump', code: u.code, subject: EXPECTED.yoy_jump.subject })),
      ...EXPECTED.peer_ratio.map((w) => ({ rule: 'peer_ratio', ...w })),
      ...EXPECTED.small_survey.map((w) => ({ rule: 'small_survey', ...w })),
      ...EXPECTED.missing_indicator.map((w) => ({ rule: 'missing_indicator', ...w }))
    ];
    expect(r.warnings.map(key).sort()).toEqual(expected.map(key).sort());
    // every warning names its unit, street or district
    expect(r.warnings.filter((w) => !w.name)).toEqual([]);
  }, 120_000);

  it('the year before the planted one has no warnings at all', async () => {
    const r = await qualityReport(DEMO, PLANT_YEAR - 1);
    expect(r.warnings.map(key)).toEqual([]);
  }, 120_000);
});
