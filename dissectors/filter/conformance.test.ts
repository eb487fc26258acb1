/**
 * Conformance with TShark 4.0.17 on the expressions of Wireshark's own display-filter suite
 * (../shared/corpus/dfilter-cases.tsv: accepted / rejected and tshark's message).
 *
 * Two runs:
 *  - against a registry typed from tshark itself (testdata/tshark-fields.tsv, from
 *    `tshark -G fields` and `-G values`), so every expression can be judged today;
 *  - against PacketLens's own registry, skipping expressions that name a field we have not
 *    declared yet (other protocols are being added): this run grows as the registry fills.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry, type Field, type FieldType } from '../core/fields.js';
import '../proto/index.js';
import { checkFilter, type FieldLookup } from './index.js';

const repoRoot = path.resolve(__dirname, '../..');
const casesPath = path.resolve(repoRoot, '../shared/corpus/dfilter-cases.tsv');
const haveCorpus = existsSync(casesPath);

interface Case { expression: string; accepted: boolean; error: string; line: number }

function readCases(): Case[] {
  return readFileSync(casesPath, 'utf8').split('\n').slice(1).filter((line) => line.trim() !== '').map((line, index) => {
    const columns = line.split('\t');
    return { expression: columns[5], accepted: columns[6] === 'accepted', error: (columns[7] ?? '').replace(/^tshark: /, ''), line: index + 2 };
  });
}

const ftypes: Record<string, FieldType> = {
  FT_PROTOCOL: 'protocol', FT_NONE: 'none', FT_BOOLEAN: 'bool', FT_BYTES: 'bytes', FT_ETHER: 'ether',
  FT_IPv4: 'ipv4', FT_IPv6: 'ipv6', FT_STRING: 'string', FT_STRINGZ: 'string', FT_ABSOLUTE_TIME: 'abs_time',
  FT_RELATIVE_TIME: 'rel_time', FT_DOUBLE: 'double', FT_UINT8: 'uint8', FT_UINT16: 'uint16', FT_UINT24: 'uint24',
  FT_UINT32: 'uint32', FT_UINT64: 'uint64', FT_INT8: 'int8', FT_INT16: 'int16', FT_INT32: 'int32', FT_INT64: 'int64',
  FT_FRAMENUM: 'framenum', FT_IPXNET: 'uint32',
};

/** tshark's own field table (for the words in the cases); `unsupported` holds types we cannot model. */
function tsharkFields(): { lookup: FieldLookup; known: Set<string>; unsupported: Set<string> } {
  const fields = new Map<string, Field>();
  const known = new Set<string>();
  const unsupported = new Set<string>();
  const lines = readFileSync(path.join(__dirname, 'testdata/tshark-fields.tsv'), 'utf8').split('\n');
  for (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [abbrev, ftype, valueText, trueFalseText] = line.split('\t');
    known.add(abbrev);
    const type = ftypes[ftype];
    if (!type) { unsupported.add(abbrev); continue; }
    const values: Record<number, string> = {};
    for (const pair of valueText ? valueText.split('|') : []) {
      const at = pair.indexOf('=');
      values[Number(pair.slice(0, at))] = pair.slice(at + 1);
    }
    const trueFalse = trueFalseText ? (trueFalseText.split('|') as [string, string]) : undefined;
    const protocol = abbrev.includes('.') ? abbrev.slice(0, abbrev.indexOf('.')) : abbrev;
    fields.set(abbrev, { id: 100000 + fields.size, abbrev, name: abbrev, type, protocol, values: valueText ? values : undefined, trueFalse });
  }
  return { lookup: { find: (abbrev) => fields.get(abbrev), all: () => [...fields.values()] }, known, unsupported };
}

/** Field names an expression uses (words outside quotes that tshark knows as fields). */
function namedFields(expression: string, known: Set<string>): string[] {
  const bare = expression.replace(/"(?:[^"\\]|\\.)*"/g, '').replace(/'(?:[^'\\]|\\.)*'/g, '');
  const words = bare.match(/[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_][A-Za-z0-9_-]*)*/g) ?? [];
  // `bootp` is 4.0's deprecated name for `dhcp`.
  return words.map((word) => (word === 'bootp' ? 'dhcp' : word)).filter((word) => known.has(word));
}

interface Outcome { ran: number; skipped: number; failures: string[] }

function run(cases: Case[], lookup: FieldLookup, skip: (names: string[]) => boolean, known: Set<string>): Outcome {
  const outcome: Outcome = { ran: 0, skipped: 0, failures: [] };
  for (const testCase of cases) {
    if (skip(namedFields(testCase.expression, known))) { outcome.skipped++; continue; }
    outcome.ran++;
    const error = checkFilter(testCase.expression, { lookup });
    if (testCase.accepted && error) outcome.failures.push(`line ${testCase.line}: ${testCase.expression}  — tshark accepts, we say: ${error.message}`);
    if (!testCase.accepted && !error) outcome.failures.push(`line ${testCase.line}: ${testCase.expression}  — tshark rejects (${testCase.error}), we accept`);
  }
  return outcome;
}

describe.skipIf(!haveCorpus)('dfilter conformance with tshark 4.0.17', () => {
  const cases = haveCorpus ? readCases() : [];
  const tshark = tsharkFields();

  it('accepts and rejects what tshark does, with tshark-typed fields', () => {
    const outcome = run(cases, tshark.lookup, (names) => names.some((name) => tshark.unsupported.has(name)), tshark.known);
    console.log(`dfilter conformance (tshark field types): ${outcome.ran} cases ran, ${outcome.ran - outcome.failures.length} agree, ${outcome.skipped} skipped (field types we do not model)`);
    expect(outcome.failures).toEqual([]);
    expect(outcome.ran).toBeGreaterThan(700);
  });

  it('words rejected errors as tshark does, where it can', () => {
    const mismatched: string[] = [];
    let compared = 0;
    for (const testCase of cases) {
      if (testCase.accepted || namedFields(testCase.expression, tshark.known).some((name) => tshark.unsupported.has(name))) continue;
      const error = checkFilter(testCase.expression, { lookup: tshark.lookup });
      if (!error) continue;
      compared++;
      if (error.message !== testCase.error) mismatched.push(`${testCase.expression}\n   tshark: ${testCase.error}\n   we:     ${error.message}`);
    }
    console.log(`dfilter error wording: ${compared - mismatched.length}/${compared} identical to tshark`);
    if (process.env.SHOW_MISMATCHES) console.log(mismatched.join("\n"));
    expect(mismatched.length / compared).toBeLessThan(0.1);
  });

  it('accepts and rejects what tshark does, with the PacketLens registry', () => {
    const outcome = run(cases, registry, (names) => names.some((name) => !registry.find(name)), tshark.known);
    console.log(`dfilter conformance (PacketLens registry): ${outcome.ran} cases ran, ${outcome.ran - outcome.failures.length} agree, ${outcome.skipped} skipped (fields not declared yet)`);
    expect(outcome.failures).toEqual([]);
  });
});
