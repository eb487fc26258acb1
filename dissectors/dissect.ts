import { CaptureState, ColumnInfo, type DissectorTables, type FieldSink, type FrameInfo, type PacketContext } from './core/index.js';
import { TreeSink, type DetailTree } from './core/tree.js';
import { dissectFrame, dissectorTables } from './proto/index.js';

export interface DissectOptions {
  /** Build the Protocol and Info columns. */
  columns?: boolean;
  /** True for the in-order pass that records per-frame analysis (see CaptureState). */
  firstPass?: boolean;
  /** Dispatch tables to use instead of the full ones (a pass that needs no layer above some table). */
  tables?: DissectorTables;
}

/** Dissects one frame into `sink`; returns the columns when asked for. Never throws on bad bytes. */
export function dissectInto(
  sink: FieldSink,
  frame: FrameInfo,
  data: Uint8Array,
  state: CaptureState,
  options: DissectOptions = {},
): ColumnInfo | null {
  const columns = options.columns ? new ColumnInfo() : null;
  const ctx: PacketContext = {
    frame,
    sink,
    columns,
    tables: options.tables ?? dissectorTables(),
    state,
    firstPass: options.firstPass ?? false,
    network: { family: 0, source: 0, destination: 0, source6: null, destination6: null, hopLimit: 0, finalDestination6: null },
    quotedDepth: 0,
  };
  dissectFrame(ctx, data);
  return columns;
}

/** The tree path for one frame: the whole detail tree plus the columns. */
export function dissectTree(frame: FrameInfo, data: Uint8Array, state: CaptureState, firstPass = false): { tree: DetailTree; columns: ColumnInfo } {
  const sink = new TreeSink(data);
  const columns = dissectInto(sink, frame, data, state, { columns: true, firstPass })!;
  return { tree: sink.result(), columns };
}
