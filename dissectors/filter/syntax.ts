import type { Span } from './errors.js';
import type { CompareOp, RangePart } from './scanner.js';

/**
 * The syntax tree the parser builds: untyped, exactly what was written. The semantic check
 * (semantic.ts) resolves words to fields or literals and turns this into the typed IR.
 */
export type Test =
  | { readonly kind: 'and' | 'or'; readonly left: Test; readonly right: Test; readonly span: Span }
  | { readonly kind: 'not'; readonly operand: Test; readonly span: Span }
  | Relation
  | { readonly kind: 'value'; readonly value: Expr; readonly span: Span };

export type Quantifier = 'any' | 'all';

export type Relation =
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly quantifier?: Quantifier; readonly left: Expr; readonly right: Expr; readonly span: Span; readonly opSpan: Span }
  | { readonly kind: 'contains' | 'matches'; readonly quantifier?: Quantifier; readonly left: Expr; readonly right: Expr; readonly span: Span; readonly opSpan: Span }
  | { readonly kind: 'in'; readonly quantifier?: Quantifier; readonly left: Expr; readonly set: readonly SetElement[]; readonly span: Span; readonly opSpan: Span };

export interface SetElement {
  readonly low: Expr;
  /** Present for a range `low..high`. */
  readonly high?: Expr;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%' | '&';

export type Expr =
  /** An identifier or literal: a field if the registry knows it, otherwise a value. */
  | { readonly kind: 'word'; readonly text: string; readonly span: Span; readonly forceField: boolean; readonly layers?: readonly RangePart[] }
  | { readonly kind: 'string'; readonly bytes: Uint8Array; readonly text: string; readonly span: Span }
  | { readonly kind: 'char'; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly kind: 'reference'; readonly name: string; readonly layers?: readonly RangePart[]; readonly span: Span }
  | { readonly kind: 'slice'; readonly of: Expr; readonly ranges: readonly RangePart[]; readonly span: Span }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly span: Span; readonly nameSpan: Span }
  | { readonly kind: 'binary'; readonly op: ArithmeticOp; readonly left: Expr; readonly right: Expr; readonly span: Span; readonly opSpan: Span }
  | { readonly kind: 'negate'; readonly operand: Expr; readonly span: Span };

export function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** The filter text of an expression, as tshark quotes it in messages. */
export function exprText(source: string, expr: Expr): string {
  return source.slice(expr.span.start, expr.span.end);
}
