import type { Field, FieldType } from '../core/fields.js';
import { fail, type Span } from './errors.js';
import { compatible, family, ftypeName, typeName, type CompareKind, type FilterNode, type FunctionName, type IndexRange, type RuntimeValue, type SetMember, type ValueNode } from './ir.js';
import { convertLiteral, decodeUtf8, parseRange, type Literal } from './literals.js';
import { compileRegex } from './regex.js';
import type { CompareOp, RangePart } from './scanner.js';
import { suggestField } from './suggest.js';
import type { Expr, Relation, Test } from './syntax.js';

/** The part of the field registry the checker needs (the global registry, or a test's). */
export interface FieldLookup {
  find(abbrev: string): Field | undefined;
  all(): readonly Field[];
}

/** Names Wireshark 4.0 still accepts for renamed protocols (with a deprecation warning). */
const deprecatedNames = new Map([['bootp', 'dhcp']]);

export const functionArity: Readonly<Record<FunctionName, [number, number]>> = {
  len: [1, 1], count: [1, 1], upper: [1, 1], lower: [1, 1], string: [1, 1], abs: [1, 1],
  min: [1, Infinity], max: [1, Infinity],
};

const compareKinds: Record<CompareOp, [CompareKind, 'any' | 'all']> = {
  '==': ['eq', 'any'], '!=': ['ne', 'all'], '===': ['eq', 'all'], '!==': ['ne', 'any'],
  '>': ['gt', 'any'], '>=': ['ge', 'any'], '<': ['lt', 'any'], '<=': ['le', 'any'],
};

interface Expected {
  readonly type: FieldType;
  readonly field?: Field;
}

/**
 * Semantic check (epan/dfilter/semcheck.c): resolves words to fields or literals, types every
 * value, converts literals to the type of the other side and reports what 4.0 would reject,
 * in its words. Produces the IR and the set of fields the filter reads.
 */
export class Checker {
  readonly fields = new Set<Field>();

  constructor(private readonly source: string, private readonly lookup: FieldLookup) {}

  private text(expr: Expr | Span): string {
    const span = 'span' in expr ? expr.span : expr;
    return this.source.slice(span.start, span.end);
  }

  private field(expr: Expr): Field | undefined {
    if (expr.kind !== 'word') return undefined;
    const field = this.lookup.find(expr.text) ?? this.lookup.find(deprecatedNames.get(expr.text) ?? '');
    if (!field && expr.forceField) fail(`"${expr.text}" is not a valid protocol or protocol field.`, expr.span, this.suggestion(expr.text));
    return field;
  }

  private suggestion(name: string): string | undefined {
    const best = suggestField(name, this.lookup.all());
    return best ? `Did you mean "${best}"?` : undefined;
  }

  test(test: Test): FilterNode {
    switch (test.kind) {
      case 'and': case 'or':
        return { kind: test.kind, left: this.test(test.left), right: this.test(test.right) };
      case 'not':
        return { kind: 'not', operand: this.test(test.operand) };
      case 'value':
        return this.valueTest(test.value);
      case 'compare': case 'contains': case 'matches':
        return this.comparison(test);
      case 'in':
        return this.membership(test);
    }
  }

  private valueTest(expr: Expr): FilterNode {
    switch (expr.kind) {
      case 'word': {
        const field = this.field(expr);
        if (!field) fail(`${expr.text} is neither a field nor a protocol name.`, expr.span, this.suggestion(expr.text));
        return { kind: 'exists', value: this.value(expr) };
      }
      case 'string': case 'char':
        fail(`${expr.text} is neither a field nor a protocol name.`, expr.span);
      // falls through (fail never returns)
      case 'call':
        fail('You cannot test whether a function is present.', expr.span);
      // falls through
      case 'slice': case 'reference':
        return { kind: 'exists', value: this.value(expr) };
      case 'binary': case 'negate': {
        if (this.typeOf(expr) === undefined) fail('Constant arithmetic expression on the LHS is invalid.', expr.span);
        return { kind: 'truthy', value: this.value(expr) };
      }
    }
  }

