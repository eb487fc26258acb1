/**
 * Why a capture file could not be read, in tshark's vocabulary:
 * - `not-capture`: no known magic ("isn't a capture file in a format PacketLens understands");
 * - `unsupported`: a known format using something we (and tshark) do not support;
 * - `corrupt`: structurally damaged ("appears to be damaged or corrupt");
 * - `cut-short`: ends in the middle of a header or packet;
 * - `io`: the operating system refused (missing file, permission, …).
 */
export type CaptureFileErrorKind = 'not-capture' | 'unsupported' | 'corrupt' | 'cut-short' | 'io';

/** The one error type of `engine/formats`: `message` is a single line fit to show a user. */
export class CaptureFileError extends Error {
  override readonly name = 'CaptureFileError';

  constructor(
    readonly kind: CaptureFileErrorKind,
    message: string,
    /** The format-level detail (tshark prints it in parentheses), e.g. `pcapng: unknown SHB version 2.0`. */
    readonly detail?: string,
  ) {
    super(detail ? `${message} (${detail})` : message);
  }
}

function quoted(path: string): string {
  return `"${path}"`;
}

/** Builds the tshark-style sentence for `kind` about the file at `path`. */
export function captureFileError(kind: CaptureFileErrorKind, path: string, detail?: string): CaptureFileError {
  switch (kind) {
    case 'not-capture':
      return new CaptureFileError(kind, `The file ${quoted(path)} isn't a capture file in a format PacketLens understands.`, detail);
    case 'unsupported':
      return new CaptureFileError(kind, `The file ${quoted(path)} contains record data that PacketLens doesn't support.`, detail);
    case 'corrupt':
      return new CaptureFileError(kind, `The file ${quoted(path)} appears to be damaged or corrupt.`, detail);
    case 'cut-short':
      return new CaptureFileError(kind, `The file ${quoted(path)} appears to have been cut short in the middle of a packet or other data.`, detail);
    case 'io':
      return new CaptureFileError(kind, `The file ${quoted(path)} could not be read.`, detail);
  }
}

/** tshark's sentence for a file that ends inside a packet record (after the headers were read). */
export function cutShortMessage(path: string): string {
  return `The file ${quoted(path)} appears to have been cut short in the middle of a packet.`;
}

/**
 * A format parser throws this without knowing the file name; the scanner turns it into a
 * `CaptureFileError` naming the file.
 */
export class FormatProblem extends Error {
  constructor(readonly kind: Exclude<CaptureFileErrorKind, 'not-capture' | 'io'>, readonly detail: string) {
    super(detail);
  }
}
