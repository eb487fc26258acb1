import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SampleCapture } from './contract.js';
import { InvalidArgumentError, requireString } from './validate.js';

/**
 * The sample captures of the welcome screen: PacketLens's own fixtures, listed with their
 * lessons in `test/fixtures/index.json`. Only files that index lists can be opened, by name,
 * so a renderer cannot reach any other path through this door.
 */

const indexName = join('test', 'fixtures', 'index.json');

/**
 * The fixtures folder, looked up from where this code runs: the source tree (engine/api), the
 * bundles (out/engine, out/engine/host) or a test. Null when the app ships without samples.
 */
export function findSamplesDirectory(start = dirname(fileURLToPath(import.meta.url))): string | null {
  let directory = start;
  for (let level = 0; level < 5; level++) {
    if (existsSync(join(directory, indexName))) return dirname(join(directory, indexName));
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return null;
}

interface IndexEntry {
  file?: unknown;
  title?: { en?: unknown; zh?: unknown };
  lesson?: { en?: unknown; zh?: unknown };
  shows?: unknown;
  copyOf?: unknown;
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** The index's entries, without the format copies (the same lesson in another file format). */
export function readSamples(directory: string | null): SampleCapture[] {
  if (directory === null) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(join(directory, 'index.json'), 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(entries)) return [];
  const samples: SampleCapture[] = [];
  for (const entry of entries as IndexEntry[]) {
    if (entry.copyOf !== undefined || !isText(entry.file) || !/^[\w.-]+$/.test(entry.file)) continue;
    const { title, lesson } = entry;
    if (!isText(title?.en) || !isText(title?.zh) || !isText(lesson?.en) || !isText(lesson?.zh)) continue;
    const shows = Array.isArray(entry.shows) ? entry.shows.filter(isText) : [];
    samples.push({ file: entry.file, title: { en: title.en, zh: title.zh }, lesson: { en: lesson.en, zh: lesson.zh }, shows });
  }
  return samples;
}

/** The path of sample `name`; rejects any name the index does not list. */
export function samplePath(directory: string | null, name: unknown): string {
  const file = requireString(name, 'file', 255);
  if (directory === null || !readSamples(directory).some((sample) => sample.file === file)) {
    throw new InvalidArgumentError(`${JSON.stringify(file.slice(0, 80))} is not one of the sample captures`);
  }
  return join(directory, file);
}