  private checkLeft(expr: Expr, label: string): void {
    if (expr.kind === 'word' && !this.field(expr)) {
      fail(`Left side of ${label} expression must be a field or function, not ${expr.text}.`, expr.span, this.suggestion(expr.text));
    }
    if (expr.kind === 'string' || expr.kind === 'char') fail(`Left side of ${label} expression must be a field or function, not ${expr.text}.`, expr.span);
    if ((expr.kind === 'binary' || expr.kind === 'negate') && this.typeOf(expr) === undefined) {
      fail('Constant arithmetic expression on the LHS is invalid.', expr.span);
    }
  }

  private comparison(relation: Extract<Relation, { kind: 'compare' | 'contains' | 'matches' }>): FilterNode {
    const opText = this.text(relation.opSpan);
    const label = relation.kind === 'compare' ? `"${opText}"` : opText;
    this.checkLeft(relation.left, label);
    const left = this.value(relation.left);
    const leftType = left.type;
    const leftText = this.text(relation.left);
    const cannot = () => fail(`${leftText} (type=${typeName(leftType)}) cannot participate in ${opText} comparison.`, relation.left.span);
    let op: CompareKind;
    let quantifier: 'any' | 'all' = relation.quantifier ?? 'any';
    if (relation.kind === 'compare') {
      const [kind, defaultQuantifier] = compareKinds[relation.op];
      op = kind;
      quantifier = relation.quantifier ?? defaultQuantifier;
      if (leftType === 'none') cannot();
    } else {
      op = relation.kind;
      const leftFamily = family(leftType);
      if (leftFamily !== 'bytes' && leftFamily !== 'string') cannot();
    }
    let right: ValueNode;
    if (op === 'matches') {
      if (relation.right.kind !== 'string') fail('Matches requires a double quoted string on the right side.', relation.right.span);
      const pattern = compileRegex(decodeUtf8(relation.right.bytes), relation.right.span);
      right = { kind: 'constant', type: 'string', value: pattern, text: relation.right.text };
    } else if (op === 'contains' && leftType !== 'string' && this.typeOf(relation.right) === undefined) {
      // `eth.src contains a3:e3`: the right side is any byte string, not a whole address.
      right = this.value(relation.right, { type: 'bytes' });
    } else {
      right = this.value(relation.right, { type: leftType, field: left.kind === 'field' ? left.field : undefined });
      if (right.kind !== 'constant' && !compatible(leftType, right.type)) {
        fail(`${leftText} and ${this.text(relation.right)} are not of compatible types.`, relation.span);
      }
    }
    return { kind: 'compare', op, quantifier, left, right };
  }

  private membership(relation: Extract<Relation, { kind: 'in' }>): FilterNode {
    if (this.typeOf(relation.left) === undefined) fail('Only a field may be tested for membership in a set.', relation.left.span);
    const value = this.value(relation.left);
    const expected: Expected = { type: value.type, field: value.kind === 'field' ? value.field : undefined };
    const member = (expr: Expr): ValueNode => {
      const node = this.value(expr, expected);
      if (node.kind !== 'constant' && !compatible(value.type, node.type)) {
        fail(`${this.text(relation.left)} and ${this.text(expr)} are not of compatible types.`, expr.span);
      }
      return node;
    };
    const set: SetMember[] = relation.set.map((element) => (element.high
      ? { low: member(element.low), high: member(element.high) }
      : { low: member(element.low) }));
    return { kind: 'in', quantifier: relation.quantifier ?? 'any', value, set };
  }

