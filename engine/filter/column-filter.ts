import { registry, wsFields, type Field } from '../../dissectors/index.js';
import { analysisFilterMasks } from '../../dissectors/proto/tcp-analysis.js';
import type { FilterNode, Network, RuntimeValue, SetMember, ValueNode } from '../../dissectors/filter/ir.js';
import type { PacketStore } from '../store/index.js';
import {
  FALSE, TRUE, UNKNOWN, allPresentTable, andTable, combine, combineWithStacks, negate, orTable, stackVerdicts, testColumns,
  type ColumnTest, type NumberColumn,
} from './column-kernels.js';

/**
 * Column-backed filter evaluation: a compiled filter's IR evaluated over the packet store's
 * typed arrays for every frame at once, without dissecting. Each frame gets one of three
 * answers, and only UNKNOWN frames need the tree path (run-filter.ts):
 *
 *   FALSE / TRUE: exact;  UNKNOWN: the columns cannot tell, dissect the frame.
 *
 * What makes FALSE exact for fields without a column: a field only occurs in frames whose
 * protocol stack contains its protocol (dissectors open their protocol before adding fields),
 * so a test on `dns.qry.name` is FALSE wherever the stack has no `dns`. That alone spares
 * almost every frame from dissection for filters on rarer protocols.
 *
 * Each column test is one loop over the columns (column-kernels.ts). What the protocol stack
 * alone decides (protocol presence, `!arp`) stays a table per stack id until it meets a
 * per-frame vector, and is then read through each frame's stack id in the combining loop.
 */
export { FALSE, TRUE, UNKNOWN } from './column-kernels.js';

/** Filter-only fields that stand for either of two columned fields (Wireshark's hidden items). */
const eitherOf: Record<string, readonly [string, string]> = {
  'tcp.port': ['tcp.srcport', 'tcp.dstport'],
  'udp.port': ['udp.srcport', 'udp.dstport'],
  'ip.addr': ['ip.src', 'ip.dst'],
};

/** What every filter over the same store shares, computed once per store size. */
interface StoreFacts {
  count: number;
  stackCount: number;
  /** Per frame: 1 when some protocol repeats or the frame is malformed, so columns may not tell all. */
  unreliable: Uint8Array;
  /** Per protocol id: per stack id, 1 when the stack contains the protocol. */
  presence: Map<number, Uint8Array>;
}

const factsCache = new WeakMap<PacketStore, StoreFacts>();

function storeFacts(store: PacketStore): StoreFacts {
  const cached = factsCache.get(store);
  if (cached && cached.count === store.count && cached.stackCount === store.stacks.size) return cached;
  const stacks = store.stacks;
  const unreliableStack = new Uint8Array(stacks.size);
  const malformed = [wsFields.malformed.id, wsFields.short.id];
  for (let id = 0; id < stacks.size; id++) {
    const stack = stacks.get(id);
    unreliableStack[id] = stack.repeated || stack.protocols.some((protocol) => malformed.includes(protocol)) ? 1 : 0;
  }
  const count = store.count;
  const unreliable = stackVerdicts(new Uint8Array(count), store.stack, unreliableStack, null);
  for (let index = 0; index < count; index++) if (store.hasIncompleteColumns(index)) unreliable[index] = 1;
  const facts: StoreFacts = { count, stackCount: stacks.size, unreliable, presence: new Map() };
  factsCache.set(store, facts);
  return facts;
}

/** A node's verdicts: per frame, or (when the protocol stack alone decides them) per stack id. */
type Verdicts = { readonly perFrame: Uint8Array; readonly perStack?: undefined } | { readonly perStack: Uint8Array; readonly perFrame?: undefined };

export class ColumnEvaluator {
  private readonly count: number;
  private readonly facts: StoreFacts;
  private readonly stack: Uint16Array;

  constructor(private readonly store: PacketStore) {
    this.count = store.count;
    this.facts = storeFacts(store);
    this.stack = store.stack;
  }

  /** One verdict per frame slot (a fresh array the caller owns). */
  evaluate(node: FilterNode): Uint8Array {
    const verdicts = this.verdicts(node);
    return verdicts.perFrame ?? stackVerdicts(new Uint8Array(this.count), this.stack, verdicts.perStack, null);
  }

