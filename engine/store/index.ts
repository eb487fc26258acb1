export { PacketStore } from './packet-store.js';
export { SummarySink } from './summary-sink.js';
export type { ProtocolStack } from './protocol-stacks.js';
export type { FieldColumn } from './columns.js';
