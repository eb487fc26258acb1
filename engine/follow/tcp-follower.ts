import type { FollowEndpoint, FollowSegment } from '../api/contract.js';
import type { TransportLayer } from '../stats/transport-layers.js';

const flagSyn = 0x002;

/** Sequence-space comparisons (RFC 9293 §3.4: modulo 2^32). */
const lessThan = (a: number, b: number) => ((a - b) | 0) < 0;
const greaterThan = (a: number, b: number) => ((a - b) | 0) > 0;

interface Piece extends FollowSegment {
  /** Sequence number of the first byte. */
  sequence: number;
}

const encoder = new TextEncoder();

/**
 * Puts one TCP conversation's segments in order the way Wireshark 4.0's Follow TCP Stream does:
 * per direction, the next expected sequence number; a segment that starts there extends the
 * stream, one that starts earlier contributes only its unseen tail (retransmissions and
 * overlaps drop out), one that starts later waits as a fragment until the gap is filled. When
 * the other side acknowledges bytes never captured, a placeholder
 * "[N bytes missing in capture file]" (with its trailing NUL, as tshark) stands in for them.
 */
export class TcpFollower {
  client: FollowEndpoint | null = null;
  server: FollowEndpoint | null = null;
  private readonly segments: Piece[] = [];
  /** Next expected sequence number per direction (0: client, 1: server). */
  private readonly nextSequence = [0, 0];
  private readonly written = [0, 0];
  private readonly fragments: Piece[][] = [[], []];

  add(frame: number, layer: TransportLayer): void {
    let sequence = layer.sequence;
    let length = layer.segmentLength;
    if (layer.flags & flagSyn) sequence = (sequence + 1) >>> 0;
    if (this.client === null) {
      this.client = { address: layer.source, port: layer.sourcePort };
      this.server = { address: layer.destination, port: layer.destinationPort };
    }
    const side = layer.source === this.client.address && layer.sourcePort === this.client.port ? 0 : 1;
    const other = 1 - side;
    // This segment may acknowledge bytes of the other direction that were never captured.
    while (this.fragments[other].length > 0 && this.placeFragment(other, layer.acknowledgment, frame, true));

    if (this.written[side] === 0 && this.nextSequence[side] === 0) this.nextSequence[side] = sequence;
    const expected = this.nextSequence[side];
    let dataOffset = 0;
    let dataLength = layer.payload.length;
    if (lessThan(sequence, expected)) {
      const end = (sequence + length) >>> 0;
      if (greaterThan(end, expected)) {
        dataOffset = (expected - sequence) >>> 0;
        dataLength = dataLength <= dataOffset ? 0 : dataLength - dataOffset;
        sequence = expected;
        length = (end - expected) >>> 0;
      }
    }
    if (dataLength === 0 || lessThan(sequence, expected)) return;
    const piece: Piece = { frame, fromServer: side === 1, offset: 0, bytes: layer.payload.slice(dataOffset, dataOffset + dataLength), missing: false, sequence };
    if (sequence === expected) {
      this.nextSequence[side] = (expected + length) >>> 0;
      this.written[side] += piece.bytes.length;
      this.segments.push(piece);
      while (this.placeFragment(side, 0, frame, false));
    } else {
      this.fragments[side].push(piece);
    }
  }

  finish(): FollowSegment[] {
    return this.segments.map(({ sequence: _sequence, ...segment }) => segment);
  }

  /**
   * Tries to move one waiting fragment of `side` into the stream; true when something changed.
   * `supplementary`: called for a segment of the other direction that acknowledges `acknowledged`.
   */
  private placeFragment(side: number, acknowledged: number, frame: number, supplementary: boolean): boolean {
    const waiting = this.fragments[side];
    if (waiting.length === 0) return false;
    const expected = this.nextSequence[side];
    let lowest = waiting[0].sequence;
    for (let position = 0; position < waiting.length; position++) {
      const fragment = waiting[position];
      if (greaterThan(lowest, fragment.sequence)) lowest = fragment.sequence;
      if (lessThan(fragment.sequence, expected)) {
        // Partly or wholly seen already: keep only what lies beyond the expected number.
        const end = (fragment.sequence + fragment.bytes.length) >>> 0;
        if (greaterThan(end, expected)) {
          const skip = (expected - fragment.sequence) >>> 0;
          if (fragment.bytes.length > skip) {
            this.segments.push({ ...fragment, bytes: fragment.bytes.slice(skip), sequence: expected });
          }
          this.nextSequence[side] = (expected + fragment.bytes.length - skip) >>> 0;
        }
        waiting.splice(position, 1);
        return true;
      }
      if (fragment.sequence === expected) {
        if (fragment.bytes.length > 0) this.segments.push(fragment);
        this.nextSequence[side] = (expected + fragment.bytes.length) >>> 0;
        waiting.splice(position, 1);
        return true;
      }
    }
    if (!supplementary || !greaterThan(acknowledged, lowest)) return false;
    // The receiver acknowledged data the capture lacks: a placeholder, then carry on from `lowest`.
    const text = `[${(lowest - expected) | 0} bytes missing in capture file]`;
    const bytes = new Uint8Array(text.length + 1);
    bytes.set(encoder.encode(text));
    this.segments.push({ frame, fromServer: side === 1, offset: 0, bytes, missing: true, sequence: lowest });
    this.nextSequence[side] = lowest;
    return true;
  }
}
