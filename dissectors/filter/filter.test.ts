import { describe, expect, it } from 'vitest';
import { compileFilter, checkFilter, FilterError, FilterFieldSink, type FilterPacket } from './index.js';
import { hexToBytes, TestFields, TestPacket } from './testing.js';

// A private field table with Wireshark's abbrevs and types (never enters the global registry).
const fields = new TestFields();
for (const protocol of ['frame', 'eth', 'ip', 'udp', 'http']) fields.declare(protocol, 'protocol');
fields.declare('eth.dst', 'ether');
fields.declare('eth.src', 'ether');
fields.declare('ip.src', 'ipv4');
fields.declare('ip.dst', 'ipv4');
fields.declare('ip.addr', 'ipv4', { hidden: true });
fields.declare('ip.proto', 'uint8', { values: { 4: 'IPIP', 6: 'TCP', 17: 'UDP' } });
fields.declare('ip.flags.df', 'bool', { trueFalse: ['Set', 'Not set'] });
fields.declare('udp.srcport', 'uint16');
fields.declare('udp.dstport', 'uint16');
fields.declare('udp.port', 'uint16', { hidden: true });
fields.declare('http.request.method', 'string');
fields.declare('frame.len', 'uint32');
fields.declare('frame.time', 'abs_time');
fields.declare('frame.time_delta', 'rel_time');
fields.declare('tcp.analysis.retransmission', 'none');
const lookup = { lookup: fields };

// A: Ethernet / IPv4 10.0.0.5 -> 207.46.134.94 (DF) / UDP 5060 -> 5070 / "HEAD"
const bytesA = hexToBytes(`ffffffffffff 00aa00a3e3a4 0800
  45000020 00014000 40110000 0a000005 cf2e865e
  13c413ce 000c0000 48454144`);
const packetA = new TestPacket(bytesA)
  .add('frame', 0, 46).add('frame.len', 0, 0, 46).add('frame.time_delta', 0, 0, 0.7)
  .add('frame.time', 0, 0, Date.UTC(2002, 11, 31, 13, 55, 31) / 1000 + 0.3)
  .add('eth', 0, 14).add('eth.dst', 0, 6).add('eth.src', 6, 6)
  .add('ip', 14, 20).add('ip.flags.df', 20, 1, true).add('ip.proto', 23, 1, 17)
  .add('ip.src', 26, 4, 0x0a000005).add('ip.addr', 26, 4, 0x0a000005).add('ip.dst', 30, 4).add('ip.addr', 30, 4)
  .add('udp', 34, 8).add('udp.srcport', 34, 2, 5060).add('udp.port', 34, 2, 5060).add('udp.dstport', 36, 2, 5070).add('udp.port', 36, 2, 5070)
  .add('http', 42, 4).add('http.request.method', 42, 4, 'HEAD');

// B: Ethernet / IPv4 1.1.1.1 -> 2.2.2.2 (IPIP) / IPv4 3.3.3.3 -> 4.4.4.4 (TCP), a retransmission
const bytesB = hexToBytes(`001122334455 00aa00000001 0800
  45000028 00020000 40040000 01010101 02020202
  45000014 00030000 40060000 03030303 04040404`);
const packetB = new TestPacket(bytesB)
  .add('frame', 0, 54).add('frame.len', 0, 0, 54).add('frame.time_delta', 0, 0, 0.2)
  .add('eth', 0, 14).add('eth.dst', 0, 6).add('eth.src', 6, 6)
  .add('ip', 14, 40, undefined, 1).add('ip.flags.df', 20, 1, false, 1).add('ip.proto', 23, 1, 4, 1)
  .add('ip.src', 26, 4, 0x01010101, 1).add('ip.addr', 26, 4, 0x01010101, 1).add('ip.dst', 30, 4, 0x02020202, 1).add('ip.addr', 30, 4, 0x02020202, 1)
  .add('ip', 34, 20, undefined, 2).add('ip.flags.df', 40, 1, false, 2).add('ip.proto', 43, 1, 6, 2)
  .add('ip.src', 46, 4, 0x03030303, 2).add('ip.addr', 46, 4, 0x03030303, 2).add('ip.dst', 50, 4, 0x04040404, 2).add('ip.addr', 50, 4, 0x04040404, 2)
  .add('tcp.analysis.retransmission', 0, 0);

