import type { PacketContext } from '../core/index.js';

/**
 * Runs `dissect` on a datagram quoted inside an ICMP or ICMPv6 error (Wireshark's
 * in_error_pkt): the columns stay as the error message set them, conversation tracking is
 * off (`quotedDepth > 0`), and the outer network addresses come back afterwards. A bounds
 * error still propagates, as it does in Wireshark, after the state is restored.
 */
export function dissectQuoted(ctx: PacketContext, dissect: () => void): void {
  const columns = ctx.columns;
  const writable = columns?.writable ?? true;
  const network = { ...ctx.network };
  if (columns) columns.writable = false;
  ctx.quotedDepth++;
  try {
    dissect();
  } finally {
    ctx.quotedDepth--;
    if (columns) columns.writable = writable;
    Object.assign(ctx.network, network);
  }
}
