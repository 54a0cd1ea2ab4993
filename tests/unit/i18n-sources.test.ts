// Every user-visible string lives in src/lib/i18n: no component picks between inline zh and en text.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(svelte|ts)$/.test(e.name) ? [join(dir, e.name)] : []
  );
}
const sources = files('src').filter((f) => !f.startsWith(join('src', 'lib', 'i18n')));
/** Source without comments (// …, /* … *\/, <!-- … -->), so notes in Chinese are allowed. */
const code = (f: string) =>
  readFileSync(f, 'utf8')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('strings come from the message catalogue', () => {
  it('no inline zh/en ternaries choose between texts', () => {
    const inline = /\b(zh|en) \?\s|locale === '(en|zh)'\s*\?\s*'(?!(zh|en|zh-CN)')[^'?]*[A-Za-z\u4e00-\u9fff]/;
    expect(sources.filter((f) => inline.test(code(f)))).toEqual([]);
  });
  it('no Chinese text in components and pages', () => {
    const svelte = sources.filter((f) => f.endsWith('.svelte'));
    expect(svelte.filter((f) => /[\u4e00-\u9fff]/.test(code(f)))).toEqual([]);
  });
});
