import { valueName, type Field } from '../core/fields.js';
import { compileFilter, type CompareKind, type FilterNode, type IndexRange, type Network, type SetMember, type ValueNode } from '../filter/index.js';
import { fieldName, protocolName } from './filter-names.js';
import { line, type Bilingual, type Language } from './text.js';

/**
 * A display filter read aloud: "TCP packets whose source or destination port is 80 and that
 * are not ARP" / "源或目的端口为 80 且不是 ARP 的 TCP 数据包". Built from the compiled IR, so it
 * says what the filter really tests (macros expanded, types resolved).
 *
 * The sentence is a subject ("TCP packets") and relative clauses joined by and/or. A protocol
 * tested on its own at the top level (`tcp && …`), or the one protocol every positive test
 * reads, becomes the subject. `not` is pushed inward (De Morgan) so each clause negates its
 * own verb ("is not 80", "are not ARP").
 */

/** Joins Chinese and Latin pieces with a space only where one side is not Chinese (the codebase's style). */
function joinChinese(...parts: string[]): string {
  let text = '';
  for (const part of parts) {
    if (part === '') continue;
    const previous = text.at(-1);
    const next = part[0];
    const needsSpace = previous !== undefined && !isChinese(previous) && !isChinese(next) ? true
      : previous !== undefined && (isChinese(previous) !== isChinese(next)) && !isChinesePunctuation(previous) && !isChinesePunctuation(next);
    text += (needsSpace && previous !== ' ' && next !== ' ' ? ' ' : '') + part;
  }
  return text;
}

function isChinese(character: string): boolean {
  return /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(character);
}

function isChinesePunctuation(character: string): boolean {
  return /[\u3000-\u303f\uff00-\uffef]/.test(character);
}

interface Clause {
  readonly text: Bilingual;
  /** For merging "that are TCP or UDP": the protocol a bare presence clause names. */
  readonly presence?: { readonly protocol: string; readonly negated: boolean };
  /** A group of clauses joined by and/or (wrapped when nested inside the other connective). */
  readonly connective?: 'and' | 'or';
}

const verbs: Readonly<Record<CompareKind, readonly [Bilingual, Bilingual]>> = {
  eq: [line('is', '为'), line('is not', '不为')],
  ne: [line('is not', '不为'), line('is', '为')],
  gt: [line('is greater than', '大于'), line('is not greater than', '不大于')],
  ge: [line('is at least', '大于等于'), line('is less than', '小于')],
  lt: [line('is less than', '小于'), line('is at least', '大于等于')],
  le: [line('is at most', '小于等于'), line('is greater than', '大于')],
  contains: [line('contains', '包含'), line('does not contain', '不包含')],
  matches: [line('matches the regular expression', '匹配正则表达式'), line('does not match the regular expression', '不匹配正则表达式')],
};

class SentenceBuilder {
  constructor(private readonly subject: string | undefined) {}

  clause(node: FilterNode, negated: boolean): Clause {
    switch (node.kind) {
      case 'true':
        return { text: negated ? line('that match nothing', '不匹配任何内容') : line('', '') };
      case 'not':
        return this.clause(node.operand, !negated);
      case 'and':
      case 'or': {
        // De Morgan: not (a and b) = not a or not b.
        const connective = (node.kind === 'and') !== negated ? 'and' : 'or';
        return this.join(connective, [this.clause(node.left, negated), this.clause(node.right, negated)]);
      }
      case 'exists':
        return this.exists(node.value, negated);
      case 'truthy': {
        const value = this.value(node.value);
        return { text: negated
          ? line(`where ${value.en} is zero`, joinChinese(value.zh, '为 0'))
          : line(`where ${value.en} is not zero`, joinChinese(value.zh, '不为 0')) };
      }
      case 'compare':
        return this.compare(node.op, node.quantifier, node.left, node.right, negated);
      case 'in':
        return this.membership(node.value, node.set, negated);
    }
  }

