import { defaultColoringRules } from '../../dissectors/coloring/default-rules.js';
import { AbsentFieldLookup, compileColoringFilter } from '../../dissectors/coloring/rule-filter.js';
import type { CompiledFilter } from '../../dissectors/filter/index.js';
import type { Field } from '../../dissectors/index.js';

/** A colouring rule as the engine evaluates it (colours are the renderer's business). */
export interface ColoringRuleFilter {
  readonly filter: string;
  readonly enabled: boolean;
}

/**
 * Colouring rules compiled for the engine, in the user's order (Wireshark's defaults until the
 * user edits them). A rule that is disabled, or whose filter does not compile, never matches,
 * as Wireshark disables a colouring rule whose filter is invalid; it keeps its index, so a
 * row's `colorRule` is an index into the list the rules were made from.
 */
export class ColoringRules {
  readonly rules: ReadonlyArray<CompiledFilter | null>;
  /** Every field any rule reads: the row sink keeps these. */
  readonly fields: readonly Field[];

  constructor(rules: readonly ColoringRuleFilter[] = defaultColoringRules.map(({ filter }) => ({ filter, enabled: true }))) {
    const lookup = new AbsentFieldLookup();
    this.rules = rules.map((rule) => (rule.enabled ? compileColoringFilter(rule.filter, lookup) : null));
    this.fields = [...new Set(this.rules.flatMap((rule) => (rule ? rule.fields : [])))].filter((field) => field.id >= 0);
  }

  /** Index of the first rule the packet matches, or -1. */
  match(packet: Parameters<CompiledFilter['evaluate']>[0]): number {
    for (let index = 0; index < this.rules.length; index++) if (this.rules[index]?.evaluate(packet)) return index;
    return -1;
  }
}