  /** The type of an expression, or undefined when it is a constant (its type comes from context). */
  typeOf(expr: Expr): FieldType | undefined {
    switch (expr.kind) {
      case 'word': return this.field(expr)?.type;
      case 'string': case 'char': return undefined;
      case 'reference': return this.referenceField(expr).type;
      case 'slice': {
        const inner = this.typeOf(expr.of);
        return inner === undefined ? undefined : inner === 'string' ? 'string' : 'bytes';
      }
      case 'call': return this.call(expr).type;
      case 'binary': return this.typeOf(expr.left) ?? this.typeOf(expr.right);
      case 'negate': return this.typeOf(expr.operand);
    }
  }

  private referenceField(expr: Extract<Expr, { kind: 'reference' }>): Field {
    const field = this.lookup.find(expr.name);
    if (!field) fail(`"${expr.name}" is not a valid protocol or protocol field.`, expr.span, this.suggestion(expr.name));
    return field;
  }

  private layers(parts: readonly RangePart[] | undefined): IndexRange[] | undefined {
    return parts?.map((part) => parseRange(part.text, part));
  }

  /** Types an expression; constants take `expected`'s type (the other side of the comparison). */
  value(expr: Expr, expected?: Expected): ValueNode {
    switch (expr.kind) {
      case 'word': {
        const field = this.field(expr);
        if (field) {
          this.fields.add(field);
          return { kind: 'field', type: field.type, field, layers: this.layers(expr.layers) };
        }
        if (expr.layers) fail(`${expr.text} is not a valid field`, expr.span, this.suggestion(expr.text));
        return this.constant(expr, expected);
      }
      case 'string': case 'char':
        return this.constant(expr, expected);
      case 'reference': {
        const field = this.referenceField(expr);
        return { kind: 'reference', type: field.type, field, layers: this.layers(expr.layers) };
      }
      case 'slice': {
        if (this.typeOf(expr.of) === undefined) fail(`Range is not supported for entity ${this.text(expr.of)}`, expr.of.span);
        const of = this.value(expr.of);
        const sliceable = family(of.type) === 'bytes' || of.type === 'string' || of.type === 'ipv4' || of.type === 'ipv6';
        if (!sliceable) {
          fail(`"${this.text(expr.of)}" is a ${typeName(of.type)} and cannot be sliced into a sequence of bytes.`, expr.of.span);
        }
        const ranges = expr.ranges.map((part) => parseRange(part.text, part));
        return { kind: 'slice', type: of.type === 'string' ? 'string' : 'bytes', of, ranges };
      }
      case 'call':
        return this.call(expr, expected);
      case 'negate': {
        const type = this.typeOf(expr.operand) ?? expected?.type;
        if (type === undefined) fail('Constant arithmetic expression on the LHS is invalid.', expr.span);
        this.checkArithmeticType(type, '-', expr.span);
        if (expr.operand.kind === 'word' && this.typeOf(expr.operand) === undefined) {
          // A negative literal: convert "-5" directly, so range checks and value names work.
          const literal: Literal = { kind: 'word', text: `-${expr.operand.text}`, span: expr.span };
          return { kind: 'constant', type, value: convertLiteral(type, literal, expected?.field), text: literal.text };
        }
        return { kind: 'negate', type, operand: this.arithmeticOperand(expr.operand, type) };
      }
      case 'binary': {
        // As 4.0 does: a constant on the left takes the comparison's type (so `frame.time > 2*x`
        // fails on "2" as a time); a constant on the right takes the left operand's type.
        const leftType = this.typeOf(expr.left);
        const type = expected?.type ?? this.typeOf(expr);
        if (type === undefined) fail('Constant arithmetic expression on the LHS is invalid.', expr.span);
        const left = this.arithmeticOperand(expr.left, type, expected?.field);
        const right = this.arithmeticOperand(expr.right, leftType ?? type, leftType ? undefined : expected?.field);
        const resultType = left.kind !== 'constant' ? left.type : right.kind !== 'constant' ? right.type : type;
        for (const operand of [left, right]) this.checkArithmeticType(operand.kind === 'constant' ? resultType : operand.type, expr.op, expr.opSpan);
        if (left.kind !== 'constant' && right.kind !== 'constant' && !compatible(left.type, right.type)) {
          fail(`${this.text(expr.left)} and ${this.text(expr.right)} are not of compatible types.`, expr.span);
        }
        return { kind: 'arithmetic', type: resultType, op: expr.op, left, right };
      }
    }
  }