  private exists(value: ValueNode, negated: boolean): Clause {
    if (value.kind === 'field' && value.field.type === 'protocol') {
      const name = protocolName(value.field.abbrev);
      return {
        text: negated ? line(`that are not ${name}`, joinChinese('不是', name)) : line(`that are ${name}`, joinChinese('是', name)),
        presence: { protocol: name, negated },
      };
    }
    const phrase = this.value(value);
    if (value.kind === 'field' && value.field.type === 'none') {
      // Expert items and labels: present or not, they carry no value.
      return { text: negated ? line(`that are not marked "${phrase.en}"`, joinChinese('未被标记为', phrase.zh)) : line(`that are marked "${phrase.en}"`, joinChinese('被标记为', phrase.zh)) };
    }
    return { text: negated ? line(`that have no ${phrase.en} field`, joinChinese('不含', phrase.zh, '字段')) : line(`that have a ${phrase.en} field`, joinChinese('含有', phrase.zh, '字段')) };
  }

  private compare(op: CompareKind, quantifier: 'any' | 'all', left: ValueNode, right: ValueNode, negated: boolean): Clause {
    const subjectPhrase = this.value(left);
    const every = (op === 'eq' && quantifier === 'all') || (op !== 'ne' && op !== 'eq' && quantifier === 'all');
    const lead = line(left.kind === 'field' ? (every ? 'every one of whose' : 'whose') : 'where', every ? '每个' : '');
    if (left.kind === 'field' && left.type === 'bool' && right.kind === 'constant' && (op === 'eq' || op === 'ne') && typeof right.value === 'number') {
      const set = (right.value !== 0) === (op === 'eq') !== negated;
      return { text: line(`${lead.en} ${subjectPhrase.en} is ${set ? 'set' : 'not set'}`, joinChinese(lead.zh, subjectPhrase.zh, set ? '置位' : '未置位')) };
    }
    const isNetwork = right.kind === 'constant' && isNetworkValue(right.value);
    let verb = verbs[op][negated ? 1 : 0];
    if (isNetwork && (op === 'eq' || op === 'ne')) {
      const inside = (op === 'eq') !== negated;
      verb = inside ? line('is in', '属于') : line('is not in', '不属于');
    }
    const object = this.value(right, left.kind === 'field' ? left.field : undefined);
    return { text: line(`${lead.en} ${subjectPhrase.en} ${verb.en} ${object.en}`, joinChinese(lead.zh, subjectPhrase.zh, verb.zh, object.zh)) };
  }

  private membership(value: ValueNode, set: readonly SetMember[], negated: boolean): Clause {
    const subjectPhrase = this.value(value);
    const field = value.kind === 'field' ? value.field : undefined;
    const members = set.map((member) => {
      const low = this.value(member.low, field);
      if (!member.high) return low;
      const high = this.value(member.high, field);
      return line(`${low.en} to ${high.en}`, joinChinese(low.zh, '到', high.zh));
    });
    const listEn = members.length === 1 ? members[0].en : `${members.slice(0, -1).map((member) => member.en).join(', ')} or ${members.at(-1)!.en}`;
    const listZh = members.map((member) => member.zh).join('、');
    const lead = value.kind === 'field' ? 'whose' : 'where';
    return { text: negated
      ? line(`${lead} ${subjectPhrase.en} is none of ${listEn}`, joinChinese(subjectPhrase.zh, '不是', listZh, '中的任何一个'))
      : line(`${lead} ${subjectPhrase.en} is ${members.length === 1 ? '' : 'one of '}${listEn}`, joinChinese(subjectPhrase.zh, members.length === 1 ? '为' : '为', listZh, members.length === 1 ? '' : '之一')) };
  }

