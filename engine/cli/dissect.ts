/**
 * `npm run dissect -- …`: a tshark-like command line over the same engine the app uses.
 * Every failure is one line on stderr and a non-zero exit code, never a stack trace.
 */
import { writeSync } from 'node:fs';
import { compileFilter, FilterError } from '../../dissectors/filter/index.js';
import { CaptureFileError, type CaptureInfo } from '../formats/index.js';
import { runFilter } from '../filter/run-filter.js';
import { CaptureSession } from '../session/capture-session.js';
import { exportFrames, formatForPath } from '../session/export.js';
import { resolveFields, UnknownFieldError } from '../session/field-text-sink.js';
import { dissectInOrder, type FollowGrowing, type PassedFrame } from '../session/in-order-pass.js';
import { parseArguments, usage, UsageError, type DissectArguments } from './arguments.js';
import { captureCommand, listInterfacesCommand } from './capture-command.js';
import { fieldsRow } from './fields-row.js';
import { JsonSink } from './json-output.js';
import { BufferedOutput } from './output.js';
import { statisticsCommand } from './statistics-command.js';
import { printFieldsStreaming, streamingPlan } from './stream-fields.js';
import { formatTextLine, relativeTime } from './text-line.js';

/** Pseudo-fields tshark prints from the packet-list columns. */
const columnFieldNames = ['_ws.col.Protocol', '_ws.col.Info', '_ws.col.No.', '_ws.col.Source', '_ws.col.Destination', '_ws.col.Length'];

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArguments(argv);
  if (options.help) {
    writeSync(1, `${usage}\n`);
    return 0;
  }
  if (options.listInterfaces) return listInterfacesCommand();
  if (options.statistics.length > 0 && options.readFile !== null) return statisticsCommand(options, options.readFile, options.quiet ? null : printPackets);
  if (options.captureInterface !== null) return captureCommand(options, printPackets);
  if (options.readFile === null) throw new UsageError('nothing to read: give -r FILE (capture with -i is not supported yet)');
  if (options.writeFile !== null) return writePackets(options, options.readFile, options.writeFile);
  if (options.outputFormat === 'json') return printJson(options, options.readFile);
  if (options.outputFormat === 'fields') return printFields(options, options.readFile);
  return printPackets(options, options.readFile);
}

/**
 * `-r FILE -T fields`: the streaming pass when one frame alone determines every field the
 * filter and the -e list name (engine/cli/stream-fields.ts), else the full in-order pass.
 * PACKETLENS_DISSECT_PASS=full forces the full pass; PACKETLENS_DISSECT_TRACE=1 says on stderr
 * which pass ran (both for the tests that compare the two).
 */
async function printFields(options: DissectArguments, path: string): Promise<number> {
  const filter = options.displayFilter === null ? null : compileFilter(options.displayFilter);
  const plan = process.env.PACKETLENS_DISSECT_PASS === 'full' ? 'PACKETLENS_DISSECT_PASS=full' : streamingPlan(options, filter);
  if (typeof plan === 'string') {
    trace(`full pass: ${plan}`);
    return printPackets(options, path);
  }
  const output = new BufferedOutput((text) => writeSync(1, text));
  if (options.header) output.line(options.fields.join(options.separator));
  const outcome = await printFieldsStreaming(plan, options, path, output);
  if (!outcome.handedOver) {
    trace('streaming pass');
    if (outcome.warning !== null) writeSync(2, `dissect: ${outcome.warning}\n`);
    return outcome.code;
  }
  trace(`streaming pass handed over to the full pass at frame ${outcome.atFrame} (IP fragment), after ${outcome.printed} rows`);
  return printPackets(options, path, undefined, { rowsPrinted: outcome.printed });
}

function trace(text: string): void {
  if (process.env.PACKETLENS_DISSECT_TRACE === '1') writeSync(2, `dissect: ${text}\n`);
}

/**
 * Opens and indexes `path`, then hands `use` the frames that pass -Y, cut to -c, in file
 * order: the shared first half of -w and -T json, which need the whole file indexed first.
 * Returns 2 when the file ended badly (after `use` ran on what was read), else 0.
 */
async function withSelectedFrames(options: DissectArguments, path: string, use: (session: CaptureSession, frames: Uint32Array) => void): Promise<number> {
  const session = await CaptureSession.open(path);
  try {
    await session.index();
    const matching = options.displayFilter === null
      ? Uint32Array.from({ length: session.frameCount }, (_, index) => index + 1)
      : (await runFilter(session, compileFilter(options.displayFilter))).frames;
    // -c N reads N packets, as tshark: the frames among the first N that pass -Y.
    use(session, options.count === null ? matching : matching.filter((frame) => frame <= options.count!));
    if (session.fileWarning) {
      writeSync(2, `dissect: ${session.fileWarning}\n`);
      return 2;
    }
    return 0;
  } finally {
    await session.dispose();
  }
}