  private arithmeticOperand(expr: Expr, type: FieldType, field?: Field): ValueNode {
    if (expr.kind === 'char') fail(`${expr.text} is not a valid arithmetic operand.`, expr.span);
    return this.value(expr, { type, field });
  }

  private checkArithmeticType(type: FieldType, op: string, span: Span): void {
    const kind = family(type);
    const allowed = kind === 'integer' || kind === 'integer64' ? true
      : type === 'double' ? op !== '&'
        : type === 'rel_time' ? op === '+' || op === '-'
          : kind === 'bytes' && type !== 'protocol' ? op === '&'
            : false;
    if (!allowed) fail(`${ftypeName(type)} cannot ${op}.`, span);
  }

  private constant(expr: Extract<Expr, { kind: 'word' | 'string' | 'char' }>, expected: Expected | undefined): ValueNode {
    if (!expected) fail(`${expr.text} is neither a field nor a protocol name.`, expr.span, expr.kind === 'word' ? this.suggestion(expr.text) : undefined);
    const value: RuntimeValue = convertLiteral(expected.type, expr, expected.field);
    return { kind: 'constant', type: expected.type, value, text: expr.text };
  }

  private call(expr: Extract<Expr, { kind: 'call' }>, expected?: Expected): ValueNode {
    const name = expr.name as FunctionName;
    const [minimum, maximum] = functionArity[name];
    if (expr.args.length < minimum) fail(`Function ${name} needs at least ${minimum} arguments.`, expr.span);
    if (expr.args.length > maximum) fail(`Function ${name} can only accept ${maximum} arguments.`, expr.span);
    const onlyField = (): ValueNode => {
      const arg = expr.args[0];
      if (arg.kind !== 'word' || !this.field(arg)) fail(`Only fields can be used as parameter for ${name}()`, arg.span);
      return this.value(arg);
    };
    switch (name) {
      case 'len': case 'count':
        return { kind: 'function', type: 'uint32', name, args: [onlyField()] };
      case 'upper': case 'lower': {
        const arg = expr.args[0];
        if (this.typeOf(arg) !== 'string') fail(`Only string type fields can be used as parameter for ${name}()`, arg.span);
        return { kind: 'function', type: 'string', name, args: [this.value(arg)] };
      }
      case 'string': {
        const arg = onlyField();
        const kind = family(arg.type);
        if (kind === 'string' || kind === 'bytes' && arg.type !== 'ether' || kind === 'none' || kind === 'bool' || kind === 'abs_time') {
          fail(`String conversion for field "${this.text(expr.args[0])}" is not supported`, expr.args[0].span);
        }
        return { kind: 'function', type: 'string', name, args: [arg] };
      }
      case 'abs': {
        const arg = expr.args[0];
        const type = this.typeOf(arg) ?? expected?.type;
        const numeric = type !== undefined && (family(type) === 'integer' || family(type) === 'integer64' || family(type) === 'float');
        if (!numeric) fail(`'${this.text(arg)}' is not a valid argument to 'abs'()`, arg.span);
        return { kind: 'function', type, name, args: [this.value(arg, { type })] };
      }
      case 'min': case 'max': {
        const args = expr.args.map((arg) => {
          if (this.typeOf(arg) === undefined) fail(`Argument '${this.text(arg)}' is not valid for ${name}()`, arg.span);
          return this.value(arg);
        });
        for (const arg of args.slice(1)) {
          if (!compatible(args[0].type, arg.type)) {
            fail(`Arguments to '${name}' must have the same type (expected ${ftypeName(args[0].type)}, got ${ftypeName(arg.type)})`, expr.span);
          }
        }
        return { kind: 'function', type: args[0].type, name, args };
      }
    }
  }
}