  private verdicts(node: FilterNode): Verdicts {
    switch (node.kind) {
      case 'true': return this.uniform(TRUE);
      case 'and': return this.combine(this.verdicts(node.left), this.verdicts(node.right), andTable);
      case 'or': return this.combine(this.verdicts(node.left), this.verdicts(node.right), orTable);
      case 'not': {
        const operand = this.verdicts(node.operand);
        return operand.perFrame ? { perFrame: negate(operand.perFrame) } : { perStack: negate(operand.perStack) };
      }
      case 'exists': return this.exists(node.value);
      case 'compare': return this.compare(node);
      case 'in': return this.membership(node);
      case 'truthy': return this.truthy(node.value);
    }
  }

  private uniform(verdict: number): Verdicts {
    return { perStack: new Uint8Array(this.facts.stackCount).fill(verdict) };
  }

  /** Three-valued combination (tables are symmetric): per-stack tables stay small until a per-frame side needs them. */
  private combine(left: Verdicts, right: Verdicts, table: Uint8Array): Verdicts {
    if (left.perFrame && right.perFrame) return { perFrame: combine(left.perFrame, right.perFrame, table) };
    if (left.perFrame) return { perFrame: combineWithStacks(left.perFrame, this.stack, right.perStack!, table) };
    if (right.perFrame) return { perFrame: combineWithStacks(right.perFrame, this.stack, left.perStack, table) };
    return { perStack: combine(left.perStack, right.perStack!, table) };
  }

  /** Per stack: `ifPresent` where the stack contains the field's protocol, FALSE elsewhere. */
  private byPresence(field: Field, ifPresent: number): Verdicts {
    const present = this.protocolPresence(field);
    if (present === null) return this.uniform(UNKNOWN);
    return { perStack: present.map((member) => (member ? ifPresent : FALSE)) };
  }

  private exists(value: ValueNode): Verdicts {
    if (value.kind !== 'field' || value.layers) return this.deep(value);
    const field = value.field;
    const analysisMask = analysisFilterMasks[field.abbrev];
    const flags = analysisMask !== undefined ? this.flagsColumn() : null;
    if (flags) return this.testWherePresent(field, [flags], { op: 'any-bit', mask: analysisMask }, false);
    // A protocol is in the stack exactly when it occurs. A columned field is there when its
    // protocol is, unless the frame stopped early (a malformed frame may open a protocol, then stop).
    if (field.type === 'protocol') return this.byPresence(field, TRUE);
    if (this.columnsOf(field) === null) return this.byPresence(field, UNKNOWN);
    const present = this.byPresence(field, TRUE);
    if (!present.perStack) return present;
    return { perFrame: stackVerdicts(new Uint8Array(this.count), this.stack, present.perStack, this.facts.unreliable) };
  }

  private compare(node: Extract<FilterNode, { kind: 'compare' }>): Verdicts {
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
    return this.testWherePresent(left.field, columns, test, node.quantifier === 'all');
  }

  private membership(node: Extract<FilterNode, { kind: 'in' }>): Verdicts {
    const value = node.value;
    if (value.kind !== 'field' || value.layers) return this.deep(value);
    const columns = this.columnsOf(value.field);
    const tests = node.set.map(memberTest);
    if (!columns || tests.length === 0 || tests.some((test) => test === null)) return this.deep(value);
    // Per occurrence: in the set when any member matches; then the occurrences by the quantifier.
    // Every vector has the same FALSE/UNKNOWN gate, so three-valued OR/AND combine the passes.
    const perColumn = columns.map((column) => tests
      .map((test) => this.testWherePresent(value.field, [column], test!, false))
      .reduce((into, other) => this.combine(into, other, orTable)));
    return perColumn.reduce((into, other) => this.combine(into, other, node.quantifier === 'all' ? andTable : orTable));
  }

  private truthy(value: ValueNode): Verdicts {
    if (value.kind === 'arithmetic' && value.op === '&' && value.left.kind === 'field' && !value.left.layers && value.right.kind === 'constant' && typeof value.right.value === 'number') {
      const columns = this.columnsOf(value.left.field);
      if (columns && columns.length === 1) return this.testWherePresent(value.left.field, columns, { op: 'any-bit', mask: value.right.value }, false);
    }
    return this.deep(value);
  }

