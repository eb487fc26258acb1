import { registry, wsFields, type ExpertSeverity } from '../../dissectors/index.js';
import type { ExpertEntry, ExpertSummary } from '../api/contract.js';
import type { CaptureSession } from '../session/capture-session.js';
import { readWantedFrames } from './frame-reader.js';
import { OccurrenceSink, type Occurrence } from './occurrence-sink.js';

/** Wireshark's expert group names (expert_group_vals). */
const groupNames: Record<string, string> = {
  checksum: 'Checksum', sequence: 'Sequence', response: 'Response', request: 'Request', undecoded: 'Undecoded',
  reassemble: 'Reassemble', protocol: 'Protocol', malformed: 'Malformed', comment: 'Comment', security: 'Security',
};

/**
 * The expert-info summary (`-z expert`): every item of a field declared with `expert`, counted
 * per severity, protocol and summary text, in order of first appearance. Only frames whose
 * protocol stack holds a protocol that declares expert items (or a malformed mark) are dissected.
 */
export async function expertSummary(session: CaptureSession): Promise<ExpertSummary> {
  const store = session.store;
  // The summary pass flagged every frame holding an expert item: dissect only those.
  const wanted = new Uint8Array(store.count);
  for (let index = 0; index < store.count; index++) wanted[index] = store.hasExpert(index) ? 1 : 0;

  const entries: ExpertEntry[] = [];
  const keys = new Map<string, ExpertEntry>();
  const sink = new OccurrenceSink([], registry.size, (field) => field.expert !== undefined);
  await readWantedFrames(session, wanted, (index, bytes) => {
    sink.reset(bytes);
    session.dissectBytes(index + 1, bytes, sink);
    for (const occurrence of sink.occurrences) {
      const { severity, group, protocol, summary } = describe(occurrence);
      // tshark merges items of one severity by protocol and summary (the first one's group stays).
      const key = `${severity}|${protocol}|${summary}`;
      const entry = keys.get(key);
      if (entry) entry.count++;
      else {
        const created: ExpertEntry = { severity, group, protocol, summary, count: 1, firstFrame: index + 1 };
        keys.set(key, created);
        entries.push(created);
      }
    }
  });
  return { entries };
}

function describe(occurrence: Occurrence): { severity: ExpertSeverity; group: string; protocol: string; summary: string } {
  const expert = occurrence.field.expert!;
  const group = groupNames[expert.group] ?? expert.group;
  if (occurrence.field === wsFields.malformed) {
    // Our label names the protocol that ran out of bytes: "[Malformed Packet: DNS]".
    const protocol = /: (.*)\]$/.exec(occurrence.label ?? '')?.[1] ?? occurrence.protocol;
    return { severity: expert.severity, group, protocol, summary: 'Malformed Packet (Exception occurred)' };
  }
  const summary = (occurrence.label ?? occurrence.field.name).replace(/^\[(.*)\]$/, '$1');
  return { severity: expert.severity, group, protocol: occurrence.protocol, summary };
}
