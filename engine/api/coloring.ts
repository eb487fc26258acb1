import { defaultColoringRules } from '../../dissectors/coloring/default-rules.js';
import { compileFilter, type CompiledFilter, type FieldLookup } from '../../dissectors/filter/index.js';
import { registry, type Field } from '../../dissectors/index.js';

/**
 * The default colouring rules compiled for the engine. Wireshark's rules name protocols we do
 * not dissect (hsrp, ospf, http2 …); those names stand for fields that never occur, so a rule
 * like "http || tcp.port == 80 || http2" still works for what we do dissect. A rule that still
 * does not compile (its comparisons need types we lack) is disabled, as Wireshark disables a
 * colouring rule whose filter is invalid.
 */
export class ColoringRules {
  readonly rules: ReadonlyArray<CompiledFilter | null>;
  /** Every field any rule reads: the row sink keeps these. */
  readonly fields: readonly Field[];

  constructor(filters: readonly string[] = defaultColoringRules.map((rule) => rule.filter)) {
    const lookup = new AbsentFieldLookup();
    this.rules = filters.map((filter) => {
      try {
        return compileFilter(filter, { lookup });
      } catch {
        return null;
      }
    });
    this.fields = [...new Set(this.rules.flatMap((rule) => (rule ? rule.fields : [])))].filter((field) => field.id >= 0);
  }

  /** Index of the first rule the packet matches, or -1. */
  match(packet: Parameters<CompiledFilter['evaluate']>[0]): number {
    for (let index = 0; index < this.rules.length; index++) if (this.rules[index]?.evaluate(packet)) return index;
    return -1;
  }
}

/** The registry, plus a never-occurring field for any name it does not know. */
class AbsentFieldLookup implements FieldLookup {
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