  /** The test on the field's one or two columns (ip.addr's two combine by `all` or any), gated by presence and reliability. */
  private testWherePresent(field: Field, columns: readonly NumberColumn[], test: ColumnTest, all: boolean): Verdicts {
    const gate = { stack: this.stack, present: this.protocolPresence(field)!, unreliable: this.facts.unreliable };
    return { perFrame: testColumns(new Uint8Array(this.count), gate, columns[0], columns[columns.length - 1], test, all) };
  }

  /** tcp.analysis.* expert items are present exactly where their bits are set in this column. */
  private flagsColumn(): NumberColumn | null {
    const flagsField = registry.find('tcp.analysis.flags');
    return (flagsField && (this.store.fields.columnFor(flagsField)?.values as NumberColumn | undefined)) ?? null;
  }

  /** A part the columns cannot decide: UNKNOWN wherever all the fields it reads could be present. */
  private deep(...values: ValueNode[]): Verdicts {
    const fields = values.flatMap(requiredFields);
    if (fields.length === 0 || fields.includes(null)) return this.uniform(UNKNOWN);
    // Any field missing makes a comparison false, so every field's protocol must be there.
    return [...new Set(fields as Field[])].map((field) => this.byPresence(field, UNKNOWN)).reduce((left, right) => this.combine(left, right, allPresentTable));
  }

  /** The store columns holding the field's values (two for ip.addr and friends), or null. */
  private columnsOf(field: Field): NumberColumn[] | null {
    const intrinsic = this.frameColumn(field.abbrev);
    if (intrinsic) return [intrinsic];
    const names = eitherOf[field.abbrev] ?? [field.abbrev];
    const columns: NumberColumn[] = [];
    for (const name of names) {
      const declared = registry.find(name);
      const column = declared && !this.store.fields.isOptional(declared) && this.store.fields.columnFor(declared);
      if (!column) return null;
      columns.push(column.values as NumberColumn);
    }
    return columns;
  }

  /** frame.len, frame.cap_len and frame.number come straight from the store's own arrays. */
  private frameColumn(abbrev: string): NumberColumn | null {
    if (abbrev === 'frame.len') return this.store.originalLength;
    if (abbrev === 'frame.cap_len') return this.store.capturedLength;
    if (abbrev === 'frame.number') {
      const numbers = new Uint32Array(this.count);
      for (let index = 0; index < numbers.length; index++) numbers[index] = index + 1;
      return numbers;
    }
    return null;
  }

  /** Per stack id: 1 when the stack contains the field's protocol; null when the protocol is not a stack member. */
  private protocolPresence(field: Field): Uint8Array | null {
    const protocol = registry.find(field.protocol);
    if (!protocol || protocol.type !== 'protocol') return null;
    let present = this.facts.presence.get(protocol.id);
    if (!present) {
      present = this.store.stacks.stacksContaining(protocol.id);
      this.facts.presence.set(protocol.id, present);
    }
    return present;
  }
}

const mirrored: Partial<Record<string, 'gt' | 'ge' | 'lt' | 'le'>> = { gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };

function isNetwork(value: RuntimeValue): value is Network {
  return typeof value === 'object' && value !== null && 'bits' in value;
}

/** The column test for `value op constant`, or null when the constant is not a plain number or IPv4 block. */
function scalarTest(op: string, constant: RuntimeValue): ColumnTest | null {
  if (isNetwork(constant)) {
    if (typeof constant.address !== 'number' || (op !== 'eq' && op !== 'ne')) return null;
    const mask = constant.bits === 0 ? 0 : (0xffffffff << (32 - constant.bits)) | 0;
    return { op: op === 'eq' ? 'in-network' : 'not-in-network', mask, network: constant.address & mask };
  }
  if (typeof constant !== 'number') return null;
  switch (op) {
    case 'eq': case 'ne': case 'gt': case 'ge': case 'lt': case 'le': return { op, value: constant };
    default: return null;
  }
}

function memberTest(member: SetMember): ColumnTest | null {
  if (member.low.kind !== 'constant') return null;
  if (member.high === undefined) return scalarTest('eq', member.low.value);
  if (member.high.kind !== 'constant' || typeof member.low.value !== 'number' || typeof member.high.value !== 'number') return null;
  return { op: 'range', low: member.low.value, high: member.high.value };
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