// C: Ethernet broadcast carrying ARP, nothing above
const bytesC = hexToBytes('ffffffffffff 00aa00a3e300 0806 00000000');
const packetC = new TestPacket(bytesC)
  .add('frame', 0, 18).add('frame.len', 0, 0, 18).add('frame.time_delta', 0, 0, 1.5)
  .add('eth', 0, 14).add('eth.dst', 0, 6).add('eth.src', 6, 6);

const packets: FilterPacket[] = [packetA, packetB, packetC];

// filter, how many of A, B, C match (worked out by hand from the bytes above)
const evaluationCases: [string, number][] = [
  ['', 3], ['frame', 3], ['ip', 2], ['udp', 1], ['!ip', 1], ['not udp and ip', 1], ['tcp.analysis.retransmission or udp', 2],
  ['ip.src == 10.0.0.5', 1], ['ip.src eq 10.0.0.0/8', 1], ['ip.src == 10.0.0.6/31', 0], ['ip.src == 10.0.0.4/31', 1],
  ['ip.addr == 3.3.3.3', 1], ['ip.addr#2 == 3.3.3.3', 1], ['ip.addr#1 == 3.3.3.3', 0], ['ip.src#[-1] == 3.3.3.3', 1], ['ip.addr#2', 1],
  ['ip.addr != 10.0.0.5', 1], ['ip.addr !== 10.0.0.5', 2], ['ip.addr === 10.0.0.5', 0], ['ip.addr ne 1.1.1.1', 1],
  ['all ip.addr > 1.1.1.1', 1], ['any ip.addr > 3.3.3.3', 2], ['ip.src > 2.0.0.0 && ip.src < 11.0.0.0', 2],
  ['udp.port == 5070', 1], ['udp.port in {80, 5060}', 1], ['udp.port in {5061..5069}', 0], ['udp.port in {5061 .. 5070}', 1],
  ['udp.port not in {5060}', 2], ['all udp.port in {5060, 5070}', 1],
  ['udp.dstport == udp.srcport + 10', 1], ['udp.dstport - 10 == udp.srcport', 1], ['udp.dstport * 2 == 10140', 1],
  ['udp.srcport % 7 == 6', 1], ['udp.dstport == 5060 + 10', 1], ['udp.srcport == udp.dstport bitwise_and 0xfff0 - 6', 0],
  ['udp.dstport >= 4 * {udp.srcport / 4}', 1],
  ['eth.src == 00:aa:00:a3:e3:a4', 1], ['eth.src == 00-aa-00-a3-e3-a4', 1], ['eth.src == 00aa.00a3.e3a4', 1],
  ['eth.src[0:3] == 00:aa:00', 3], ['eth.src[-1] == a4', 1], ['eth.dst == ff:ff:ff:ff:ff:ff', 2], ['eth.src > 00:aa:00:a3:e3:00', 1],
  ['eth.src contains a3:e3', 2], ['eth[12:2] == 08:06', 1],
  ['frame contains "HEAD"', 1], ['frame contains 48:45', 1], ['frame[42:4] == "HEAD"', 1], ['frame[42-45] == 48:45:41:44', 1],
  ['frame[45]', 2], ['frame[-2:] == 41:44', 1], ['frame[0:1,12:2] == ff:08:00', 1], ['frame matches "he.d"', 1],
  ['ip[0] == 45', 2], ['ip[9] == 0x06', 1], ['ip.src[0:1] == 0a', 1], ['ip.src[3] == 5', 1], ['frame[23] & 0x10', 1],
  ['http.request.method == "HEAD"', 1], ['http.request.method == HEAD', 1], ['http.request.method == "\\x48EAD"', 1],
  ['http.request.method == "\\110EAD"', 1], ['http.request.method matches "^he"', 1], ['http.request.method ~ "(?-i)^he"', 0],
  ['upper(http.request.method) == "HEAD"', 1], ['lower(http.request.method) == "head"', 1], ['len(http.request.method) == 4', 1],
  ['http.request.method[1:2] == "EA"', 1], ['http.request.method contains "EA"', 1], ['http.request.method > "HEAC"', 1],
  ['http contains "HEAD"', 1], ['http == "HEAD"', 1],
  ['ip.proto == "UDP"', 1], ['ip.proto == UDP', 1], ['ip.proto == 17', 1], ['ip.proto == 0x11', 1], ['ip.proto == 021', 1],
  ['ip.proto & 0x01', 1], ['ip.proto & 0x04 == 4', 1],
  ['ip.flags.df == 1', 1], ['ip.flags.df == True', 1], ['ip.flags.df == "Set"', 1], ['ip.flags.df == 0', 1], ['ip.flags.df == "Not set"', 1],
  ['count(ip.src) == 2', 1], ['count(ip.addr) == 2', 1], ['count(ip.addr) == 4', 1],
  ['frame.time_delta < 1', 2], ['frame.time_delta in {0.1 .. 0.5}', 1], ['frame.time_delta == 0.7', 1],
  ['frame.time == "Dec 31, 2002 13:55:31.3 UTC"', 1], ['frame.time == "2002-12-31 13:55:31.3Z"', 1], ['frame.time > "2002-12-31T13:55:31Z"', 1],
  ['frame.len > 0x2d', 2], ['frame.len == 046', 0], ['frame.len > \'A\'', 0], ['frame.len >= \'\\x12\'', 3], ['frame.len > 0b101101', 2],
  ['max(udp.srcport, udp.dstport) == 5070', 1], ['min(udp.srcport, udp.dstport) == 5060', 1],
  ['string(frame.len) matches "^4"', 1], ['string(ip.src) == "10.0.0.5"', 1], ['string(eth.src) contains "a3:e3"', 2],
  ['abs(frame.len - 50) == 4', 2], ['udp.dstport == abs(-5070)', 1], ['udp.srcport == -1', 0],
  ['ip.src == 10.0.0.5 and (udp.port == 1 or eth)', 1], ['${private_ipv4:ip.src}', 1], ['${private_ethernet:eth.src}', 0],
  ['frame.len < frame.len + 1', 3], ['.ip.src == 10.0.0.5', 1], ['udp.srcport < udp.dstport < 6000', 1],
];

