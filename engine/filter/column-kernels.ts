/**
 * The tight loops of column-backed filtering: each walks the store's typed arrays once for all
 * frames, with the operator chosen outside the loop, so a loop body is a few loads, compares
 * and a store (no closure call, no boxing). Verdicts are FALSE / TRUE / UNKNOWN bytes.
 */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;

/** A store column: every kind the packet store keeps. */
export type NumberColumn = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

export type ColumnTest =
  | { readonly op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; readonly value: number }
  /** `(value & mask) === network` (`in-network`) or `!==`, on 32-bit integers: a CIDR block. */
  | { readonly op: 'in-network' | 'not-in-network'; readonly mask: number; readonly network: number }
  | { readonly op: 'range'; readonly low: number; readonly high: number }
  /** Some bit of `mask` is set. */
  | { readonly op: 'any-bit'; readonly mask: number };

/** Where a test reads: the frames' stack ids, per stack whether the field's protocol is there, per frame whether its columns are unreliable. */
export interface Gate {
  readonly stack: Uint16Array;
  readonly present: Uint8Array;
  readonly unreliable: Uint8Array;
}

/**
 * Per frame: FALSE where the stack lacks the field's protocol, UNKNOWN where the frame's
 * columns are unreliable, else TRUE or FALSE as `test` holds for `a[i]` and `b[i]`: for either
 * (or, with `all`, both) of the two occurrences; pass the same column twice for one.
 */
export function testColumns(out: Uint8Array, gate: Gate, a: NumberColumn, b: NumberColumn, test: ColumnTest, all: boolean): Uint8Array {
  const { stack, present, unreliable } = gate;
  const count = out.length;
  switch (test.op) {
    case 'eq': {
      const v = test.value;
      for (let i = 0; i < count; i++) out[i] = present[stack[i]] === 0 ? FALSE : unreliable[i] !== 0 ? UNKNOWN : (all ? a[i] === v && b[i] === v : a[i] === v || b[i] === v) ? TRUE : FALSE;
      break;
    }
    case 'ne': {
      const v = test.value;
      for (let i = 0; i < count; i++) out[i] = present[stack[i]] === 0 ? FALSE : unreliable[i] !== 0 ? UNKNOWN : (all ? a[i] !== v && b[i] !== v : a[i] !== v || b[i] !== v) ? TRUE : FALSE;
      break;
    }
    case 'gt': {
      const v = test.value;
      for (let i = 0; i < count; i++) out[i] = present[stack[i]] === 0 ? FALSE : unreliable[i] !== 0 ? UNKNOWN : (all ? a[i] > v && b[i] > v : a[i] > v || b[i] > v) ? TRUE : FALSE;
      break;
    }
    case 'ge': {
      const v = test.value;
      for (let i = 0; i < count; i++) out[i] = present[stack[i]] === 0 ? FALSE : unreliable[i] !== 0 ? UNKNOWN : (all ? a[i] >= v && b[i] >= v : a[i] >= v || b[i] >= v) ? TRUE : FALSE;
      break;
    }
    case 'lt': {
      const v = test.value;
      for (let i = 0; i < count; i++) out[i] = present[stack[i]] === 0 ? FALSE : unreliable[i] !== 0 ? UNKNOWN : (all ? a[i] < v && b[i] < v : a[i] < v || b[i] < v) ? TRUE : FALSE;
      break;
    }
    case 'le': {
      const v = test.value;
      for (let i = 0; i < count; i++) out[i] = present[stack[i]] === 0 ? FALSE : unreliable[i] !== 0 ? UNKNOWN : (all ? a[i] <= v && b[i] <= v : a[i] <= v || b[i] <= v) ? TRUE : FALSE;
      break;
    }
    case 'range': {
      const low = test.low;
      const high = test.high;
      for (let i = 0; i < count; i++) {
        const x = a[i] >= low && a[i] <= high;
        const y = b[i] >= low && b[i] <= high;
        out[i] = present[stack[i]] === 0 ? FALSE : unreliable[i] !== 0 ? UNKNOWN : (all ? x && y : x || y) ? TRUE : FALSE;
      }
      break;
    }
    // Both sides as signed 32-bit integers (`&` yields one), so no conversion to double.
    case 'in-network':
    case 'not-in-network': {
      const mask = test.mask | 0;
      const network = test.network & mask;
      const inside = test.op === 'in-network';
      for (let i = 0; i < count; i++) {
        const x = ((a[i] & mask) === network) === inside;
        const y = ((b[i] & mask) === network) === inside;
        out[i] = present[stack[i]] === 0 ? FALSE : unreliable[i] !== 0 ? UNKNOWN : (all ? x && y : x || y) ? TRUE : FALSE;
      }
      break;
    }
    case 'any-bit': {
      const mask = test.mask | 0;
      for (let i = 0; i < count; i++) out[i] = present[stack[i]] === 0 ? FALSE : unreliable[i] !== 0 ? UNKNOWN : (all ? (a[i] & mask) !== 0 && (b[i] & mask) !== 0 : (a[i] & mask) !== 0 || (b[i] & mask) !== 0) ? TRUE : FALSE;
      break;
    }
  }
  return out;
}

