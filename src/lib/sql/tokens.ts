// Tokens of a console query, from DuckDB's own tokenizer (the scanner its parser uses), grouped by
// brackets into a light tree the read-only guard walks. DuckDB-WASM 1.28 (DuckDB 0.9.1) has no JSON
// extension, so json_serialize_sql is not available; its tokenizer is. Pure: no DuckDB here, the
// offsets and types come in from whichever DuckDB tokenised the text.

/** DuckDB's token types (duckdb-wasm `TokenType`). */
export const enum TokenType {
  Identifier = 0,
  Numeric = 1,
  String = 2,
  Operator = 3,
  Keyword = 4,
  Comment = 5
}

/** What DuckDB's `tokenize` returns: the start offset and type of every token. */
export interface ScriptTokens {
  offsets: number[];
  types: number[];
}

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'op';

export interface Token {
  kind: TokenKind;
  /** The token as written. */
  text: string;
  /** word: lower case; quoted identifier: unquoted, lower case; simple '…' string: its value; else null. */
  value: string | null;
  /** DuckDB classed it as a keyword (reserved or not). */
  keyword: boolean;
  start: number;
  end: number;
}

export interface Group {
  kind: 'group';
  open: '(' | '[' | '{';
  items: Item[];
  start: number;
}

export type Item = Token | Group;

/** A token the guard cannot read safely (unbalanced brackets, U&"…" identifiers…): refused as a syntax problem. */
export class TokenError extends Error {}

const WORD = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/;
const QUOTED = /^"(?:[^"]|"")*"/;
const SIMPLE_STRING = /^'(?:[^']|'')*'/;
const NOT_SPACE = /^(?:(?!\/\*|--)\S)+/;

function lexeme(type: number, slice: string): { kind: TokenKind; text: string; value: string | null } {
  if (type === TokenType.Identifier) {
    const q = QUOTED.exec(slice);
    if (q) return { kind: 'quoted', text: q[0], value: q[0].slice(1, -1).replace(/""/g, '"').toLowerCase() };
    const w = WORD.exec(slice);
    if (w) return { kind: 'word', text: w[0], value: w[0].toLowerCase() };
    throw new TokenError(`identifier ${slice.trim().slice(0, 40)}`);
  }
  if (type === TokenType.String) {
    const s = SIMPLE_STRING.exec(slice);
    if (s) return { kind: 'string', text: s[0], value: s[0].slice(1, -1).replace(/''/g, "'") };
    return { kind: 'string', text: slice.trim(), value: null };
  }
  if (type === TokenType.Keyword) {
    const w = WORD.exec(slice);
    if (w) return { kind: 'word', text: w[0], value: w[0].toLowerCase() };
  }
  const t = NOT_SPACE.exec(slice)?.[0] ?? slice.trim();
  return { kind: type === TokenType.Numeric ? 'number' : 'op', text: t, value: null };
}

/** The tokens of `text`, comments dropped. */
export function toTokens(text: string, raw: ScriptTokens): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < raw.offsets.length; i++) {
    if (raw.types[i] === TokenType.Comment) continue;
    const start = raw.offsets[i];
    const slice = text.slice(start, raw.offsets[i + 1] ?? text.length);
    const l = lexeme(raw.types[i], slice);
    out.push({ ...l, keyword: raw.types[i] === TokenType.Keyword, start, end: start + l.text.length });
  }
  return out;
}

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Nest tokens by ( ) [ ] { }. Throws TokenError on unbalanced brackets. */
export function groupTokens(tokens: Token[]): Item[] {
  const root: Group = { kind: 'group', open: '(', items: [], start: 0 };
  const stack: Group[] = [root];
  for (const t of tokens) {
    const top = stack[stack.length - 1];
    if (t.kind === 'op' && t.text in CLOSE) {
      const g: Group = { kind: 'group', open: t.text as Group['open'], items: [], start: t.start };
      top.items.push(g);
      stack.push(g);
    } else if (t.kind === 'op' && /^[)\]}]$/.test(t.text)) {
      if (stack.length === 1 || CLOSE[top.open] !== t.text) throw new TokenError(`unbalanced "${t.text}"`);
      stack.pop();
    } else if (t.kind === 'op' && /[()[\]{}]/.test(t.text)) {
      throw new TokenError(`operator ${t.text}`);
    } else top.items.push(t);
  }
  if (stack.length !== 1) throw new TokenError(`unclosed "${stack[stack.length - 1].open}"`);
  return root.items;
}

export type WordToken = Token & { kind: 'word' };
export type OpToken = Token & { kind: 'op' };
export type NameToken = Token & { kind: 'word' | 'quoted' };

export const isGroup = (i: Item | undefined): i is Group => i?.kind === 'group';
export const isWord = (i: Item | undefined, ...values: string[]): i is WordToken =>
  i !== undefined && i.kind === 'word' && (values.length === 0 || values.includes(i.value!));
export const isOp = (i: Item | undefined, text: string): i is OpToken => i !== undefined && i.kind === 'op' && i.text === text;
/** A name: an unquoted word or a quoted identifier. */
export const isName = (i: Item | undefined): i is NameToken => i !== undefined && (i.kind === 'word' || i.kind === 'quoted');
