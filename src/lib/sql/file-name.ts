// The console's part of an export's file name: what the query was, readable and exact. A short slug
// of the query (comments dropped, every run of characters other than letters and digits — CJK kept —
// one `_`, at most 60 characters) and an 8-hex-digit FNV-1a hash of the query's full text (UTF-8), so
// two queries that read alike still get two names, and the same query always gets the same one: the
// hash of a Parquet export's `query` metadata is the one in its name. Pure.

const MAX_SLUG = 60;

/** FNV-1a (32 bits) of the UTF-8 bytes of `text`, as 8 hex digits. */
export function queryHash(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A readable, file-safe slug of a query: letters and digits of any script, `_` between, ≤ `max` characters. */
export function querySlug(text: string, max = MAX_SLUG): string {
  const words = text
    .replace(/--[^\n\r]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  const chars = Array.from(words);
  if (chars.length <= max) return words;
  let cut = chars.slice(0, max).join('');
  // End on a whole word when one ends in the second half.
  if (chars[max] !== '_') {
    const at = cut.lastIndexOf('_');
    if (at >= max / 2) cut = cut.slice(0, at);
  }
  return cut.replace(/_+$/, '');
}

/** `slug-hash` of a query (the hash alone when the query has no letters or digits). */
export function queryFilePart(text: string): string {
  const slug = querySlug(text);
  return slug ? `${slug}-${queryHash(text)}` : queryHash(text);
}