/** Per frame, the verdict its stack id maps to, with UNKNOWN instead of TRUE where `unreliable` (when given). */
export function stackVerdicts(out: Uint8Array, stack: Uint16Array, verdictOfStack: Uint8Array, unreliable: Uint8Array | null): Uint8Array {
  const count = out.length;
  if (unreliable === null) for (let i = 0; i < count; i++) out[i] = verdictOfStack[stack[i]];
  else {
    for (let i = 0; i < count; i++) {
      const verdict = verdictOfStack[stack[i]];
      out[i] = verdict === TRUE && unreliable[i] !== 0 ? UNKNOWN : verdict;
    }
  }
  return out;
}

function and(a: number, b: number): number {
  if (a === FALSE || b === FALSE) return FALSE;
  return a === TRUE && b === TRUE ? TRUE : UNKNOWN;
}

function or(a: number, b: number): number {
  if (a === TRUE || b === TRUE) return TRUE;
  return a === FALSE && b === FALSE ? FALSE : UNKNOWN;
}

/** Deep parts need all their fields: FALSE when any field's protocol is absent, else UNKNOWN. */
function allPresent(a: number, b: number): number {
  return a === FALSE || b === FALSE ? FALSE : UNKNOWN;
}

const verdicts = [FALSE, TRUE, UNKNOWN];
const tableOf = (operation: (a: number, b: number) => number) => Uint8Array.from(verdicts.flatMap((a) => verdicts.map((b) => operation(a, b))));
/** 3×3 tables of three-valued operations, indexed `left * 3 + right`. */
export const andTable = tableOf(and);
export const orTable = tableOf(or);
export const allPresentTable = tableOf(allPresent);
const notTable = Uint8Array.of(TRUE, FALSE, UNKNOWN);

/** Combines two verdict vectors through a 3×3 table, into the left one. */
export function combine(left: Uint8Array, right: Uint8Array, table: Uint8Array): Uint8Array {
  const count = left.length;
  for (let i = 0; i < count; i++) left[i] = table[left[i] * 3 + right[i]];
  return left;
}

/** Combines a verdict vector with a per-stack verdict table read through each frame's stack id, into the vector. */
export function combineWithStacks(left: Uint8Array, stack: Uint16Array, right: Uint8Array, table: Uint8Array): Uint8Array {
  const count = left.length;
  for (let i = 0; i < count; i++) left[i] = table[left[i] * 3 + right[stack[i]]];
  return left;
}

/** Three-valued NOT in place (UNKNOWN stays UNKNOWN). */
export function negate(vector: Uint8Array): Uint8Array {
  const count = vector.length;
  for (let i = 0; i < count; i++) vector[i] = notTable[vector[i]];
  return vector;
}

/** How many of each verdict: [FALSE, TRUE, UNKNOWN]. */
export function countVerdicts(vector: Uint8Array): [number, number, number] {
  let isTrue = 0;
  let unknown = 0;
  for (let i = 0; i < vector.length; i++) {
    const verdict = vector[i];
    isTrue += verdict & 1;
    unknown += verdict >> 1;
  }
  return [vector.length - isTrue - unknown, isTrue, unknown];
}

/** The slots holding `verdict` (`count` of them), plus `base` (1 turns slots into frame numbers). */
export function slotsWith(vector: Uint8Array, verdict: number, count: number, base: number): Uint32Array {
  const result = new Uint32Array(count);
  let at = 0;
  for (let i = 0; at < count; i++) if (vector[i] === verdict) result[at++] = i + base;
  return result;
}
