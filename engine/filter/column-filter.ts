import { registry, wsFields, type Field } from '../../dissectors/index.js';
import { analysisFilterMasks } from '../../dissectors/proto/tcp-analysis.js';
import type { FilterNode, Network, RuntimeValue, SetMember, ValueNode } from '../../dissectors/filter/ir.js';
import type { PacketStore } from '../store/index.js';

/**
 * Column-backed filter evaluation: a compiled filter's IR evaluated over the packet store's
 * typed arrays for every frame at once, without dissecting. Each frame gets one of three
 * answers, and only UNKNOWN frames need the tree path (`deep-filter.ts`):
 *
 *   FALSE / TRUE: exact;  UNKNOWN: the columns cannot tell, dissect the frame.
 *
 * What makes FALSE exact for fields without a column: a field only occurs in frames whose
 * protocol stack contains its protocol (dissectors open their protocol before adding fields),
 * so a test on `dns.qry.name` is FALSE wherever the stack has no `dns`. That alone spares
 * almost every frame from dissection for filters on rarer protocols.
 */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;

/** Filter-only fields that stand for either of two columned fields (Wireshark's hidden items). */
const eitherOf: Record<string, readonly [string, string]> = {
  'tcp.port': ['tcp.srcport', 'tcp.dstport'],
  'udp.port': ['udp.srcport', 'udp.dstport'],
  'ip.addr': ['ip.src', 'ip.dst'],
};

type Vector = Uint8Array;

/**
 * What every filter over the same store shares (which frames hold which protocol, which are
 * unreliable): computed once per store size, so re-filtering costs only the filter itself.
 */
const evaluatorCache = new WeakMap<PacketStore, { count: number; unreliable: Uint8Array; stackMembership: Map<number, Uint8Array> }>();

export class ColumnEvaluator {
  private readonly count: number;
  /** Per frame: 1 when some protocol repeats or the frame is malformed, so columns may not tell all. */
  private readonly unreliable: Uint8Array;
  /** Per protocol id: 1 per frame whose stack contains it. Kept per store until frames are added. */
  private readonly stackMembership: Map<number, Uint8Array> = new Map();

  constructor(private readonly store: PacketStore) {
    this.count = store.count;
    const cached = evaluatorCache.get(store);
    if (cached && cached.count === this.count) {
      this.unreliable = cached.unreliable;
      this.stackMembership = cached.stackMembership;
      return;
    }
    const stacks = store.stacks;
    const perStack = new Uint8Array(stacks.size);
    const malformed = [wsFields.malformed.id, wsFields.short.id];
    for (let id = 0; id < stacks.size; id++) {
      const stack = stacks.get(id);
      perStack[id] = stack.repeated || stack.protocols.some((protocol) => malformed.includes(protocol)) ? 1 : 0;
    }
    this.unreliable = this.mapStacks(perStack);
    for (let index = 0; index < this.count; index++) if (store.hasIncompleteColumns(index)) this.unreliable[index] = 1;
    evaluatorCache.set(store, { count: this.count, unreliable: this.unreliable, stackMembership: this.stackMembership });
  }

  evaluate(node: FilterNode): Vector {
    switch (node.kind) {
      case 'true': return new Uint8Array(this.count).fill(TRUE);
      case 'and': return combineAnd(this.evaluate(node.left), this.evaluate(node.right));
      case 'or': return combineOr(this.evaluate(node.left), this.evaluate(node.right));
      case 'not': {
        const operand = this.evaluate(node.operand);
        for (let index = 0; index < operand.length; index++) if (operand[index] !== UNKNOWN) operand[index] = 1 - operand[index];
        return operand;
      }
      case 'exists': return this.exists(node.value);
      case 'compare': return this.compare(node);
      case 'in': return this.membership(node);
      case 'truthy': return this.truthy(node.value);
    }
  }

  /** Frames whose stack contains the field's protocol are UNKNOWN, all others FALSE. */
  private needsProtocol(field: Field): Vector {
    const presence = this.protocolPresence(field);
    if (presence === null) return new Uint8Array(this.count).fill(UNKNOWN);
    const result = new Uint8Array(this.count);
    for (let index = 0; index < result.length; index++) result[index] = presence[index] ? UNKNOWN : FALSE;
    return result;
  }