describe('filter evaluation (suite_dfilter style: filter, matching packets)', () => {
  for (const [filter, expected] of evaluationCases) {
    it(`${filter || '(empty)'} matches ${expected}`, () => {
      const compiled = compileFilter(filter, lookup);
      expect(packets.filter((packet) => compiled.evaluate(packet)).length).toBe(expected);
    });
  }

  it('reads ${field} references from the selected packet', () => {
    const compiled = compileFilter('ip.src == ${ip.src}', lookup);
    expect(packets.filter((packet) => compiled.evaluate(packet, packetA)).length).toBe(1);
    expect(packets.filter((packet) => compiled.evaluate(packet, packetB)).length).toBe(1);
    expect(packets.filter((packet) => compiled.evaluate(packet)).length).toBe(0);
  });

  it('lists every field the filter reads, and exposes the IR', () => {
    const compiled = compileFilter('udp.port == 53 or len(http.request.method) > 3 and ip.src[0] == 0a', lookup);
    expect(compiled.fields.map((field) => field.abbrev).sort()).toEqual(['http.request.method', 'ip.src', 'udp.port']);
    const root = compiled.describe();
    expect(root.kind).toBe('or');
    if (root.kind !== 'or') return;
    expect(root.left).toMatchObject({ kind: 'compare', op: 'eq', quantifier: 'any', left: { kind: 'field' }, right: { kind: 'constant', value: 53 } });
  });
});

