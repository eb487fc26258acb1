import { addressColumnFields, addressColumns } from '../session/address-columns.js';
import type { CaptureSession } from '../session/capture-session.js';
import { FieldTextSink } from '../session/field-text-sink.js';
import type { PacketRow } from './contract.js';

/**
 * Makes packet-list rows for the frames on screen: each is re-dissected for its Source,
 * Destination, Protocol and Info, which the store deliberately does not keep (DESIGN.md:
 * strings only for rows on screen).
 */
export class RowMaker {
  private readonly sink = new FieldTextSink(addressColumnFields());

  constructor(private readonly session: CaptureSession) {}

  row(frame: number, displayedIndex: number): PacketRow {
    const store = this.session.store;
    const index = frame - 1;
    const bytes = this.session.bytes(frame);
    this.sink.reset(bytes);
    const columns = this.session.dissect(frame, this.sink, true)!;
    const { source, destination } = addressColumns(this.sink);
    const time = store.time(index);
    return {
      displayedIndex,
      frame,
      timeEpoch: time,
      timeRelative: time - store.time(0),
      timeDelta: index > 0 ? time - store.time(index - 1) : 0,
      source,
      destination,
      protocol: columns.protocol,
      length: store.originalLength[index],
      info: columns.info,
      colorRule: -1,
      marked: store.isMarked(index),
      custom: [],
    };
  }
}
