import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaptureFileError, formatEpochTime, openCaptureFile } from './index';

// Differential test against tshark 4.0.17's reference output for every corpus capture:
// frame count, frame.time_epoch (exact string), frame.len, frame.cap_len, and which files
// tshark refuses (with its parenthesised detail).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/public');
const present = fs.existsSync(corpus);
const captures = present
  ? fs.readdirSync(corpus).filter((name) => fs.existsSync(path.join(corpus, `${name}.fields.tsv`))).sort()
  : [];

interface Expected {
  frames: { time: string; length: string; capturedLength: string }[];
  /** tshark's stderr: its sentence and, in parentheses on the next line, the format detail. */
  sentence: string | null;
  detail: string | null;
}

function expected(name: string): Expected {
  const lines = fs.readFileSync(path.join(corpus, `${name}.fields.tsv`), 'utf8').split('\n').filter((line) => line !== '');
  const frames = lines.slice(1).map((line) => {
    const [, time, length, capturedLength] = line.split('\t');
    return { time, length, capturedLength };
  });
  const stderrPath = path.join(corpus, `${name}.stderr.txt`);
  if (!fs.existsSync(stderrPath)) return { frames, sentence: null, detail: null };
  const stderr = fs.readFileSync(stderrPath, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const sentence = stderr[0].replace(/^tshark: /, '').replace('TShark', 'PacketLens');
  const detailLine = stderr.find((line) => /^\(.*\)$/.test(line));
  return { frames, sentence, detail: detailLine ? detailLine.slice(1, -1) : null };
}

describe.skipIf(!present)('corpus captures read like tshark reads them', () => {
  it('finds the corpus', () => {
    expect(captures.length).toBeGreaterThan(100);
  });

  for (const name of captures) {
    it(name, async () => {
      const want = expected(name);
      const filePath = path.join(corpus, name);
      if (want.frames.length === 0 && want.sentence !== null) {
        // tshark refuses the file outright: so must we, with the same reason.
        const failure = await openCaptureFile(filePath).then(() => null, (error: unknown) => error);
        expect(failure).toBeInstanceOf(CaptureFileError);
        const error = failure as CaptureFileError;
        expect(error.message.split(' (')[0]).toBe(want.sentence.replace(`"${name}"`, `"${filePath}"`));
        expect(error.detail).toBe(want.detail);
        return;
      }
      const capture = await openCaptureFile(filePath);
      try {
        const got: Expected['frames'] = [];
        const result = await capture.scan((record) => {
          got.push({
            time: record.hasTimestamp ? formatEpochTime(record.seconds, record.nanoseconds) : '',
            length: String(record.originalLength),
            capturedLength: String(record.capturedLength),
          });
        });
        expect(got).toEqual(want.frames);
        expect(result.packets).toBe(want.frames.length);
        if (want.sentence === null) {
          expect(result.warning).toBeUndefined();
        } else {
          expect(result.warning).toContain(want.sentence.replace(`"${name}"`, `"${filePath}"`));
          if (want.detail !== null) expect(result.warning).toContain(want.detail);
        }
      } finally {
        capture.close();
      }
    });
  }
});