describe('filter errors', () => {
  const error = (text: string) => checkFilter(text, lookup);

  it.each([
    ['ip.srcx', 'ip.srcx is neither a field nor a protocol name.', 0, 7],
    ['ip.src == 1.2.3', '"1.2.3" is not a valid hostname or IPv4 address.', 10, 15],
    ['udp.port == 70000', '"70000" too big for this field, maximum 65535.', 12, 17],
    ['udp.port ==', 'Unexpected end of filter expression.', 11, 11],
    ['udp.port = 5', '"=" was unexpected in this context.', 9, 10],
    ['eth.src == 00:11', '"00:11" contains too few bytes to be a valid Ethernet address.', 11, 16],
    ['ip.proto == "foo"', '"foo" cannot be found among the possible values for ip.proto.', 12, 17],
    ['frame.len == "foo"', 'Unsigned integer (4 bytes) cannot be converted from a string ("foo").', 13, 18],
    ['udp.port contains 1', 'udp.port (type=Unsigned integer (2 bytes)) cannot participate in contains comparison.', 0, 8],
    ['udp.port[1] == 0xc3', '"udp.port" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes.', 0, 8],
    ['tcp.analysis.retransmission == 1', 'tcp.analysis.retransmission (type=Label) cannot participate in == comparison.', 0, 27],
    ['frame[0:2', 'The right bracket was missing from a slice.', 5, 9],
    ['http.request.method == "HEAD', 'The final quote was missing from a quoted string.', 23, 28],
    ['len(http.request.method)', 'You cannot test whether a function is present.', 0, 24],
    ['6 == ip.proto', 'Left side of "==" expression must be a field or function, not 6.', 0, 1],
    ['1 + 2 == frame.len', 'Constant arithmetic expression on the LHS is invalid.', 0, 5],
    ['frame.time == "Dec 31, 2002 13:56:31.3 WET"', 'Unexpected data after time value.', 14, 43],
    ['ip.src == 1.1.1.1 xor ip.dst == 1.1.1.1', '"xor" was unexpected in this context.', 18, 21],
    ['upper(frame.len) == "A"', 'Only string type fields can be used as parameter for upper()', 6, 15],
  ])('%s', (text, message, start, end) => {
    const found = error(text);
    expect(found).toBeInstanceOf(FilterError);
    expect({ message: found!.message, start: found!.start, end: found!.end }).toEqual({ message, start, end });
  });

  it('reports regex errors on the pattern', () => {
    const found = error('http.request.method matches "("')!;
    expect(found.message).toMatch(/^Regex compilation error: /);
    expect([found.start, found.end]).toEqual([28, 31]);
  });

  it('suggests the closest field name', () => {
    expect(error('ip.srcx')!.suggestion).toBe('Did you mean "ip.src"?');
    expect(error('udp.dstprot == 53')!.suggestion).toBe('Did you mean "udp.dstport"?');
    expect(error('zzzzzzzzzz')!.suggestion).toBeUndefined();
  });

  it('validates typical filters in well under a millisecond', () => {
    const filters = ['ip.src == 10.0.0.0/8 && udp.port in {53, 5353, 8000..8080}', 'http.request.method == "GET" or frame contains "HTTP/1.1"', 'ip.srcx == 1', 'eth.src[0:3] == 00:aa:00 and not ip'];
    for (let round = 0; round < 50; round++) for (const filter of filters) checkFilter(filter, lookup);
    const start = performance.now();
    const rounds = 500;
    for (let round = 0; round < rounds; round++) for (const filter of filters) checkFilter(filter, lookup);
    const perFilter = (performance.now() - start) / (rounds * filters.length);
    expect(perFilter).toBeLessThan(0.5); // ms; measured ~0.1–0.2 on a busy 2-core machine
  });
});

