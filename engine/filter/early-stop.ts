import type { Field, FieldType } from '../../dissectors/index.js';
import type { FilterNode, ValueNode } from '../../dissectors/filter/index.js';

/**
 * Stopping a frame's dissection as soon as the filter is known to match. For a *monotone*
 * filter, one that more field occurrences can only turn from false to true (ANDs and ORs of
 * `==`, `contains`, `in`, existence… with Wireshark's "any" quantifier, no `!`, no `count`),
 * TRUE on the fields seen so far is TRUE for the whole frame. So after each occurrence of a
 * field the filter reads, the sink (FilterRunSink) evaluates the filter and, on TRUE, throws
 * `stopDissection`, which run-filter catches: `http.request.method == "GET"` stops at the method instead of
 * parsing every header and the body; a DNS name match stops before the answers.
 */

/** Thrown through the dissectors (which only catch PacketBoundsError) to end a decided frame. */
export class StopDissection extends Error {}
/** One instance: it is control flow, its stack trace is never read. */
export const stopDissection = new StopDissection('filter decided');

/** Element types whose occurrences carry their value: nothing is read later from a length a `close` may change. */
const valueTypes = new Set<FieldType>(['uint8', 'uint16', 'uint24', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64', 'bool', 'string', 'ipv4', 'framenum', 'double', 'abs_time', 'rel_time']);

/**
 * The fields whose occurrences may make the filter TRUE, when the filter is monotone; null
 * when a TRUE on part of a frame might not hold for the whole (then dissect to the end).
 */
export function monotoneTriggers(node: FilterNode): Set<Field> | null {
  const triggers = new Set<Field>();
  const valueIsMonotone = (value: ValueNode): boolean => {
    if (value.kind === 'constant') return true;
    if (value.kind !== 'field' || value.layers) return false;
    triggers.add(value.field);
    return true;
  };
  const scalarField = (value: ValueNode) => value.kind !== 'field' || valueTypes.has(value.field.type);
  const visit = (test: FilterNode): boolean => {
    switch (test.kind) {
      case 'and': case 'or': return visit(test.left) && visit(test.right);
      // Existence never depends on an occurrence's length, whatever the type.
      case 'exists': return valueIsMonotone(test.value);
      case 'compare': return test.quantifier === 'any' && scalarField(test.left) && scalarField(test.right) && valueIsMonotone(test.left) && valueIsMonotone(test.right);
      case 'in': return test.quantifier === 'any' && scalarField(test.value) && valueIsMonotone(test.value) && test.set.every((member) => member.low.kind === 'constant' && (member.high === undefined || member.high.kind === 'constant'));
      default: return false;
    }
  };
  return visit(node) && triggers.size > 0 ? triggers : null;
}
