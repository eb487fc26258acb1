import { registry, type Field } from '../core/fields.js';
import { FilterError } from './errors.js';
import type { FilterNode, FilterPacket } from './ir.js';
import { expandMacros } from './macros.js';
import { parse } from './parser.js';
import { compileTest } from './runtime.js';
import { Checker, type FieldLookup } from './semantic.js';

export interface CompileOptions {
  /** Where field names are looked up; the global registry by default. */
  readonly lookup?: FieldLookup;
}

export interface CompiledFilter {
  /** The filter text as given. */
  readonly text: string;
  /** Every field the filter reads (a sink need keep only these). */
  readonly fields: readonly Field[];
  /** True when the packet matches. `selected` supplies `${field}` references (the GUI's selected packet). */
  evaluate(packet: FilterPacket, selected?: FilterPacket): boolean;
  /** The typed IR, for back ends that evaluate from columns instead of packets. */
  describe(): FilterNode;
}

/**
 * Compiles a display filter. Throws FilterError (and nothing else) when the text is not a
 * filter Wireshark 4.0 would accept. The empty filter matches every packet.
 */
export function compileFilter(text: string, options: CompileOptions = {}): CompiledFilter {
  const lookup = options.lookup ?? registry;
  let root: FilterNode;
  let fields: Field[];
  try {
    const expanded = expandMacros(text);
    const syntax = parse(expanded);
    const checker = new Checker(expanded, lookup);
    root = syntax ? checker.test(syntax) : { kind: 'true' };
    fields = [...checker.fields];
  } catch (error) {
    if (error instanceof FilterError) {
      const end = Math.min(error.end, text.length);
      if (error.end <= text.length) throw error;
      throw new FilterError(error.message, Math.min(error.start, end), end, error.suggestion);
    }
    // A bug in the compiler must still surface as a filter error, never as a crash of the caller.
    throw new FilterError(`Internal error: ${error instanceof Error ? error.message : String(error)}`, 0, text.length);
  }
  const predicate = compileTest(root);
  return {
    text,
    fields,
    evaluate: (packet, selected) => predicate({ packet, selected }),
    describe: () => root,
  };
}

/** Validates a filter: null when it compiles, else the error (message, span, suggestion). */
export function checkFilter(text: string, options: CompileOptions = {}): FilterError | null {
  try {
    compileFilter(text, options);
    return null;
  } catch (error) {
    if (error instanceof FilterError) return error;
    throw error;
  }
}
