/**
 * The one error a filter can produce. Everything the compiler rejects is a FilterError with
 * the span of the offending text, so an editor can underline it; nothing else may escape
 * `compileFilter` or `checkFilter` (the property test holds us to that).
 */
export class FilterError extends Error {
  constructor(
    message: string,
    /** Offset of the first offending character in the filter text. */
    readonly start: number,
    /** Offset just past the offending text (`start` when the problem is the end of input). */
    readonly end: number,
    /** A hint such as `Did you mean "ip.src"?`; kept apart so the message stays tshark's. */
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

/** Where a piece of syntax sits in the filter text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function fail(message: string, span: Span, suggestion?: string): never {
  throw new FilterError(message, span.start, span.end, suggestion);
}
