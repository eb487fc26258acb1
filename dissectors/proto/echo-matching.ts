import type { PacketContext } from '../core/index.js';

/**
 * Echo request/reply matching shared by ICMP and ICMPv6, as Wireshark does it
 * (packet-icmp.c transaction_start/transaction_end).
 *
 * First pass, in file order: a request opens a transaction under its key (replacing an older
 * unanswered one with the same key); a reply closes the open transaction with its key unless
 * that one already has a reply. Both frames then point at the transaction. Later dissections
 * look the frame up: a request learns its reply ("reply in N"), or that none came.
 */
export interface EchoTransaction {
  readonly requestFrame: number;
  /** Seconds since the epoch (fractional) of the request. */
  readonly requestTime: number;
  responseFrame: number;
}

export class EchoMatcher {
  private readonly open = new Map<string, EchoTransaction>();
  private readonly byFrame = new Map<number, EchoTransaction>();

  /** Called for a request; returns the transaction when a reply is already known (later passes). */
  request(ctx: PacketContext, key: string): EchoTransaction | undefined {
    if (ctx.firstPass) {
      const transaction: EchoTransaction = { requestFrame: ctx.frame.number, requestTime: frameTime(ctx), responseFrame: 0 };
      this.open.set(key, transaction);
      return undefined;
    }
    return this.byFrame.get(ctx.frame.number);
  }

  /** Called for a reply; returns the matched transaction, if any. */
  reply(ctx: PacketContext, key: string): EchoTransaction | undefined {
    if (!ctx.firstPass) return this.byFrame.get(ctx.frame.number);
    const transaction = this.open.get(key);
    if (transaction === undefined || transaction.responseFrame !== 0) return undefined;
    transaction.responseFrame = ctx.frame.number;
    this.byFrame.set(transaction.requestFrame, transaction);
    this.byFrame.set(ctx.frame.number, transaction);
    return transaction;
  }
}

export function frameTime(ctx: PacketContext): number {
  return ctx.frame.seconds + ctx.frame.nanoseconds / 1e9;
}