describe('robustness: nothing but FilterError escapes, nothing hangs', () => {
  const soup = ['ip.src', 'udp.port', 'frame', 'eth.src', 'http.request.method', 'frame.time', '==', '!=', '===', '!==', '<', '<=', '>', 'contains',
    'matches', '~', 'in', 'not', '!', 'and', 'or', '&&', '||', 'any', 'all', '(', ')', '{', '}', '[', ']', '[0:2]', '[-1]', '#2', '#[1-2]', ',', '..',
    '+', '-', '*', '/', '%', '&', '"x"', 'r"\\d"', "'a'", "'\\Z'", '1', '0x10', '1.2.3.4', '10.0.0.0/8', '::1', 'ff:ff', 'len(', 'count(',
    'upper(', 'min(', '${', '${ip.src}', '$', '@', '^^', 'xor', '"', "'", 'nan', 'inf', '-1', '\u201c', '\\', ':'];

  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state / 0x7fffffff;
    };
  }

  function attempt(text: string): void {
    try {
      const compiled = compileFilter(text, lookup);
      for (const packet of packets) compiled.evaluate(packet, packetA);
    } catch (error) {
      if (!(error instanceof FilterError)) throw new Error(`${JSON.stringify(text)} threw ${String(error)}`);
      expect(error.start).toBeGreaterThanOrEqual(0);
      expect(error.end).toBeLessThanOrEqual(text.length);
    }
  }

  it('survives the filter that crashes tshark 4.0.17', () => {
    expect(checkFilter("udp.dstport <= 'P' < udp.srcport", lookup)).toBeInstanceOf(FilterError);
  });

  it('token soup', () => {
    const next = random(42);
    for (let index = 0; index < 3000; index++) {
      const count = 1 + Math.floor(next() * 8);
      const parts: string[] = [];
      for (let part = 0; part < count; part++) parts.push(soup[Math.floor(next() * soup.length)]);
      attempt(parts.join(next() < 0.5 ? ' ' : ''));
    }
  });

  it('random characters', () => {
    const next = random(7);
    const alphabet = 'ip.src=!<>&|~()[]{}#$@:-,."\'\\0123456789abcdefxX/ %*+^\t\u00e9';
    for (let index = 0; index < 3000; index++) {
      let text = '';
      const length = Math.floor(next() * 24);
      for (let character = 0; character < length; character++) text += alphabet[Math.floor(next() * alphabet.length)];
      attempt(text);
    }
  });
});

describe('FilterFieldSink', () => {
  it('keeps only wanted fields, numbers layers, follows data sources, and serves them to a filter', () => {
    const compiled = compileFilter('ip.src#2 == 3.3.3.3 and http.request.method == "GET" and ip[0] == 45', lookup);
    const sink = new FilterFieldSink(compiled.fields);
    const field = (abbrev: string) => fields.find(abbrev)!;
    expect(sink.wants(field('ip.src'))).toBe(true);
    expect(sink.wants(field('udp.port'))).toBe(false);

    sink.reset(bytesB);
    sink.open(field('frame'), 0, 54);
    sink.open(field('ip'), 14, 0);
    sink.add(field('ip.src'), 26, 4); // value left undefined: read from the bytes
    sink.close(20);
    sink.open(field('ip'), 34, 20);
    sink.add(field('ip.src'), 46, 4, 0x03030303);
    sink.close();
    sink.beginSource('Reassembled', new TextEncoder().encode('GET / HTTP/1.1'));
    sink.add(field('http.request.method'), 0, 3, 'GET');
    sink.endSource();
    sink.unwindTo(0);

    const sources = sink.values(field('ip.src'));
    expect(sources.map((occurrence) => occurrence.layer)).toEqual([1, 2]);
    expect(sink.values(field('ip')).map((occurrence) => occurrence.length)).toEqual([20, 20]);
    expect(compiled.evaluate(sink)).toBe(true);
    expect(compileFilter('ip.src#1 == 1.1.1.1', lookup).evaluate(sink)).toBe(true);

    sink.reset(bytesA);
    expect(sink.values(field('ip.src'))).toEqual([]);
    expect(compiled.evaluate(sink)).toBe(false);
  });
});