/** `-w OUT`: the packets that pass -Y (and -c), saved in the format -F or OUT's extension asks for. */
function writePackets(options: DissectArguments, path: string, outputPath: string): Promise<number> {
  return withSelectedFrames(options, path, (session, frames) => {
    exportFrames(session, frames, outputPath, options.writeFormat ?? formatForPath(outputPath));
  });
}

/**
 * Prints `path` packet by packet; with `follow`, a live capture's growing file as packets arrive.
 * `continued` carries on after a streaming pass that printed the header and that many rows.
 */
async function printPackets(options: DissectArguments, path: string, follow?: FollowGrowing, continued?: { rowsPrinted: number }): Promise<number> {
  const fields = resolveFields(options.fields.filter((name) => !columnFieldNames.includes(name)));
  const filter = options.displayFilter === null ? undefined : compileFilter(options.displayFilter);
  const needColumns = options.outputFormat === 'text' || options.fields.some((name) => columnFieldNames.includes(name));
  const output = new BufferedOutput((text) => writeSync(1, text));
  let nanosecondFile = false;
  let firstTime = 0;
  let rowsToSkip = continued?.rowsPrinted ?? 0;
  if (options.outputFormat === 'fields' && options.header && continued === undefined) output.line(options.fields.join(options.separator));
  try {
    const following = follow ? { ...follow, caughtUp: () => output.flush() } : undefined;
    const onFile = (info: CaptureInfo): void => { nanosecondFile = info.resolution === 'nanosecond'; };
    const result = await dissectInOrder(path, { fields, columns: needColumns, filter, limit: options.count ?? undefined, onFile, follow: following }, (passed) => {
      const { frame, columns } = passed;
      const time = frame.seconds + frame.nanoseconds / 1e9;
      if (frame.number === 1) firstTime = time;
      // -c N reads N packets, as tshark (the in-order pass's limit counts matching ones).
      if (options.count !== null && frame.number > options.count) return;
      if (rowsToSkip > 0) {
        rowsToSkip--;
        return;
      }
      if (options.outputFormat === 'fields') output.line(fieldsLine(options, passed));
      else if (!options.quiet) output.line(formatTextLine(frame.number, relativeTime(time - firstTime, nanosecondFile), passed.source, passed.destination, columns!.protocol, frame.originalLength, columns!.info));
    });
    output.flush();
    if (result.warning) {
      writeSync(2, `dissect: ${result.warning}\n`);
      return 2;
    }
    return 0;
  } finally {
    output.flush();
  }
}

/** `-T json`: every packet's whole tree, in tshark's layout. */
function printJson(options: DissectArguments, path: string): Promise<number> {
  const output = new BufferedOutput((text) => writeSync(1, text));
  return withSelectedFrames(options, path, (session, frames) => {
    const sink = new JsonSink();
    output.line('[');
    frames.forEach((frame, position) => {
      const bytes = session.bytes(frame);
      sink.reset(bytes);
      session.dissectBytes(frame, bytes, sink);
      const date = new Date(session.store.seconds[frame - 1] * 1000).toISOString().slice(0, 10);
      output.line(`  ${sink.packetJson(date)}${position < frames.length - 1 ? ',' : ''}`);
    });
    output.line(']');
    output.flush();
  });
}

function fieldsLine(options: DissectArguments, passed: PassedFrame): string {
  let fieldIndex = 0;
  return fieldsRow(options, options.fields.map((name) => (columnFieldNames.includes(name) ? [columnText(name, passed)] : passed.fieldTexts[fieldIndex++])));
}

function columnText(name: string, passed: PassedFrame): string {
  switch (name) {
    case '_ws.col.Protocol': return passed.columns?.protocol ?? '';
    case '_ws.col.Info': return passed.columns?.info ?? '';
    case '_ws.col.No.': return String(passed.frame.number);
    case '_ws.col.Source': return passed.source;
    case '_ws.col.Destination': return passed.destination;
    default: return String(passed.frame.originalLength);
  }
}

function describe(error: unknown): string {
  if (error instanceof FilterError) return filterErrorText(error);
  if (error instanceof UsageError || error instanceof UnknownFieldError || error instanceof CaptureFileError) return error.message;
  if (error && typeof error === 'object' && 'code' in error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
    return `The file "${(error as NodeJS.ErrnoException).path ?? ''}" doesn't exist.`;
  }
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    writeSync(2, `dissect: ${describe(error)}\n`);
    process.exitCode = error instanceof UsageError ? 1 : 2;
  },
);

/** A filter error on one line: tshark's message, our suggestion, and where it is. */
function filterErrorText(error: FilterError): string {
  const suggestion = error.suggestion ? ` ${error.suggestion}` : '';
  return `${error.message}${suggestion} (display filter, characters ${error.start + 1}–${Math.max(error.start + 1, error.end)})`;
}