  private exists(value: ValueNode): Vector {
    if (value.kind !== 'field' || value.layers) return this.deep(value);
    const analysis = this.analysisFlagTest(value.field);
    if (analysis) return analysis;
    const presence = this.protocolPresence(value.field);
    if (presence === null) return new Uint8Array(this.count).fill(UNKNOWN);
    const decided = value.field.type === 'protocol' || this.columnsOf(value.field) !== null;
    const unreliable = this.unreliable;
    const isProtocol = value.field.type === 'protocol';
    const result = new Uint8Array(this.count);
    // A malformed frame may have opened a protocol and then stopped before its fields.
    for (let index = 0; index < result.length; index++) {
      result[index] = !presence[index] ? FALSE : decided && (isProtocol || !unreliable[index]) ? TRUE : UNKNOWN;
    }
    return result;
  }

  private compare(node: Extract<FilterNode, { kind: 'compare' }>): Vector {
    let { left, right } = node;
    let op = node.op;
    if (left.kind === 'constant' && right.kind === 'field') {
      [left, right] = [right, left];
      op = mirrored[op] ?? op;
    }
    if (left.kind !== 'field' || left.layers || right.kind !== 'constant') return this.deep(left, right);
    const columns = this.columnsOf(left.field);
    const test = columns && scalarTest(op, right.value);
    if (!columns || !test) return this.deep(left);
    // One tight loop per column, then combine: several occurrences (ip.addr's two) pass when
    // any one does (`any`) or every one does (`all`).
    const passes = columns.map((values) => testColumn(values, op, right.value, this.count));
    const combined = passes.reduce((first, next) => {
      for (let index = 0; index < first.length; index++) first[index] = node.quantifier === 'any' ? first[index] | next[index] : first[index] & next[index];
      return first;
    });
    return this.withPresence(left.field, combined);
  }

  private membership(node: Extract<FilterNode, { kind: 'in' }>): Vector {
    const value = node.value;
    if (value.kind !== 'field' || value.layers) return this.deep(value);
    const columns = this.columnsOf(value.field);
    const tests = node.set.map(memberTest);
    if (!columns || tests.some((test) => test === null)) return this.deep(value);
    const inSet = (number: number) => tests.some((test) => test!(number));
    const combineOccurrences = node.quantifier === 'any' ? or : and;
    return this.overColumns(value.field, columns, (index) => {
      let result = inSet(columns[0][index]) ? TRUE : FALSE;
      for (let column = 1; column < columns.length; column++) result = combineOccurrences(result, inSet(columns[column][index]) ? TRUE : FALSE);
      return result;
    });
  }

  private truthy(value: ValueNode): Vector {
    if (value.kind === 'arithmetic' && value.op === '&' && value.left.kind === 'field' && !value.left.layers && value.right.kind === 'constant' && typeof value.right.value === 'number') {
      const columns = this.columnsOf(value.left.field);
      const mask = value.right.value;
      if (columns && columns.length === 1) return this.overColumns(value.left.field, columns, (index) => ((columns[0][index] & mask) !== 0 ? TRUE : FALSE));
    }
    return this.deep(value);
  }

  /** Turns per-frame test results (0/1, overwritten) into verdicts: FALSE where absent, UNKNOWN where unreliable. */
  private withPresence(field: Field, passes: Uint8Array): Vector {
    const presence = this.protocolPresence(field)!;
    const unreliable = this.unreliable;
    for (let index = 0; index < passes.length; index++) {
      passes[index] = presence[index] === 0 ? FALSE : unreliable[index] === 1 ? UNKNOWN : passes[index];
    }
    return passes;
  }

  /** Applies `test` where the field is present and reliable; FALSE where absent, UNKNOWN where unreliable. */
  private overColumns(field: Field, _columns: ArrayLike<number>[], test: (index: number) => number): Vector {
    const presence = this.protocolPresence(field)!;
    const result = new Uint8Array(this.count);
    const unreliable = this.unreliable;
    for (let index = 0; index < this.count; index++) {
      if (!presence[index]) result[index] = FALSE;
      else if (unreliable[index]) result[index] = UNKNOWN;
      else result[index] = test(index);
    }
    return result;
  }