  join(connective: 'and' | 'or', clauses: readonly Clause[]): Clause {
    const nonEmpty = clauses.filter((clause) => clause.text.en !== '');
    if (nonEmpty.length === 0) return { text: line('', '') };
    if (nonEmpty.length === 1) return nonEmpty[0];
    const parts = nonEmpty.map((clause) => this.wrap(clause, connective));
    const wordEn = connective === 'and' ? ' and ' : ' or ';
    const wordZh = connective === 'and' ? '且' : '或';
    // "that are TCP or that are UDP" reads better as "that are TCP or UDP"; "neither … nor" likewise.
    const negated = parts[0].presence?.negated;
    if (parts.every((part) => part.presence && part.presence.negated === negated) && !(negated && connective === 'or')) {
      const names = parts.map((part) => part.presence!.protocol);
      return negated
        ? { text: line(`that are neither ${names.join(' nor ')}`, joinChinese('既不是', names.join(' 也不是 '))), connective }
        : { text: line(`that are ${names.join(wordEn)}`, joinChinese('是', names.join(` ${wordZh} `))), connective };
    }
    return {
      text: line(parts.map((part) => part.text.en).join(wordEn), parts.map((part) => part.text.zh).reduce((sentence, next) => joinChinese(sentence, wordZh, next))),
      connective,
    };
  }

  /** A group of the other connective nested inside: "either A or B", "both A and B". */
  private wrap(clause: Clause, outer: 'and' | 'or'): Clause {
    if (!clause.connective || clause.connective === outer) return clause;
    const word = clause.connective === 'or' ? 'either' : 'both';
    return { text: line(`${word} ${clause.text.en}`, `（${clause.text.zh}）`) };
  }

  value(node: ValueNode, context?: Field): Bilingual {
    switch (node.kind) {
      case 'field':
        return withLayers(fieldName(node.field, this.subject), node.layers);
      case 'reference': {
        const name = withLayers(fieldName(node.field, this.subject), node.layers);
        return line(`the selected packet's ${name.en}`, joinChinese('所选数据包的', name.zh));
      }
      case 'constant':
        return constantText(node.text, node.value, context);
      case 'slice': {
        const of = this.value(node.of);
        const ranges = node.ranges.map(rangeText);
        return line(`bytes ${ranges.map((range) => range.en).join(', ')} of the ${of.en}`, joinChinese(of.zh, '的第', ranges.map((range) => range.zh).join('、'), '字节'));
      }
      case 'function':
        return this.call(node.name, node.args.map((argument) => this.value(argument)));
      case 'arithmetic': {
        const left = this.value(node.left);
        const right = this.value(node.right, node.left.kind === 'field' ? node.left.field : undefined);
        if (node.op === '&') return line(`the ${left.en} AND ${right.en}`, joinChinese(left.zh, '按位与', right.zh));
        return line(`${left.en} ${node.op} ${right.en}`, joinChinese(left.zh, node.op, right.zh));
      }
      case 'negate': {
        const operand = this.value(node.operand);
        return line(`minus ${operand.en}`, `-${operand.zh}`);
      }
    }
  }

  private call(name: string, args: readonly Bilingual[]): Bilingual {
    const first = args[0] ?? line('', '');
    switch (name) {
      case 'len': return line(`the length of the ${first.en}`, joinChinese(first.zh, '的长度'));
      case 'count': return line(`the number of ${first.en} fields`, joinChinese(first.zh, '字段的个数'));
      case 'upper': return line(`the ${first.en} in upper case`, joinChinese(first.zh, '（大写）'));
      case 'lower': return line(`the ${first.en} in lower case`, joinChinese(first.zh, '（小写）'));
      case 'string': return line(`the ${first.en} as text`, joinChinese(first.zh, '（作为文本）'));
      case 'abs': return line(`the absolute value of ${first.en}`, joinChinese(first.zh, '的绝对值'));
      case 'min': return line(`the smallest of ${args.map((arg) => arg.en).join(', ')}`, joinChinese(args.map((arg) => arg.zh).join('、'), '中的最小值'));
      default: return line(`the largest of ${args.map((arg) => arg.en).join(', ')}`, joinChinese(args.map((arg) => arg.zh).join('、'), '中的最大值'));
    }
  }
}

function isNetworkValue(value: unknown): value is Network {
  return typeof value === 'object' && value !== null && 'bits' in value && 'address' in value;
}

