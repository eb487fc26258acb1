/**
 * Differential test: every (capture, filter) pair of the corpus references, our matching
 * frame numbers against tshark 4.0.17's `-Y` output. Each filter also runs twice, through the
 * column-backed path and by dissecting every frame, which must agree.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../dissectors/filter/index.js';
import { runFilter } from '../../engine/filter/run-filter.js';
import { CaptureSession } from '../../engine/session/capture-session.js';
import { corpusAvailable, corpusCaptures, corpusPath, readFieldsReference, readFiltersReference } from '../support/corpus.js';
import { framesMatchingByDissection } from '../support/filter-reference.js';
import { countGap, KnownGapList, reasons, type KnownGap } from './known-gaps.js';

/** (capture, filter) pairs we knowingly do not match, with the reason; stale entries fail the test. */
const knownGaps: readonly KnownGap[] = [
  { capture: 'filesamples__teardrop.pcap', fields: ['udp'], inProgress: true, reason: reasons.ipReassembly },
];

async function openSession(capture: string): Promise<CaptureSession | null> {
  try {
    const session = await CaptureSession.open(corpusPath(capture));
    await session.index();
    return session;
  } catch {
    return null;
  }
}

describe.skipIf(!corpusAvailable)('display filters match tshark on the corpus', () => {
  it('gives the same frames as tshark -Y for every capture and filter', async () => {
    const differences: string[] = [];
    const gaps = new KnownGapList(knownGaps);
    const gapCounts = new Map<KnownGap, number>();
    let compared = 0;
    for (const capture of corpusCaptures()) {
      const cases = readFiltersReference(capture);
      if (cases.length === 0 || readFieldsReference(capture).rows.length === 0) continue;
      const session = await openSession(capture);
      if (!session) {
        differences.push(`${capture}: could not be opened, tshark read it`);
        continue;
      }
      try {
        for (const { filter: text, frames: expected } of cases) {
          let filter;
          try {
            filter = compileFilter(text);
          } catch (error) {
            differences.push(`${capture} ${text}: rejected: ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
          compared++;
          const run = await runFilter(session, filter);
          const actual = [...run.frames];
          const gap = actual.join(',') !== expected.join(',') ? gaps.find(capture, text) : undefined;
          if (gap) countGap(gapCounts, gap);
          else if (actual.join(',') !== expected.join(',')) differences.push(`${capture} [${text}]: expected ${expected.slice(0, 12).join(',')}${expected.length > 12 ? '…' : ''} (${expected.length}), got ${actual.slice(0, 12).join(',')}${actual.length > 12 ? '…' : ''} (${actual.length})`);
          const deep = framesMatchingByDissection(session, filter);
          if (deep.join(',') !== actual.join(',')) differences.push(`${capture} [${text}]: column path ${actual.length} frames, dissecting every frame ${deep.length}`);
        }
      } finally {
        await session.dispose();
      }
    }
    mkdirSync('test-results', { recursive: true });
    const stale = gaps.stale();
    writeFileSync('test-results/corpus-filters.txt', [`compared ${compared} (capture, filter) pairs`, ...differences, ...stale, ...gaps.summary(gapCounts)].join('\n') + '\n');
    expect(compared).toBeGreaterThan(3000);
    expect(differences).toEqual([]);
    expect(stale).toEqual([]);
  });
});
