/**
 * `-T fields` in one streaming pass: read the file once, and per packet dissect into a sink that
 * keeps only the filter's and the -e fields, evaluate the filter, print the row. No store, no
 * capture state, nothing kept per frame, so time and memory do not grow with the file beyond
 * the output. Only for commands whose fields one frame alone determines (stateless-fields.ts);
 * the others take the full in-order pass.
 */
import { CaptureState, DissectorTable, dissectInto, dissectorTables, type DissectorTables, type Field, type FrameInfo } from '../../dissectors/index.js';
import type { CompiledFilter } from '../../dissectors/filter/index.js';
import { openCaptureFile, type PacketRecord } from '../formats/index.js';
import { resolveFields } from '../session/field-text-sink.js';
import { secondsBetween, type PacketTime } from '../session/in-order-pass.js';
import { fillFrameFromRecord } from '../session/record-frame.js';
import type { DissectArguments } from './arguments.js';
import { fieldsRow } from './fields-row.js';
import type { BufferedOutput } from './output.js';
import { captureStateReason, streamableColumns } from './stateless-fields.js';
import { StreamFieldSink } from './stream-sink.js';

/** What the streaming pass needs: each -e name as a field or a column name, and the filter. */
export interface StreamPlan {
  columns: ReadonlyArray<Field | string>;
  filter: CompiledFilter | null;
}

/**
 * The plan for printing `options` in a streaming pass, or the reason the command needs the full
 * pass (a stateful field or column, or output other than -T fields). Throws UnknownFieldError
 * for an -e name that is no field, as the full pass would.
 */
export function streamingPlan(options: DissectArguments, filter: CompiledFilter | null): StreamPlan | string {
  if (options.outputFormat !== 'fields') return `-T ${options.outputFormat} prints columns that need the full pass`;
  const columns = options.fields.map((name) => (name.startsWith('_ws.col.') ? name : resolveFields([name])[0]));
  for (const column of columns) {
    if (typeof column === 'string' && !streamableColumns.has(column)) return `${column} needs the full pass`;
  }
  const fields = [...(filter?.fields ?? []), ...columns.filter((column): column is Field => typeof column !== 'string')];
  return captureStateReason(fields) ?? { columns, filter };
}

export type StreamOutcome =
  | { handedOver: false; code: number; warning: string | null }
  /** The file needs capture state after all (IP fragments): `printed` rows are out, the full pass goes on from there. */
  | { handedOver: true; printed: number; atFrame: number };

/** Prints `path`'s rows (header excluded) to `output`; flushes before returning. */
export async function printFieldsStreaming(plan: StreamPlan, options: DissectArguments, path: string, output: BufferedOutput): Promise<StreamOutcome> {
  const { columns, filter } = plan;
  const printedFields = columns.filter((column): column is Field => typeof column !== 'string');
  const sink = new StreamFieldSink([...(filter?.fields ?? []), ...printedFields]);
  // Stays empty: with firstPass false no dissector tracks or records anything.
  const state = new CaptureState();
  const tables = headerLayerTables();
  const limit = options.count ?? Infinity;
  const stop = new AbortController();
  const frame: FrameInfo = { number: 0, seconds: 0, nanoseconds: 0, capturedLength: 0, originalLength: 0, linkType: 0, interfaceId: 0 };
  // Two reused times, swapped per packet: nothing allocated per frame.
  let first: PacketTime | null = null;
  let time: PacketTime = { seconds: 0, nanoseconds: 0 };
  let previous: PacketTime = { seconds: 0, nanoseconds: 0 };
  let printed = 0;
  let handedOverAt = 0;
  const cells: string[][] = columns.map(() => []);
  const onRecord = (record: PacketRecord): void => {
    if (stop.signal.aborted) return;
    time.seconds = record.seconds;
    time.nanoseconds = record.nanoseconds;
    first ??= { ...time };
    fillFrameFromRecord(frame, frame.number + 1, record);
    frame.relativeSeconds = secondsBetween(first, time);
    frame.deltaSeconds = frame.number > 1 ? secondsBetween(previous, time) : 0;
    const swap = previous;
    previous = time;
    time = swap;
    sink.reset(record.data);
    dissectInto(sink, frame, record.data, state, { columns: false, firstPass: false, tables });
    if (sink.fragmentSeen) {
      handedOverAt = frame.number;
      stop.abort();
      return;
    }
    // -c N reads N packets, as tshark, however many of them pass -Y.
    if (frame.number >= limit) stop.abort();
    if (filter !== null && !filter.evaluate(sink)) return;
    columns.forEach((column, index) => { cells[index] = typeof column === 'string' ? [columnText(column, frame)] : sink.texts(column); });
    output.line(fieldsRow(options, cells));
    printed++;
  };
  const file = await openCaptureFile(path);
  try {
    const result = await file.scan(onRecord, { signal: stop.signal });
    output.flush();
    if (handedOverAt > 0) return { handedOver: true, printed, atFrame: handedOverAt };
    return { handedOver: false, code: result.warning ? 2 : 0, warning: result.warning ?? null };
  } finally {
    await file.close();
  }
}

/**
 * The dispatch tables without the TCP port table: a streaming pass wants only header-layer
 * fields, and what TCP carries (HTTP, DNS over TCP) never carries those layers again, so the
 * payload need not be dissected (a tenth of the work on web traffic). UDP keeps its table: it
 * carries tunnels (VXLAN) whose inner headers filters do see. The corpus test of this pass
 * (stream-fields.test.ts) would catch a protocol added over TCP that carries lower layers.
 */
function headerLayerTables(): DissectorTables {
  return { ...dissectorTables(), tcpPort: new DissectorTable('tcp.port') };
}

function columnText(name: string, frame: FrameInfo): string {
  return String(name === '_ws.col.No.' ? frame.number : frame.originalLength);
}
