import { describe, it, expect } from 'vitest';
import { messages } from '../../src/lib/i18n/messages';
import { format, placeholders } from '../../src/lib/i18n/translate';

describe('UI messages', () => {
  it('zh and en have the same keys', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.zh).sort());
  });
  it('zh and en use the same {param} placeholders in every message', () => {
    for (const key of Object.keys(messages.zh) as (keyof typeof messages.zh)[]) {
      expect([key, placeholders(messages.en[key])]).toEqual([key, placeholders(messages.zh[key])]);
    }
  });
  it('no message is empty', () => {
    for (const locale of ['zh', 'en'] as const)
      for (const [key, m] of Object.entries(messages[locale]))
        expect([locale, key, format(m, locale).length > 0]).toEqual([locale, key, true]);
  });
});

describe('format', () => {
  it('interpolates parameters and leaves unknown ones visible', () => {
    expect(format('Show 200 more (of {total})', 'en', { total: 950 })).toBe('Show 200 more (of 950)');
    expect(format('{a} and {b}', 'en', { a: 1 })).toBe('1 and {b}');
  });
  it('chooses English plural forms with Intl.PluralRules', () => {
    const m = { one: '{n} region', other: '{n} regions' };
    expect(format(m, 'en', { n: 1 })).toBe('1 region');
    expect(format(m, 'en', { n: 3 })).toBe('3 regions');
    expect(format(m, 'en', { n: 0 })).toBe('0 regions');
    expect(format(m, 'zh', { n: 1 })).toBe('1 regions'); // zh has only "other"
  });
});
