/**
 * `-z` for the dissect command: Follow Stream and the statistics tshark prints after reading a
 * file. The file is opened as the app opens it (index once, columns), then each statistic is
 * computed from the session and printed in tshark 4.0's layout.
 */
import { writeSync } from 'node:fs';
import type { ConversationKind, FollowEndpoint, FollowRequest } from '../api/contract.js';
import { followStream } from '../follow/follow-stream.js';
import { formatFollow, type FollowMode } from '../follow/follow-text.js';
import { CaptureSession } from '../session/capture-session.js';
import { conversations, endpoints } from '../stats/conversations.js';
import { expertSummary } from '../stats/expert.js';
import { formatConversations, formatEndpoints, formatExpert, formatIoStatistics, formatProtocolHierarchy } from '../stats/stats-text.js';
import { ioStatistics } from '../stats/io-statistics.js';
import { protocolHierarchy } from '../stats/protocol-hierarchy.js';
import { UsageError, type DissectArguments } from './arguments.js';

const conversationKinds: readonly ConversationKind[] = ['eth', 'ip', 'ipv6', 'tcp', 'udp'];

/** A parsed `-z` argument: how to compute it and print it from an indexed session. */
type Statistic = (session: CaptureSession) => Promise<string>;

/**
 * Runs the `-z` statistics over `path`. Unless `-q`, `printPackets` first prints the packet
 * lines, as tshark does before its statistics.
 */
export async function statisticsCommand(options: DissectArguments, path: string, printPackets: ((options: DissectArguments, path: string) => Promise<number>) | null): Promise<number> {
  const statistics = options.statistics.map(parseStatistic);
  if (printPackets) {
    const status = await printPackets(options, path);
    if (status !== 0) return status;
  }
  const session = await CaptureSession.open(path);
  try {
    const { warning } = await session.index();
    for (const statistic of statistics) writeSync(1, await statistic(session));
    if (warning && !printPackets) {
      writeSync(2, `dissect: ${warning}\n`);
      return 2;
    }
    return 0;
  } finally {
    await session.dispose();
  }
}

export function parseStatistic(argument: string): Statistic {
  const parts = argument.split(',');
  const [name, kind] = parts;
  if (name === 'follow') return parseFollow(argument, parts);
  if (name === 'io' && kind === 'phs') {
    const filter = optionalFilter(parts, 2);
    return async (session) => formatProtocolHierarchy(await protocolHierarchy(session, filter), filter);
  }
  if (name === 'io' && kind === 'stat') {
    const interval = Number(parts[2]);
    if (!(interval >= 0)) throw new UsageError(`invalid -z "${argument}": io,stat needs an interval in seconds (0: the whole capture)`);
    const filters = parts.slice(3);
    return async (session) => formatIoStatistics(await ioStatistics(session, interval, filters));
  }
  if ((name === 'conv' || name === 'endpoints') && conversationKinds.includes(kind as ConversationKind)) {
    const filter = optionalFilter(parts, 2);
    const table = kind as ConversationKind;
    return name === 'conv'
      ? async (session) => formatConversations(table, await conversations(session, table, filter), filter)
      : async (session) => formatEndpoints(table, await endpoints(session, table, filter), filter);
  }
  if (name === 'expert' && parts.length === 1) return async (session) => formatExpert(await expertSummary(session));
  throw new UsageError(`invalid -z "${argument}": supported are follow,tcp|udp,ascii|hex|raw,N; io,phs; io,stat,INTERVAL[,FILTER…]; conv,TYPE; endpoints,TYPE (TYPE: ${conversationKinds.join('|')}); expert`);
}

function optionalFilter(parts: readonly string[], from: number): string | null {
  return parts.length > from ? parts.slice(from).join(',') : null;
}

/** `follow,tcp|udp,ascii|hex|raw,N` or `…,ADDRESS:PORT,ADDRESS:PORT` (IPv6 in brackets). */
function parseFollow(argument: string, parts: readonly string[]): Statistic {
  const [, protocol, mode] = parts;
  const usageText = `invalid -z "${argument}": use follow,tcp|udp,ascii|hex|raw,STREAM or …,ADDRESS:PORT,ADDRESS:PORT`;
  if ((protocol !== 'tcp' && protocol !== 'udp') || (mode !== 'ascii' && mode !== 'hex' && mode !== 'raw')) throw new UsageError(usageText);
  const rest = parts.slice(3);
  let request: FollowRequest;
  if (rest.length === 1 && /^\d+$/.test(rest[0])) request = { protocol, stream: Number(rest[0]) };
  else if (rest.length === 2) request = { protocol, endpoints: [parseEndpoint(rest[0], usageText), parseEndpoint(rest[1], usageText)] };
  else throw new UsageError(usageText);
  return async (session) => formatFollow(await followStream(session, request), mode as FollowMode);
}

function parseEndpoint(text: string, usageText: string): FollowEndpoint {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|(\d+\.\d+\.\d+\.\d+)):(\d+)$/.exec(text);
  if (!match) throw new UsageError(usageText);
  return { address: (match[1] ?? match[2]).toLowerCase(), port: Number(match[3]) };
}
