/**
 * Known differences from tshark, shared by the differential tests. Each gap names one capture,
 * the fields (or filters) it covers, optionally the frames, and why it exists. A gap that no
 * longer matches anything is reported as stale, so the lists stay honest: fix the code, then
 * delete the entry.
 */
export interface KnownGap {
  capture: string;
  /** Field abbrevs, `proto.*` for every field of one protocol, or filter texts (filters test). */
  fields: readonly string[];
  /** The frames it covers; every frame of the capture when absent. */
  frames?: readonly number[];
  reason: string;
  /**
   * Set when another engineer is closing this gap right now (TCP analysis and reassembly): a
   * stale entry then only shows in the report, so their landing does not fail this test; the
   * next edit of the list removes it.
   */
  inProgress?: boolean;
}

export class KnownGapList {
  private readonly used = new Set<KnownGap>();

  constructor(private readonly gaps: readonly KnownGap[]) {}

  /** The gap that explains this difference, if any (and remembers that it was needed). */
  find(capture: string, field: string, frame?: number): KnownGap | undefined {
    const gap = this.gaps.find((candidate) => candidate.capture === capture
      && candidate.fields.some((pattern) => pattern === field || (pattern.endsWith('.*') && field.startsWith(pattern.slice(0, -1))))
      && (candidate.frames === undefined || frame === undefined || candidate.frames.includes(frame)));
    if (gap) this.used.add(gap);
    return gap;
  }

  /** Gaps that explained nothing in this run: the difference is gone, so the entry must go. */
  stale(): string[] {
    return this.gaps.filter((gap) => !this.used.has(gap) && !gap.inProgress).map((gap) => `stale known gap: ${describe(gap)}`);
  }

  /** Stale gaps of work in progress elsewhere: reported, not failed. */
  resolvedInProgress(): string[] {
    return this.gaps.filter((gap) => !this.used.has(gap) && gap.inProgress).map((gap) => `resolved (remove the entry): ${describe(gap)}`);
  }

  /** One line per gap that was needed, then the in-progress gaps that were not, for the report. */
  summary(counts: ReadonlyMap<KnownGap, number>): string[] {
    return [
      ...this.gaps.filter((gap) => this.used.has(gap)).map((gap) => `known gap (${counts.get(gap) ?? 0}): ${describe(gap)}`),
      ...this.resolvedInProgress(),
    ];
  }
}

function describe(gap: KnownGap): string {
  return `${gap.capture} [${gap.fields.join(', ')}]${gap.frames ? ` #${gap.frames.join(',')}` : ''}: ${gap.reason}`;
}

/** Counts how many differences each gap explained. */
export function countGap(counts: Map<KnownGap, number>, gap: KnownGap): void {
  counts.set(gap, (counts.get(gap) ?? 0) + 1);
}

/** Reasons shared by several lists. */
export const reasons = {
  tcpReassembly: 'needs TCP reassembly (issue 4, in progress): tshark shows "[TCP segment of a reassembled PDU]" until the segment that completes a message, and the message (HTTP with its body\'s media type, DNS over TCP) on that one',
  ipReassembly: 'needs IPv4/IPv6 fragment reassembly (in progress with TCP reassembly): tshark decodes the datagram on the last fragment',
  tcpWindowScaling: 'TCP analysis (issue 4): window scaling taken from the SYN of an earlier, reused connection',
  accEcn: 'TCP (issue 4): AccECN (ACE counter, AccECN options) not decoded',
  mptcp: 'TCP (issue 4): MPTCP options not decoded (tshark names the protocol MPTCP)',
  notImplemented: (protocol: string) => `${protocol} not implemented`,
} as const;
