import { checkFilter, compileFilter, type CompiledFilter, type FieldLookup, type FilterError } from '../filter/index.js';
import { registry, type Field } from '../index.js';

/**
 * How colouring-rule filters are read. Wireshark's rules name protocols we do not dissect
 * (hsrp, ospf, http2 …); those names stand for fields that never occur, so a rule like
 * "http || tcp.port == 80 || http2" still works for what we do dissect. Shared by the engine,
 * which compiles the rules, and the colouring-rules editor, which validates them as you type.
 */
export class AbsentFieldLookup implements FieldLookup {
  private readonly absent = new Map<string, Field>();

  find(abbrev: string): Field | undefined {
    const known = registry.find(abbrev);
    // Only lower-case dotted names are protocol or field names; anything else is a literal
    // (80, 0x80, ABORT) and must stay one.
    if (known || !/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/.test(abbrev)) return known;
    let placeholder = this.absent.get(abbrev);
    if (!placeholder) {
      const protocol = abbrev.split('.')[0];
      // Negative ids: no dissector adds them, so they never occur in a packet.
      placeholder = { id: -1 - this.absent.size, abbrev, name: abbrev, type: abbrev.includes('.') ? 'uint32' : 'protocol', protocol };
      this.absent.set(abbrev, placeholder);
    }
    return placeholder;
  }

  all(): readonly Field[] {
    return registry.all();
  }
}

/** A colouring rule's filter compiled, or null when it does not compile (the rule is then off, as in Wireshark). */
export function compileColoringFilter(text: string, lookup: FieldLookup = new AbsentFieldLookup()): CompiledFilter | null {
  try {
    return compileFilter(text, { lookup });
  } catch {
    return null;
  }
}

/** Why a colouring rule's filter does not compile, or null when it does. */
export function checkColoringFilter(text: string): FilterError | null {
  return checkFilter(text, { lookup: new AbsentFieldLookup() });
}
