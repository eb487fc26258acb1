import { registry, wsFields, type ExpertSeverity, type Field } from '../../dissectors/index.js';
import type { ExpertEntry, ExpertSummary } from '../api/contract.js';
import type { CaptureSession } from '../session/capture-session.js';
import { readWantedFrames } from './frame-reader.js';
import { occurrenceNumber, OccurrenceSink, type Occurrence } from './occurrence-sink.js';

/** Wireshark's expert group names (expert_group_vals). */
const groupNames: Record<string, string> = {
  checksum: 'Checksum', sequence: 'Sequence', response: 'Response', request: 'Request', undecoded: 'Undecoded',
  reassemble: 'Reassemble', protocol: 'Protocol', malformed: 'Malformed', comment: 'Comment', security: 'Security',
};

/** Fields read for context: the values some expert summaries quote. */
const contextFields = ['tcp.srcport', 'tcp.dstport', 'tcp.analysis.duplicate_ack_num'];

/**
 * The values of the context fields seen so far in the frame being summarised.
 * -1: not seen yet.
 */
interface FrameContext {
  sourcePort: number;
  destinationPort: number;
  duplicateAckNumber: number;
}

/**
 * Items that need the whole capture ("No response seen" to a request): tshark's one pass over
 * the file never reports them, and the summary pass does not flag their frames.
 */
const laterPassOnly = new Set(['icmp.no_resp', 'icmpv6.no_resp']);

/**
 * Expert items whose summary quotes a value (Wireshark's expert_add_info_format). The expert
 * pass dissects without labels (building every label of every frame would triple its cost),
 * so these few summaries are made here from the context fields, as the TCP dissector words
 * them in the detail tree. Returns null for an occurrence that is not an expert item.
 */
const quotingSummaries: Record<string, (field: Field, context: FrameContext) => string | null> = {
  'tcp.connection.syn': (field, context) => `${field.name}: server port ${context.destinationPort}`,
  'tcp.connection.synack': (field, context) => `${field.name}: server port ${context.sourcePort}`,
  // Wireshark adds tcp.analysis.duplicate_ack twice: a plain item in the analysis flags, then,
  // after the duplicate ACK number, the expert item "Duplicate ACK (#N)". Only the second counts.
  'tcp.analysis.duplicate_ack': (field, context) => (context.duplicateAckNumber < 0 ? null : `${field.name} (#${context.duplicateAckNumber})`),
};

/**
 * The expert-info summary (`-z expert`): every item of a field declared with `expert`, counted
 * per severity, protocol and summary text, in order of first appearance, as tshark's one pass
 * reports them. Only frames the summary pass flagged as holding an expert item are dissected.
 */
export async function expertSummary(session: CaptureSession): Promise<ExpertSummary> {
  const store = session.store;
  const wanted = new Uint8Array(store.count);
  for (let index = 0; index < store.count; index++) wanted[index] = store.hasExpert(index) ? 1 : 0;

  const entries: ExpertEntry[] = [];
  const keys = new Map<string, ExpertEntry>();
  const fields = contextFields.map((abbrev) => registry.find(abbrev)).filter((field): field is Field => field !== undefined);
  const sink = new OccurrenceSink(fields, registry.size, (field) => field.expert !== undefined);
  const frame: FrameContext = { sourcePort: -1, destinationPort: -1, duplicateAckNumber: -1 };
  await readWantedFrames(session, wanted, (index, bytes) => {
    sink.reset(bytes);
    session.dissectBytes(index + 1, bytes, sink);
    frame.sourcePort = -1;
    frame.destinationPort = -1;
    frame.duplicateAckNumber = -1;
    for (const occurrence of sink.occurrences) {
      if (occurrence.field.expert === undefined) {
        remember(frame, occurrence);
        continue;
      }
      // Wireshark's expert tap skips items of the datagram quoted in an ICMP error.
      if (occurrence.quoted || laterPassOnly.has(occurrence.field.abbrev)) continue;
      const item = describe(occurrence, frame);
      if (item === null) continue;
      // tshark merges items of one severity by protocol and summary (the first one's group stays).
      const key = `${item.severity}|${item.protocol}|${item.summary}`;
      const entry = keys.get(key);
      if (entry) entry.count++;
      else {
        const created: ExpertEntry = { ...item, count: 1, firstFrame: index + 1 };
        keys.set(key, created);
        entries.push(created);
      }
    }
  });
  return { entries };
}

function remember(frame: FrameContext, occurrence: Occurrence): void {
  switch (occurrence.field.abbrev) {
    case 'tcp.srcport': frame.sourcePort = occurrenceNumber(occurrence); break;
    case 'tcp.dstport': frame.destinationPort = occurrenceNumber(occurrence); break;
    case 'tcp.analysis.duplicate_ack_num': frame.duplicateAckNumber = occurrenceNumber(occurrence); break;
  }
}

function describe(occurrence: Occurrence, frame: FrameContext): { severity: ExpertSeverity; group: string; protocol: string; summary: string } | null {
  const field = occurrence.field;
  const expert = field.expert!;
  const group = groupNames[expert.group] ?? expert.group;
  if (field === wsFields.malformed) {
    // Our label names the protocol that ran out of bytes: "[Malformed Packet: DNS]".
    const protocol = /: (.*)\]$/.exec(occurrence.label ?? '')?.[1] ?? occurrence.protocol;
    return { severity: expert.severity, group, protocol, summary: 'Malformed Packet (Exception occurred)' };
  }
  const quoting = quotingSummaries[field.abbrev];
  const summary = quoting ? quoting(field, frame) : (occurrence.label ?? field.name).replace(/^\[(.*)\]$/, '$1');
  return summary === null ? null : { severity: expert.severity, group, protocol: occurrence.protocol, summary };
}
