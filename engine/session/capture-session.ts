import {
  CaptureState, dissectFrame, dissectInto, dissectorTables, dissectTree, type ColumnInfo, type DetailTree, type FieldSink, type FrameInfo, type NetworkAddresses, type PacketContext,
} from '../../dissectors/index.js';
import { openCaptureFile, type CaptureFile, type PacketRecord } from '../formats/index.js';
import { PacketStore, SummarySink } from '../store/index.js';
import { fillFrameFromRecord } from './record-frame.js';
import { frameBytesReader } from '../../dissectors/proto/tcp-reassembly.js';

export interface IndexProgress {
  frames: number;
  bytesRead: number;
  totalBytes: number;
}

export interface IndexOptions {
  signal?: AbortSignal;
  onProgress?: (progress: IndexProgress) => void;
}

/**
 * An open capture file and everything known about it: the columnar store filled by the
 * summary path, and the capture state (conversations, per-frame analysis) recorded in the
 * one in-order pass. The tree path reads bytes back from the file by offset.
 */
export class CaptureSession {
  readonly store = new PacketStore();
  readonly state = new CaptureState();
  private readonly summarySink = new SummarySink(this.store);
  private warning: string | null = null;

  private constructor(
    readonly path: string,
    readonly file: CaptureFile,
  ) {}

  static async open(path: string): Promise<CaptureSession> {
    const session = new CaptureSession(path, await openCaptureFile(path));
    // Reassembled TCP messages are rebuilt from their frames when shown, not kept in memory.
    session.state.get(frameBytesReader).read = (frame) => session.bytes(frame);
    return session;
  }

  /** Index whatever the file holds beyond what was already indexed (all of it, the first time). */
  async index(options: IndexOptions = {}): Promise<{ frames: number; warning: string | null; complete: boolean }> {
    let estimated = false;
    const result = await this.file.scan((record) => this.indexRecord(record), {
      signal: options.signal,
      onProgress: (bytesRead, totalBytes) => {
        // After the first chunk, the frames-per-byte ratio tells roughly how many frames the
        // file holds: reserve for them (plus a margin) instead of doubling repeatedly.
        if (!estimated && bytesRead > 0 && bytesRead < totalBytes) {
          estimated = true;
          this.store.reserve(Math.ceil((this.store.count / bytesRead) * totalBytes * 1.05));
        }
        options.onProgress?.({ frames: this.store.count, bytesRead, totalBytes });
      },
    });
    if (result.warning) this.warning = result.warning;
    return { frames: this.store.count, warning: this.warning, complete: result.complete };
  }

  /**
   * The frame being indexed: one object refilled per record (as `store.frameInfo` would build
   * it), since dissectors read `ctx.frame` only during the call.
   */
  private readonly indexedFrame: FrameInfo = {
    number: 0, seconds: 0, nanoseconds: 0, capturedLength: 0, originalLength: 0, linkType: 0, interfaceId: 0,
    noTimestamp: false, customBlock: undefined, relativeSeconds: 0, deltaSeconds: 0,
  };

  private readonly indexNetwork: NetworkAddresses = {
    family: 0, source: 0, destination: 0, source6: null, destination6: null, hopLimit: 0, finalDestination6: null,
  };

  /**
   * The summary path's context, as `dissectInto` builds it (same fields, same order) but made
   * once: its per-frame parts are reset before each frame instead of allocated.
   */
  private readonly indexContext: PacketContext = {
    frame: this.indexedFrame,
    sink: this.summarySink,
    columns: null,
    tables: dissectorTables(),
    state: this.state,
    firstPass: true,
    network: this.indexNetwork,
    quotedDepth: 0,
  };

  /** The summary path for one record, in file order. */
  private indexRecord(record: PacketRecord): void {
    const store = this.store;
    const index = store.append(record.fileOffset, record.seconds, record.nanoseconds, record.capturedLength, record.originalLength, record.linkType, record.interfaceId, record.hasTimestamp);
    if (record.customBlock) store.customBlocks.set(index, record.customBlock);
    const frame = this.indexedFrame;
    fillFrameFromRecord(frame, index + 1, record);
    frame.relativeSeconds = store.secondsBetween(0, index);
    frame.deltaSeconds = index > 0 ? store.secondsBetween(index - 1, index) : 0;
    const network = this.indexNetwork;
    network.family = 0;
    network.source = 0;
    network.destination = 0;
    network.source6 = null;
    network.destination6 = null;
    network.hopLimit = 0;
    network.finalDestination6 = null;
    this.indexContext.quotedDepth = 0;
    const sink = this.summarySink;
    const data = record.data;
    sink.begin(index, data);
    dissectFrame(this.indexContext, data);
    sink.finish();
  }

  get frameCount(): number {
    return this.store.count;
  }

  get fileWarning(): string | null {
    return this.warning;
  }

  frameInfo(frameNumber: number): FrameInfo {
    return this.store.frameInfo(frameNumber);
  }

  /** The frame's captured bytes, read from the file. */
  bytes(frameNumber: number): Uint8Array {
    const index = frameNumber - 1;
    return this.file.readPacket(this.store.fileOffset[index], this.store.capturedLength[index]);
  }

  /** The tree path: the full detail tree and the columns of one frame. */
  tree(frameNumber: number): { tree: DetailTree; columns: ColumnInfo } {
    return dissectTree(this.frameInfo(frameNumber), this.bytes(frameNumber), this.state);
  }

  /** Re-dissects one frame into any sink (filters, custom columns, row text). */
  dissect(frameNumber: number, sink: FieldSink, columns = false): ColumnInfo | null {
    return this.dissectBytes(frameNumber, this.bytes(frameNumber), sink, columns);
  }

  /** As `dissect`, for a caller that already has the frame's bytes (a sequential re-read). */
  dissectBytes(frameNumber: number, bytes: Uint8Array, sink: FieldSink, columns = false): ColumnInfo | null {
    return dissectInto(sink, this.frameInfo(frameNumber), bytes, this.state, { columns });
  }

  async dispose(): Promise<void> {
    await this.file.close();
  }
}
