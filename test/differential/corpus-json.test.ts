/**
 * Differential test over every field we declare: our `-T json` layers against tshark's
 * `F.json` references, packet by packet. Each side is flattened to abbrev → values (all
 * nesting levels, every occurrence) and compared for the abbrevs both know.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../dissectors/index.js';
import { JsonSink } from '../../engine/cli/json-output.js';
import { CaptureSession } from '../../engine/session/capture-session.js';
import { corpusAvailable, corpusCaptures, corpusPath } from '../support/corpus.js';

type Flat = Map<string, string[]>;

/** Walks tshark's JSON text keeping duplicate keys (JSON.parse would keep only the last). */
function flattenJsonText(text: string): Flat[] {
  const packets: Flat[] = [];
  let current: Flat | null = null;
  const keyValue = /^\s*"([^"]+)": (?:"((?:[^"\\]|\\.)*)"|(\{|\[|null))/;
  for (const line of text.split('\n')) {
    if (/^\s*"_index":/.test(line)) {
      current = new Map();
      packets.push(current);
      continue;
    }
    const match = keyValue.exec(line);
    if (!match || !current || match[2] === undefined) continue;
    const [, key, value] = match;
    if (!/^[a-z0-9_]+(\.[a-z0-9_]+)+$/i.test(key)) continue;
    current.set(key, [...(current.get(key) ?? []), JSON.parse(`"${value}"`) as string]);
  }
  return packets;
}

describe.skipIf(!corpusAvailable)('every declared field matches tshark -T json on the corpus', () => {
  it('has the same values for the fields both sides show', async () => {
    const differences = new Map<string, string[]>();
    const missing = new Map<string, string[]>();
    let compared = 0;
    for (const capture of corpusCaptures()) {
      const referencePath = corpusPath(`${capture}.json`);
      if (!existsSync(referencePath)) continue;
      const reference = flattenJsonText(readFileSync(referencePath, 'utf8'));
      let session: CaptureSession;
      try {
        session = await CaptureSession.open(corpusPath(capture));
        await session.index();
      } catch {
        continue;
      }
      const sink = new JsonSink();
      for (let frame = 1; frame <= Math.min(session.frameCount, reference.length); frame++) {
        const bytes = session.bytes(frame);
        sink.reset(bytes);
        session.dissectBytes(frame, bytes, sink);
        const ours = flattenJsonText(sink.packetJson('x'))[0];
        const theirs = reference[frame - 1];
        for (const [abbrev, values] of theirs) {
          if (!registry.find(abbrev)) continue;
          compared++;
          const mine = ours.get(abbrev);
          const where = `${capture}#${frame}`;
          if (!mine) missing.set(abbrev, [...(missing.get(abbrev) ?? []), where]);
          else if (mine.join(',') !== values.join(',')) differences.set(abbrev, [...(differences.get(abbrev) ?? []), `${where} expected ${values.join(',')} got ${mine.join(',')}`]);
        }
      }
      await session.dispose();
    }
    const report = [
      `compared ${compared} field occurrences`,
      ...[...missing.entries()].sort((a, b) => b[1].length - a[1].length).map(([abbrev, where]) => `missing ${abbrev}: ${where.length} packets, e.g. ${where.slice(0, 3).join(' ')}`),
      ...[...differences.entries()].sort((a, b) => b[1].length - a[1].length).map(([abbrev, list]) => `differs ${abbrev}: ${list.length} packets, e.g. ${list.slice(0, 2).join(' | ')}`),
    ];
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/corpus-json.txt', report.join('\n') + '\n');
    expect(compared).toBeGreaterThan(10_000);
    expect(report.slice(1)).toEqual([]);
  });
});
