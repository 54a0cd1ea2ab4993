// The one URL-state codec: malformed values fall back to defaults, defaults are left out, the
// language is carried; and the search box's link to a place is the overview's own URL form.
import { describe, expect, it } from 'vitest';
import { code, decode, encode, localeOf, numberIn, oneOf, optionalCode, toSearch, withLocale } from '../../src/lib/url/codec';
import { overviewHref, parseState } from '../../src/lib/overview/state';

const fields = {
  kind: oneOf('k', ['a', 'b'] as const),
  region: code('r', 6),
  year: numberIn('y', () => [2024, 2025]),
  unit: optionalCode('u', 12)
};
const d = { kind: 'a' as 'a' | 'b', region: '000000', year: 2025, unit: null as string | null };

describe('URL codec', () => {
  it('decodes valid values and falls back to the default for each malformed one', () => {
    expect(decode(fields, new URLSearchParams('k=b&r=440305&y=2024&u=440305001001'), d)).toEqual({
      kind: 'b',
      region: '440305',
      year: 2024,
      unit: '440305001001'
    });
    expect(decode(fields, new URLSearchParams("k=<x>&r=44'--&y=1999&u=1"), d)).toEqual(d);
    expect(decode(fields, new URLSearchParams('y='), d).year).toBe(2025);
  });
  it('encodes only what differs from the default, then the language', () => {
    expect(encode(fields, d, d)).toBe('');
    expect(encode(fields, { ...d, region: '440000' }, d, 'en')).toBe('?r=440000&lang=en');
    expect(encode(fields, d, d, 'en')).toBe('?lang=en');
  });
  it('switches language keeping every other parameter', () => {
    const p = new URLSearchParams('r=440000&lang=en');
    expect(localeOf(p)).toBe('en');
    expect(toSearch(withLocale(p, 'zh'))).toBe('?r=440000');
    expect(toSearch(withLocale(new URLSearchParams('r=1'), 'en'))).toBe('?r=1&lang=en');
  });
  it("the search box's link to a unit opens its district with the unit marked", () => {
    const years = [2024, 2025];
    const href = overviewHref('/base', { region: '440305', unit: '440305001001' }, years, 'en');
    expect(href).toBe('/base/?r=440305&u=440305001001&lang=en');
    const s = parseState(new URL(href, 'http://x').searchParams, years);
    expect([s.region, s.unit, s.year]).toEqual(['440305', '440305001001', 2025]);
  });
});
