/**
 * Wireshark 4.0 display filters: `compileFilter(text)` checks a filter against the field
 * registry and compiles it to a predicate over packets; `checkFilter(text)` only validates
 * (cheap enough for every keystroke); `FilterFieldSink` collects a packet's fields for evaluation.
 */
export { FilterError, type Span } from './errors.js';
export type { FieldOccurrence, FilterPacket, FilterNode, ValueNode, CompareKind, FunctionName, IndexRange, Network, RuntimeValue, SetMember } from './ir.js';
export { typeName } from './ir.js';
export { compileFilter, checkFilter, type CompiledFilter, type CompileOptions } from './compile.js';
export type { FieldLookup } from './semantic.js';
export { FilterFieldSink } from './collect.js';