  /** tcp.analysis.* expert items: present exactly where their bits are set in the analysis flags column. */
  private analysisFlagTest(field: Field): Vector | null {
    const mask = analysisFilterMasks[field.abbrev];
    const flagsField = registry.find('tcp.analysis.flags');
    const column = mask !== undefined && flagsField ? this.store.fields.columnFor(flagsField)?.values : undefined;
    if (!column) return null;
    return this.overColumns(field, [column], (index) => ((column[index] & mask) !== 0 ? TRUE : FALSE));
  }

  /** A part the columns cannot decide: UNKNOWN wherever all the fields it reads could be present. */
  private deep(...values: ValueNode[]): Vector {
    const fields = values.flatMap(requiredFields);
    if (fields.length === 0 || fields.includes(null)) return new Uint8Array(this.count).fill(UNKNOWN);
    // Any field missing makes a comparison false, so every field's protocol must be there.
    return (fields as Field[]).map((field) => this.needsProtocol(field)).reduce((left, right) => combine(left, right, (a, b) => (a === FALSE || b === FALSE ? FALSE : UNKNOWN)));
  }

  /** The store columns holding the field's values (two for ip.addr and friends), or null. */
  private columnsOf(field: Field): ArrayLike<number>[] | null {
    const intrinsic = this.frameColumn(field.abbrev);
    if (intrinsic) return [intrinsic];
    const names = eitherOf[field.abbrev] ?? [field.abbrev];
    const columns: ArrayLike<number>[] = [];
    for (const name of names) {
      const declared = registry.find(name);
      const column = declared && !this.store.fields.isOptional(declared) && this.store.fields.columnFor(declared);
      if (!column) return null;
      columns.push(column.values);
    }
    return columns;
  }

  /** frame.len, frame.cap_len and frame.number come straight from the store's own arrays. */
  private frameColumn(abbrev: string): ArrayLike<number> | null {
    if (abbrev === 'frame.len') return this.store.originalLength;
    if (abbrev === 'frame.cap_len') return this.store.capturedLength;
    if (abbrev === 'frame.number') return Uint32Array.from({ length: this.count }, (_, index) => index + 1);
    return null;
  }

  /** Per frame: 1 when the stack contains the field's protocol; null when the protocol is not a stack member. */
  private protocolPresence(field: Field): Uint8Array | null {
    const protocol = registry.find(field.protocol);
    if (!protocol || protocol.type !== 'protocol') return null;
    let presence = this.stackMembership.get(protocol.id);
    if (!presence) {
      presence = this.mapStacks(this.store.stacks.stacksContaining(protocol.id));
      this.stackMembership.set(protocol.id, presence);
    }
    return presence;
  }

  private mapStacks(perStack: Uint8Array): Uint8Array {
    const result = new Uint8Array(this.count);
    const stack = this.store.stack;
    for (let index = 0; index < this.count; index++) result[index] = perStack[stack[index]];
    return result;
  }
}

const mirrored: Partial<Record<string, 'gt' | 'ge' | 'lt' | 'le'>> = { gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };

function and(a: number, b: number): number {
  if (a === FALSE || b === FALSE) return FALSE;
  return a === TRUE && b === TRUE ? TRUE : UNKNOWN;
}

function or(a: number, b: number): number {
  if (a === TRUE || b === TRUE) return TRUE;
  return a === FALSE && b === FALSE ? FALSE : UNKNOWN;
}

/** Three-valued AND of two verdict vectors, into the left one (a table lookup per frame). */
function combineAnd(left: Vector, right: Vector): Vector {
  for (let index = 0; index < left.length; index++) left[index] = andTable[left[index] * 3 + right[index]];
  return left;
}

function combineOr(left: Vector, right: Vector): Vector {
  for (let index = 0; index < left.length; index++) left[index] = orTable[left[index] * 3 + right[index]];
  return left;
}

