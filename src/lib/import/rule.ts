// Cross-field rules of the schema (`check` expressions such as "workers_certified <= workers"),
// compiled once into functions over a row of values.
import type { Value } from '../types';

// Grammar: or := and ('or' and)*; and := not ('and' not)*; not := 'not' not | '(' or ')' | cmp;
// cmp := operand ('is' ['not'] 'null' | op operand); operand := number | column. SQL's three-valued
// logic: a comparison with a null operand is unknown, and only a definite FALSE fails the rule.
export interface CompiledRule {
  columns: string[];
  index: Record<string, number>;
  test(values: Value[]): boolean | null;
}
type Node = (values: Value[]) => boolean | null;
const OPS: Record<string, (x: number, y: number) => boolean> = {
  '<=': (x, y) => x <= y,
  '>=': (x, y) => x >= y,
  '<': (x, y) => x < y,
  '>': (x, y) => x > y,
  '=': (x, y) => x === y,
  '<>': (x, y) => x !== y,
  '!=': (x, y) => x !== y
};
const TOKEN = /\s*(<=|>=|<>|!=|<|>|=|\(|\)|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?)/y;

export function compileRule(check: string, index: Map<string, number>): CompiledRule {
  const tokens: string[] = [],
    src = check.trim();
  for (let pos = 0, m; pos < src.length; pos = TOKEN.lastIndex) {
    TOKEN.lastIndex = pos;
    if (!(m = TOKEN.exec(src))) throw new Error(`rule "${check}": cannot parse at "${src.slice(pos)}"`);
    tokens.push(m[1]);
  }
  let p = 0;
  const columns: string[] = [];
  const peek = () => tokens[p]?.toLowerCase();
  const expect = (t: string) => {
    if (peek() !== t) throw new Error(`rule "${check}": expected ${t}`);
    p++;
  };
  const operand = (): ((values: Value[]) => number | null) => {
    const t = tokens[p++];
    if (t === undefined) throw new Error(`rule "${check}": unexpected end`);
    if (/^-?\d/.test(t)) {
      const n = Number(t);
      return () => n;
    }
    const i = index.get(t);
    if (i === undefined) throw new Error(`rule "${check}": unknown column ${t}`);
    if (!columns.includes(t)) columns.push(t);
    return (v) => v[i] as number | null;
  };
  const cmp = (): Node => {
    if (peek() === '(') {
      p++;
      const e = or();
      expect(')');
      return e;
    }
    if (peek() === 'not') {
      p++;
      const e = cmp();
      return (v) => {
        const r = e(v);
        return r === null ? null : !r;
      };
    }
    const a = operand();
    if (peek() === 'is') {
      const neg = tokens[++p]?.toLowerCase() === 'not' ? (p++, true) : false;
      expect('null');
      return (v) => (a(v) === null) !== neg;
    }
    const op = tokens[p++],
      b = operand(),
      fn = OPS[op];
    if (!fn) throw new Error(`rule "${check}": unknown operator ${op}`);
    return (v) => {
      const x = a(v),
        y = b(v);
      return x === null || y === null ? null : fn(x, y);
    };
  };
  // Kleene AND (stop at false) / OR (stop at true); a null part makes the result unknown unless a part stops it.
  const chain = (word: string, next: () => Node, stop: boolean) => (): Node => {
    const parts = [next()];
    while (peek() === word) {
      p++;
      parts.push(next());
    }
    return parts.length === 1
      ? parts[0]
      : (v) => {
          let r: boolean | null = !stop;
          for (const q of parts) {
            const x = q(v);
            if (x === stop) return stop;
            if (x === null) r = null;
          }
          return r;
        };
  };
  const and = chain('and', cmp, false);
  const or: () => Node = chain('or', and, true);
  const test = or();
  if (p !== tokens.length) throw new Error(`rule "${check}": unexpected "${tokens[p]}"`);
  return { columns, index: Object.fromEntries(columns.map((c) => [c, index.get(c)!])), test };
}
