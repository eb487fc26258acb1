import { FormatProblem } from './errors';

const decoder = new TextDecoder('utf-8');

/** Option codes common to every block. */
export const OPT_ENDOFOPT = 0;
export const OPT_COMMENT = 1;

/**
 * Walks the options in `bytes[start, end)` (code, length, value padded to 4 bytes) and calls
 * `visit(code, valueStart, valueLength)` for each, stopping at `opt_endofopt`. An option that
 * runs past `end` is damage, reported in wiretap's words.
 */
export function forEachOption(
  view: DataView, start: number, end: number, littleEndian: boolean,
  visit: (code: number, valueStart: number, valueLength: number) => void,
): void {
  let position = start;
  while (position + 4 <= end) {
    const code = view.getUint16(position, littleEndian);
    const length = view.getUint16(position + 2, littleEndian);
    position += 4;
    if (code === OPT_ENDOFOPT) return;
    if (position + length > end) throw new FormatProblem('corrupt', `pcapng: Not enough data to handle option of length ${length}`);
    visit(code, position, length);
    position += (length + 3) & ~3;
  }
}

/** A UTF-8 option value, without the NUL terminator some writers add. */
export function optionString(bytes: Uint8Array, start: number, length: number): string {
  let end = start + length;
  while (end > start && bytes[end - 1] === 0) end--;
  return decoder.decode(bytes.subarray(start, end));
}

/** Collects the `opt_comment`s of a block, or null when it has none. */
export function readComments(bytes: Uint8Array, view: DataView, start: number, end: number, littleEndian: boolean): string[] | null {
  let comments: string[] | null = null;
  forEachOption(view, start, end, littleEndian, (code, valueStart, valueLength) => {
    if (code === OPT_COMMENT) (comments ??= []).push(optionString(bytes, valueStart, valueLength));
  });
  return comments;
}