const verdicts = [FALSE, TRUE, UNKNOWN];
const andTable = Uint8Array.from(verdicts.flatMap((a) => verdicts.map((b) => and(a, b))));
const orTable = Uint8Array.from(verdicts.flatMap((a) => verdicts.map((b) => or(a, b))));

/** Combines two verdict vectors into the left one (both are this evaluation's own). */
function combine(left: Vector, right: Vector, operation: (a: number, b: number) => number): Vector {
  for (let index = 0; index < left.length; index++) left[index] = operation(left[index], right[index]);
  return left;
}

function isNetwork(value: RuntimeValue): value is Network {
  return typeof value === 'object' && value !== null && 'bits' in value;
}

/** 1 per frame where `values[frame] op constant` holds (constant already checked by scalarTest). */
function testColumn(values: ArrayLike<number>, op: string, constant: RuntimeValue, count: number): Uint8Array {
  const result = new Uint8Array(count);
  if (isNetwork(constant)) {
    const mask = constant.bits === 0 ? 0 : (0xffffffff << (32 - constant.bits)) >>> 0;
    const network = ((constant.address as number) & mask) >>> 0;
    const equal = op === 'eq' ? 1 : 0;
    for (let index = 0; index < count; index++) result[index] = (((values[index] & mask) >>> 0) === network ? 1 : 0) === equal ? 1 : 0;
    return result;
  }
  const number = constant as number;
  switch (op) {
    case 'eq': for (let index = 0; index < count; index++) result[index] = values[index] === number ? 1 : 0; break;
    case 'ne': for (let index = 0; index < count; index++) result[index] = values[index] !== number ? 1 : 0; break;
    case 'gt': for (let index = 0; index < count; index++) result[index] = values[index] > number ? 1 : 0; break;
    case 'ge': for (let index = 0; index < count; index++) result[index] = values[index] >= number ? 1 : 0; break;
    case 'lt': for (let index = 0; index < count; index++) result[index] = values[index] < number ? 1 : 0; break;
    case 'le': for (let index = 0; index < count; index++) result[index] = values[index] <= number ? 1 : 0; break;
  }
  return result;
}

/** A test of one column value against a constant, or null when the constant is not a plain number. */
function scalarTest(op: string, constant: RuntimeValue): ((value: number) => boolean) | null {
  if (isNetwork(constant)) {
    if (typeof constant.address !== 'number' || (op !== 'eq' && op !== 'ne')) return null;
    const mask = constant.bits === 0 ? 0 : (0xffffffff << (32 - constant.bits)) >>> 0;
    const network = (constant.address & mask) >>> 0;
    return op === 'eq' ? (value) => ((value & mask) >>> 0) === network : (value) => ((value & mask) >>> 0) !== network;
  }
  if (typeof constant !== 'number') return null;
  switch (op) {
    case 'eq': return (value) => value === constant;
    case 'ne': return (value) => value !== constant;
    case 'gt': return (value) => value > constant;
    case 'ge': return (value) => value >= constant;
    case 'lt': return (value) => value < constant;
    case 'le': return (value) => value <= constant;
    default: return null;
  }
}

function memberTest(member: SetMember): ((value: number) => boolean) | null {
  if (member.low.kind !== 'constant') return null;
  if (member.high === undefined) return scalarTest('eq', member.low.value);
  if (member.high.kind !== 'constant' || typeof member.low.value !== 'number' || typeof member.high.value !== 'number') return null;
  const low = member.low.value;
  const high = member.high.value;
  return (value) => value >= low && value <= high;
}

/**
 * Fields that must occur for a value to exist, or null where a value exists without its field
 * (`count(x)` is 0 when x is absent; `${x}` reads the selected packet, not this one).
 */
function requiredFields(value: ValueNode): Array<Field | null> {
  switch (value.kind) {
    case 'field': return [value.field];
    case 'reference': return [null];
    case 'constant': return [];
    case 'slice': return requiredFields(value.of);
    case 'function': return value.name === 'count' ? [null] : value.args.flatMap(requiredFields);
    case 'arithmetic': return [...requiredFields(value.left), ...requiredFields(value.right)];
    case 'negate': return requiredFields(value.operand);
  }
}
