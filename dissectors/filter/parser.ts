import { fail, type Span } from './errors.js';
import { scan, type Token, type TokenKind } from './scanner.js';
import { join, type ArithmeticOp, type Expr, type Quantifier, type SetElement, type Test } from './syntax.js';

/**
 * Recursive-descent parser for the grammar of Wireshark 4.0 (epan/dfilter/grammar.lemon):
 *
 *   test       := or
 *   or         := and (("or" | "||") and)*
 *   and        := not (("and" | "&&") not)*
 *   not        := ("not" | "!") not | "(" test ")" | relation
 *   relation   := ["any" | "all"] (arith (cmp arith)+ | entity ("contains" | "matches") entity
 *                 | entity ["not"] "in" set) | arith
 *   arith      := bitwise and + - * / % over ["+" | "-"] entity | "{" arith "}"
 *   entity     := (word [layer] | word "(" args ")" | string | char | "${" word [layer] "}") slice*
 *
 * Arithmetic grouping uses braces; parentheses group tests only. A chain `a < b < c` means
 * `a < b and b < c`.
 */
/** The functions of Wireshark 4.0's filter language (epan/dfilter/dfunctions.c). */
const functionNames = new Set(['len', 'count', 'upper', 'lower', 'string', 'min', 'max', 'abs']);

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Test | null {
    if (this.peek().kind === 'end') return null;
    const test = this.parseOr();
    if (this.peek().kind !== 'end') this.unexpected();
    return test;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private expect(kind: TokenKind): Token {
    if (this.peek().kind !== kind) this.unexpected();
    return this.next();
  }

  private unexpected(): never {
    const token = this.peek();
    if (token.kind === 'end') fail('Unexpected end of filter expression.', token);
    fail(`"${token.text}" was unexpected in this context.`, token);
  }

  private parseOr(): Test {
    let left = this.parseAnd();
    while (this.peek().kind === 'or') {
      this.next();
      const right = this.parseAnd();
      left = { kind: 'or', left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private parseAnd(): Test {
    let left = this.parseNot();
    while (this.peek().kind === 'and') {
      this.next();
      const right = this.parseNot();
      left = { kind: 'and', left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private parseNot(): Test {
    const token = this.peek();
    if (token.kind === 'not') {
      this.next();
      const operand = this.parseNot();
      return { kind: 'not', operand, span: join(token, operand.span) };
    }
    if (token.kind === '(') {
      this.next();
      const inner = this.parseOr();
      const close = this.expect(')');
      return { ...inner, span: join(token, close) };
    }
    return this.parseRelation();
  }

  private parseRelation(): Test {
    const first = this.peek();
    let quantifier: Quantifier | undefined;
    if (first.kind === 'any' || first.kind === 'all') {
      quantifier = first.kind;
      this.next();
    }
    const left = this.parseArithmetic();
    const token = this.peek();
    if (token.kind === 'compare') return this.parseComparisonChain(left, quantifier);
    const isEntity = left.kind !== 'binary' && left.kind !== 'negate';
    if (isEntity && (token.kind === 'contains' || token.kind === 'matches')) {
      this.next();
      const right = this.parseEntity();
      return { kind: token.kind, quantifier, left, right, span: join(left.span, right.span), opSpan: token };
    }
    if (isEntity && (token.kind === 'in' || (token.kind === 'not' && this.peek(1).kind === 'in'))) {
      const negated = token.kind === 'not';
      if (negated) this.next();
      const opToken = this.next();
      const { set, span } = this.parseSet();
      const relation: Test = { kind: 'in', quantifier, left, set, span: join(left.span, span), opSpan: join(token, opToken) };
      return negated ? { kind: 'not', operand: relation, span: relation.span } : relation;
    }
    if (quantifier) this.unexpected();
    return { kind: 'value', value: left, span: left.span };
  }

  private parseComparisonChain(first: Expr, quantifier: Quantifier | undefined): Test {
    const operands: Expr[] = [first];
    const operators: Token[] = [];
    while (this.peek().kind === 'compare') {
      operators.push(this.next());
      operands.push(this.parseArithmetic());
    }
    let result: Test | undefined;
    for (let index = 0; index < operators.length; index++) {
      const left = operands[index];
      const right = operands[index + 1];
      const comparison: Test = { kind: 'compare', op: operators[index].op!, quantifier, left, right, span: join(left.span, right.span), opSpan: operators[index] };
      result = result ? { kind: 'and', left: result, right: comparison, span: join(result.span, comparison.span) } : comparison;
    }
    return result!;
  }

  private parseSet(): { set: SetElement[]; span: Span } {
    const open = this.expect('{');
    const set: SetElement[] = [];
    while (true) {
      const low = this.parseSetEntity();
      if (this.peek().kind === '..') {
        this.next();
        set.push({ low, high: this.parseSetEntity() });
      } else {
        set.push({ low });
      }
      if (this.peek().kind === ',') { this.next(); continue; }
      const close = this.expect('}');
      return { set, span: join(open, close) };
    }
  }

  private parseSetEntity(): Expr {
    const sign = this.peek();
    if (sign.kind === '+') { this.next(); return this.parseEntity(); }
    if (sign.kind === '-') {
      this.next();
      const operand = this.parseEntity();
      return { kind: 'negate', operand, span: join(sign, operand.span) };
    }
    return this.parseEntity();
  }

  // Precedence climbing over the arithmetic operators: & < + - < * / %.
  private parseArithmetic(level = 0): Expr {
    const levels: ArithmeticOp[][] = [['&'], ['+', '-'], ['*', '/', '%']];
    if (level === levels.length) return this.parseUnary();
    let left = this.parseArithmetic(level + 1);
    while ((levels[level] as string[]).includes(this.peek().kind)) {
      const opToken = this.next();
      const right = this.parseArithmetic(level + 1);
      left = { kind: 'binary', op: opToken.kind as ArithmeticOp, left, right, span: join(left.span, right.span), opSpan: opToken };
    }
    return left;
  }

  private parseUnary(): Expr {
    const token = this.peek();
    if (token.kind === '+') { this.next(); return this.parseEntity(); }
    if (token.kind === '-') {
      this.next();
      const operand = this.parseEntity();
      return { kind: 'negate', operand, span: join(token, operand.span) };
    }
    if (token.kind === '{') {
      this.next();
      const inner = this.parseArithmetic();
      this.expect('}');
      return inner;
    }
    return this.parseEntity();
  }

  private parseEntity(): Expr {
    let entity = this.parseAtom();
    while (this.peek().kind === 'brackets') {
      const brackets = this.next();
      entity = { kind: 'slice', of: entity, ranges: brackets.ranges!, span: join(entity.span, brackets) };
    }
    return entity;
  }

  private parseAtom(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case 'string':
        this.next();
        return { kind: 'string', bytes: token.bytes!, text: token.text, span: token };
      case 'char':
        this.next();
        return { kind: 'char', value: token.charValue!, text: token.text, span: token };
      case 'word':
      case 'dotword': {
        this.next();
        if (token.kind === 'word' && this.peek().kind === '(') return this.parseCall(token);
        const layer = this.peek().kind === 'layer' ? this.next() : undefined;
        return { kind: 'word', text: token.text, forceField: token.kind === 'dotword', span: layer ? join(token, layer) : token, layers: layer?.ranges };
      }
      case '$': {
        this.next();
        this.expect('{');
        const name = this.peek();
        if (name.kind !== 'word' && name.kind !== 'dotword') this.unexpected();
        this.next();
        const layer = this.peek().kind === 'layer' ? this.next() : undefined;
        const close = this.expect('}');
        return { kind: 'reference', name: name.text, layers: layer?.ranges, span: join(token, close) };
      }
      default:
        this.unexpected();
    }
  }

  private parseCall(name: Token): Expr {
    this.expect('(');
    const args: Expr[] = [];
    if (this.peek().kind !== ')') {
      args.push(this.parseArithmetic());
      while (this.peek().kind === ',') {
        this.next();
        args.push(this.parseArithmetic());
      }
    }
    const close = this.expect(')');
    // Checked after the arguments, so the innermost unknown function is the one reported (as 4.0 does).
    if (!functionNames.has(name.text)) fail(`Function '${name.text}' does not exist`, name);
    return { kind: 'call', name: name.text, args, span: join(name, close), nameSpan: name };
  }
}

/** Parses filter text into a syntax tree; `null` for an empty filter (which matches everything). */
export function parse(text: string): Test | null {
  return new Parser(scan(text)).parse();
}
