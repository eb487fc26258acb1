import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared corpus of real captures with tshark references, beside the repository (absent on some machines). */
export const corpusDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/public');
export const corpusAvailable = existsSync(corpusDirectory);

/** Capture files of the corpus (everything that is not a reference output). */
export function corpusCaptures(): string[] {
  if (!corpusAvailable) return [];
  return readdirSync(corpusDirectory)
    .filter((name) => !/\.(fields\.tsv|filters\.tsv|json|stderr\.txt)$/.test(name) && name !== 'SOURCES.tsv')
    .sort();
}

export function corpusPath(name: string): string {
  return join(corpusDirectory, name);
}

/** tshark's `-T fields -E header=y` reference: header names and rows of cells. */
export function readFieldsReference(capture: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(join(corpusDirectory, `${capture}.fields.tsv`), 'utf8');
  const lines = text.split('\n').filter((line) => line.length > 0);
  if (lines.length === 0) return { header: [], rows: [] };
  return { header: lines[0].split('\t'), rows: lines.slice(1).map((line) => line.split('\t')) };
}

/** tshark's `-Y` reference: filter → matching frame numbers. */
export function readFiltersReference(capture: string): Array<{ filter: string; frames: number[] }> {
  const path = join(corpusDirectory, `${capture}.filters.tsv`);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.length > 0).map((line) => {
    const [filter, frames = ''] = line.split('\t');
    return { filter, frames: frames === '' ? [] : frames.split(',').map(Number) };
  });
}
