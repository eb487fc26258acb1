import { followStream } from '../follow/follow-stream.js';
import type { CaptureSession } from '../session/capture-session.js';
import { conversations, endpoints } from '../stats/conversations.js';
import { expertSummary } from '../stats/expert.js';
import { ioStatistics } from '../stats/io-statistics.js';
import { protocolHierarchy } from '../stats/protocol-hierarchy.js';
import type { FollowEndpoint, FollowRequest, StatisticsApi } from './contract.js';
import { InvalidArgumentError, requireInteger, requireOneOf, requireString } from './validate.js';

const conversationKinds = ['eth', 'ip', 'ipv6', 'tcp', 'udp'] as const;
const maxIoFilters = 8;
/** Intervals from a millisecond to a day; finer than the capture's span only costs rows. */
const minInterval = 0.001;
const maxInterval = 86_400;

function requireEndpoint(value: unknown, name: string): FollowEndpoint {
  if (value === null || typeof value !== 'object') throw new InvalidArgumentError(`${name} must be an address and a port`);
  const endpoint = value as Record<string, unknown>;
  return { address: requireString(endpoint.address, `${name}.address`, 64), port: requireInteger(endpoint.port, `${name}.port`, 0, 65535) };
}

/** Checks a Follow Stream request field by field (it arrives from an untrusted renderer). */
export function requireFollowRequest(value: unknown): FollowRequest {
  if (value === null || typeof value !== 'object') throw new InvalidArgumentError('request must be an object');
  const request = value as Record<string, unknown>;
  const protocol = requireOneOf(request.protocol, 'protocol', ['tcp', 'udp'] as const);
  if ('stream' in request) return { protocol, stream: requireInteger(request.stream, 'stream', 0, 0xffffffff) };
  if (!Array.isArray(request.endpoints) || request.endpoints.length !== 2) throw new InvalidArgumentError('endpoints must be two address/port pairs');
  return { protocol, endpoints: [requireEndpoint(request.endpoints[0], 'endpoints[0]'), requireEndpoint(request.endpoints[1], 'endpoints[1]')] };
}

/** Follow Stream and the Statistics menu over the open capture (engine/follow, engine/stats). */
export function statisticsApi(session: () => CaptureSession): StatisticsApi {
  return {
    async followStream(request) {
      const checked = requireFollowRequest(request);
      return followStream(session(), checked);
    },
    async protocolHierarchy() {
      return protocolHierarchy(session());
    },
    async conversations(kind) {
      return conversations(session(), requireOneOf(kind, 'kind', conversationKinds));
    },
    async endpoints(kind) {
      return endpoints(session(), requireOneOf(kind, 'kind', conversationKinds));
    },
    async ioStatistics(interval, filters) {
      if (typeof interval !== 'number' || !(interval >= minInterval && interval <= maxInterval)) {
        throw new InvalidArgumentError(`interval must be a number of seconds from ${minInterval} to ${maxInterval}`);
      }
      if (!Array.isArray(filters) || filters.length > maxIoFilters) throw new InvalidArgumentError(`filters must be a list of at most ${maxIoFilters} filters`);
      return ioStatistics(session(), interval, filters.map((filter, index) => requireString(filter, `filters[${index}]`)));
    },
    async expertSummary() {
      return expertSummary(session());
    },
  };
}