/** A literal as typed, with its value name where the field has one ("6 (TCP)"). */
function constantText(text: string, value: unknown, field: Field | undefined): Bilingual {
  const name = typeof value === 'number' && field?.values ? valueName(field.values, value) : undefined;
  return name && name !== text ? line(`${text} (${name})`, `${text}（${name}）`) : line(text, text);
}

function withLayers(name: Bilingual, layers: readonly IndexRange[] | undefined): Bilingual {
  if (!layers?.length) return name;
  const ranges = layers.map(rangeText);
  return line(`${name.en} (layer ${ranges.map((range) => range.en).join(', ')})`, joinChinese(name.zh, `（第 ${ranges.map((range) => range.zh).join('、')} 层）`));
}

function rangeText(range: IndexRange): Bilingual {
  if (range.endInclusive !== undefined) return line(`${range.start}–${range.endInclusive}`, `${range.start}–${range.endInclusive}`);
  if (range.length === undefined) return line(`${range.start} onward`, `${range.start} 起`);
  if (range.length === 1) return line(`${range.start}`, `${range.start}`);
  return line(`${range.start}–${range.start + range.length - 1}`, `${range.start}–${range.start + range.length - 1}`);
}

/** Splits the top-level conjunction into its parts (`a && b && c` → [a, b, c]). */
function conjuncts(node: FilterNode): FilterNode[] {
  return node.kind === 'and' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

function isProtocolPresence(node: FilterNode): node is FilterNode & { kind: 'exists' } {
  return node.kind === 'exists' && node.value.kind === 'field' && node.value.field.type === 'protocol' && !node.value.layers;
}

/** The field a value is read from, through arithmetic, slices and functions. */
function sourceFields(value: ValueNode): Field[] {
  switch (value.kind) {
    case 'field': return [value.field];
    case 'slice': return sourceFields(value.of);
    case 'arithmetic': return [...sourceFields(value.left), ...sourceFields(value.right)];
    case 'function': return value.args.flatMap(sourceFields);
    case 'negate': return sourceFields(value.operand);
    default: return [];
  }
}

/**
 * Fields the positive tests read (not those under `not`), to find the one protocol a whole
 * filter is about. `frame` is left out: every packet has it.
 */
function positiveFields(node: FilterNode): Field[] {
  switch (node.kind) {
    case 'and': case 'or': return [...positiveFields(node.left), ...positiveFields(node.right)];
    case 'compare': return sourceFields(node.left);
    case 'in': case 'exists': case 'truthy': return sourceFields(node.value);
    default: return [];
  }
}

/** The filter as a sentence in both languages; throws FilterError when the text is not a valid filter. */
export function describeFilter(text: string): Bilingual {
  const root = compileFilter(text).describe();
  if (root.kind === 'true') return line('All packets', '所有数据包');
  let parts = conjuncts(root);
  let subject: string | undefined;
  const presence = parts.find(isProtocolPresence);
  if (presence && presence.value.kind === 'field') {
    subject = presence.value.field.abbrev;
    parts = parts.filter((part) => part !== presence);
  } else {
    const protocols = new Set(parts.flatMap(positiveFields).map((field) => field.protocol).filter((protocol) => protocol !== 'frame'));
    if (protocols.size === 1) subject = [...protocols][0];
  }
  const builder = new SentenceBuilder(subject);
  const body = builder.join('and', parts.map((part) => builder.clause(part, false)));
  const subjectText = subject ? line(`${protocolName(subject)} packets`, joinChinese(protocolName(subject), '数据包')) : line('Packets', '数据包');
  if (body.text.en === '') return subjectText;
  return line(`${subjectText.en} ${body.text.en}`, joinChinese(body.text.zh, '的', subjectText.zh));
}

/** The display filter rendered as a sentence in the UI language. Throws FilterError for an invalid filter. */
export function explainFilter(text: string, language: Language): string {
  return describeFilter(text)[language];
}
