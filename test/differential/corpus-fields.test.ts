/**
 * Differential test: every corpus capture through the in-order pass, every reference field
 * we declare, cell for cell against tshark 4.0.17's `-T fields` output (corpus README).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../dissectors/index.js';
import { dissectInOrder } from '../../engine/session/in-order-pass.js';
import { corpusAvailable, corpusCaptures, corpusPath, readFieldsReference } from '../support/corpus.js';

const columnNames: Record<string, 'protocol' | 'info'> = { '_ws.col.Protocol': 'protocol', '_ws.col.Info': 'info' };

/**
 * Cells we knowingly do not match, with the reason. Keep this list honest and short: an entry
 * here is a gap the closing note must mention.
 */
const knownGaps: ReadonlyArray<{ capture: string; field: string; reason: string }> = [
  { capture: 'tcpdump__timestamp_invalid_micro.pcap', field: 'frame.time_epoch', reason: 'a fraction of a second ≥ 1 s: tshark prints it unnormalised ("…370.1000000000"); we normalise the time' },
  { capture: 'tcpdump__timestamp_invalid_nano.pcap', field: 'frame.time_epoch', reason: 'same as above, nanosecond file' },
];
const isKnownGap = (capture: string, field: string) => knownGaps.some((gap) => gap.capture === capture && gap.field === field);

interface Mismatch {
  capture: string;
  frame: number;
  field: string;
  expected: string;
  actual: string;
}

async function compareCapture(capture: string): Promise<{ mismatches: Mismatch[]; compared: string[]; frames: number; expectedFrames: number }> {
  const reference = readFieldsReference(capture);
  const compared = reference.header.filter((name) => (registry.find(name) !== undefined || name in columnNames) && !isKnownGap(capture, name));
  const fields = compared.filter((name) => !(name in columnNames)).map((name) => registry.find(name)!);
  const mismatches: Mismatch[] = [];
  let frames = 0;
  await dissectInOrder(corpusPath(capture), { fields, columns: true }, (passed) => {
    const row = reference.rows[frames++];
    if (!row) return;
    let fieldIndex = 0;
    for (const name of compared) {
      const expected = row[reference.header.indexOf(name)] ?? '';
      const actual = name in columnNames ? passed.columns![columnNames[name]] : passed.fieldTexts[fieldIndex++].join(',');
      if (actual !== expected) mismatches.push({ capture, frame: passed.frame.number, field: name, expected, actual });
    }
  }).catch(() => undefined);
  return { mismatches, compared, frames, expectedFrames: reference.rows.length };
}

describe.skipIf(!corpusAvailable)('fields match tshark on the corpus', () => {
  it('matches every declared reference field on every capture', async () => {
    const all: Mismatch[] = [];
    const frameCountErrors: string[] = [];
    for (const capture of corpusCaptures()) {
      const { mismatches, frames, expectedFrames } = await compareCapture(capture);
      if (frames !== expectedFrames) frameCountErrors.push(`${capture}: ${frames} frames, tshark ${expectedFrames}`);
      all.push(...mismatches);
    }
    const byField = new Map<string, Mismatch[]>();
    for (const mismatch of all) byField.set(mismatch.field, [...(byField.get(mismatch.field) ?? []), mismatch]);
    const report = [...byField.entries()].sort((a, b) => b[1].length - a[1].length).map(([field, list]) =>
      `${field}: ${list.length} cells differ; e.g. ${list.slice(0, 3).map((m) => `${m.capture}#${m.frame} expected "${m.expected}" got "${m.actual}"`).join(' | ')}`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/corpus-fields.txt', [...frameCountErrors, ...report].join('\n') + '\n');
    writeFileSync('test-results/corpus-fields-all.txt', all.map((m) => `${m.capture}#${m.frame} ${m.field}\n  expected ${JSON.stringify(m.expected)}\n  got      ${JSON.stringify(m.actual)}`).join('\n') + '\n');
    expect(frameCountErrors).toEqual([]);
    expect(report).toEqual([]);
  });
});
