/**
 * The database statements WeChat Cloud's HTTP API takes as a string (`query` of
 * tcb/databasequery, databaseadd, databaseupdate, databasedelete, databasecount and
 * databasemigrateexport), e.g. `db.collection("geo").where({done:true}).limit(10).skip(1).get()`.
 *
 * The cloud runs these as SDK code. The local cloud parses them instead of running them: one
 * `db.collection(name)` followed by chained calls whose arguments are literals — strings in
 * either quote, numbers, true/false/null, arrays, objects with bare or quoted keys, and
 * `new Date(…)`. Anything else (`db.command`, variables, functions) is refused with a reason, so
 * a caller that depends on more finds out here rather than in production.
 */

export interface StatementCall {
  method: string;
  args: unknown[];
}

export interface Statement {
  collection: string;
  calls: StatementCall[];
}

export class StatementError extends Error {
  override name = 'StatementError';
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new StatementError(`${what} at position ${this.i} of the statement`);
  }

  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  peek(): string {
    this.ws();
    return this.s[this.i] ?? '';
  }

  expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected '${ch}'`);
    this.i++;
  }

  ident(): string {
    this.ws();
    const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected a name');
    this.i += m[0].length;
    return m[0];
  }

  atEnd(): boolean {
    this.ws();
    while (this.s[this.i] === ';') {
      this.i++;
      this.ws();
    }
    return this.i >= this.s.length;
  }

  string(): string {
    this.ws();
    const q = this.s[this.i];
    if (q !== '"' && q !== "'") this.fail('expected a string');
    this.i++;
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++]!;
      if (c === q) return out;
      if (c === '\\') {
        const e = this.s[this.i++];
        if (e === undefined) break;
        if (e === 'u') {
          const hex = this.s.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 4;
        } else out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
      } else out += c;
    }
    return this.fail('unterminated string');
  }

  value(): unknown {
    const c = this.peek();
    if (c === '"' || c === "'") return this.string();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '-' || /[0-9]/.test(c)) {
      const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.s.slice(this.i));
      if (!m) this.fail('bad number');
      this.i += m[0].length;
      return Number(m[0]);
    }
    const word = this.ident();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (word === 'new') {
      if (this.ident() !== 'Date') this.fail('only `new Date(…)` may be constructed');
      this.expect('(');
      const arg = this.peek() === ')' ? undefined : this.value();
      this.expect(')');
      const d = arg === undefined ? new Date() : new Date(arg as string | number);
      if (Number.isNaN(d.getTime())) this.fail('invalid date');
      return d;
    }
    return this.fail(`'${word}' is not a literal: the local cloud accepts literal arguments only (no db.command, variables or functions)`);
  }

  object(): Record<string, unknown> {
    this.expect('{');
    const out: Record<string, unknown> = {};
    while (this.peek() !== '}') {
      const k = this.peek() === '"' || this.peek() === "'" ? this.string() : this.ident();
      this.expect(':');
      out[k] = this.value();
      if (this.peek() === ',') this.i++;
      else if (this.peek() !== '}') this.fail("expected ',' or '}'");
    }
    this.i++;
    return out;
  }

  array(): unknown[] {
    this.expect('[');
    const out: unknown[] = [];
    while (this.peek() !== ']') {
      out.push(this.value());
      if (this.peek() === ',') this.i++;
      else if (this.peek() !== ']') this.fail("expected ',' or ']'");
    }
    this.i++;
    return out;
  }

  args(): unknown[] {
    this.expect('(');
    const out: unknown[] = [];
    while (this.peek() !== ')') {
      out.push(this.value());
      if (this.peek() === ',') this.i++;
      else if (this.peek() !== ')') this.fail("expected ',' or ')'");
    }
    this.i++;
    return out;
  }
}

export function parseStatement(text: string): Statement {
  const p: Parser = new Parser(text);
  if (p.ident() !== 'db') p.fail('a statement starts with db.collection(name)');
  p.expect('.');
  if (p.ident() !== 'collection') p.fail('a statement starts with db.collection(name)');
  const first = p.args();
  const collection = first[0];
  if (first.length !== 1 || typeof collection !== 'string' || !collection) p.fail('db.collection takes one collection name');
  const calls: StatementCall[] = [];
  while (!p.atEnd()) {
    p.expect('.');
    const method = p.ident();
    calls.push({ method, args: p.args() });
  }
  return { collection, calls };
}
