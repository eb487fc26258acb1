import { addressColumnFields, addressColumns } from '../session/address-columns.js';
import type { CaptureSession } from '../session/capture-session.js';
import { FieldTextSink } from '../session/field-text-sink.js';
import { FilterFieldSink } from '../../dissectors/filter/index.js';
import type { Field } from '../../dissectors/index.js';
import { TeeSink } from '../session/tee-sink.js';
import { ColoringRules } from './coloring.js';
import type { PacketRow } from './contract.js';

let sharedRules: ColoringRules | undefined;

/** The default rules, compiled once per process. */
export function defaultRules(): ColoringRules {
  sharedRules ??= new ColoringRules();
  return sharedRules;
}

/**
 * Makes packet-list rows for the frames on screen: each is re-dissected for its Source,
 * Destination, Protocol and Info, which the store deliberately does not keep (DESIGN.md:
 * strings only for rows on screen).
 */
export class RowMaker {
  private readonly texts = new FieldTextSink(addressColumnFields());
  private coloring: FilterFieldSink;
  /** Custom columns ("Apply as Column"): every occurrence of each field, joined by ',' as Wireshark does. */
  private custom = new FieldTextSink([]);
  private sink: TeeSink;

  constructor(private readonly session: CaptureSession, private rules: ColoringRules = defaultRules()) {
    this.coloring = new FilterFieldSink(rules.fields);
    this.sink = new TeeSink(new TeeSink(this.texts, this.coloring), this.custom);
  }

  setCustomFields(fields: readonly Field[]): void {
    this.custom = new FieldTextSink(fields);
    this.sink = new TeeSink(new TeeSink(this.texts, this.coloring), this.custom);
  }

  /** The user's colouring rules: rows made from now on carry an index into them. */
  setColoringRules(rules: ColoringRules): void {
    this.rules = rules;
    this.coloring = new FilterFieldSink(rules.fields);
    this.sink = new TeeSink(new TeeSink(this.texts, this.coloring), this.custom);
  }

  row(frame: number, displayedIndex: number): PacketRow {
    const store = this.session.store;
    const index = frame - 1;
    const bytes = this.session.bytes(frame);
    this.texts.reset(bytes);
    this.coloring.reset(bytes);
    this.custom.reset(bytes);
    const columns = this.session.dissectBytes(frame, bytes, this.sink, true)!;
    const { source, destination } = addressColumns(this.texts);
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
      colorRule: this.rules.match(this.coloring),
      marked: store.isMarked(index),
      custom: this.custom.texts.map((texts) => texts.join(',')),
    };
  }
}
