import { describe, expect, it } from 'vitest';
import { FilterError } from '../filter/index.js';
import '../proto/index.js';
import { describeFilter, explainFilter } from './index.js';

describe('explainFilter', () => {
  it.each([
    ['tcp.port == 80 && !arp', 'TCP packets whose source or destination port is 80 and that are not ARP', '源或目的端口为 80 且不是 ARP 的 TCP 数据包'],
    ['', 'All packets', '所有数据包'],
    ['tcp', 'TCP packets', 'TCP 数据包'],
    ['udp or arp', 'Packets that are UDP or ARP', '是 UDP 或 ARP 的数据包'],
    ['!(tcp or udp)', 'Packets that are neither TCP nor UDP', '既不是 TCP 也不是 UDP 的数据包'],
    ['ip.addr == 10.0.0.0/8', 'IPv4 packets whose source or destination address is in 10.0.0.0/8', '源或目的地址属于 10.0.0.0/8 的 IPv4 数据包'],
    ['ip.src != 10.0.0.1', 'IPv4 packets whose source address is not 10.0.0.1', '源地址不为 10.0.0.1 的 IPv4 数据包'],
    ['tcp.flags.syn == 1 and tcp.flags.ack == 0', 'TCP packets whose SYN flag is set and whose ACK flag is not set', 'SYN 标志置位且 ACK 标志未置位的 TCP 数据包'],
    ['tcp.port in {80, 443, 8000..8080}', 'TCP packets whose source or destination port is one of 80, 443 or 8000 to 8080', '源或目的端口为 80、443、8000 到 8080 之一的 TCP 数据包'],
    ['http.request.method == "GET"', 'HTTP packets whose request method is "GET"', '请求方法为 "GET" 的 HTTP 数据包'],
    ['ip.proto == 17', 'IPv4 packets whose protocol number is 17 (UDP)', '协议号为 17（UDP）的 IPv4 数据包'],
    ['frame.len > 100', 'Packets whose frame length is greater than 100', '帧长度大于 100 的数据包'],
    ['udp && dns.qry.name contains "example"', 'UDP packets whose DNS queried name contains "example"', 'DNS 查询的域名包含 "example" 的 UDP 数据包'],
    ['ip.ttl < 5 || ip.flags.mf == 1', 'IPv4 packets whose TTL is less than 5 or whose MF (more fragments) flag is set', 'TTL 小于 5 或 MF（更多分片）标志置位的 IPv4 数据包'],
  ])('%s', (filter, english, chinese) => {
    expect(explainFilter(filter, 'en')).toBe(english);
    expect(explainFilter(filter, 'zh')).toBe(chinese);
  });

  it('pushes not inward (De Morgan)', () => {
    expect(explainFilter('!(ip.src == 1.2.3.4 and tcp)', 'en')).toBe('Packets whose IPv4 source address is not 1.2.3.4 or that are not TCP');
    // Not "TCP packets …": `!(tcp.port == 80)` also matches every packet without TCP.
    expect(explainFilter('not tcp.port == 80', 'en')).toBe('Packets whose TCP source or destination port is not 80');
  });

  it('groups a nested or inside and', () => {
    const sentence = describeFilter('ip.src == 10.0.0.1 and (tcp.port == 80 or udp.port == 53)');
    expect(sentence.en).toBe('Packets whose IPv4 source address is 10.0.0.1 and either whose TCP source or destination port is 80 or whose UDP source or destination port is 53');
    expect(sentence.zh).toBe('IPv4 源地址为 10.0.0.1 且（TCP 源或目的端口为 80 或 UDP 源或目的端口为 53）的数据包');
  });

  it('reads presence of a field as presence, not as a value (a common trap: !tcp.flags.ack)', () => {
    expect(explainFilter('tcp.flags.syn == 1 && !tcp.flags.ack', 'en')).toBe('TCP packets whose SYN flag is set and that have no ACK flag field');
    expect(explainFilter('tcp.analysis.retransmission', 'en')).toBe('TCP packets that are marked "this frame is a (suspected) retransmission"');
  });

  it('describes bit tests, slices, functions and references', () => {
    expect(explainFilter('tcp.flags & 0x02', 'en')).toBe('TCP packets where the flags AND 0x02 is not zero');
    expect(explainFilter('eth.src[0:3] == 00:05:5d', 'en')).toBe('Ethernet packets where bytes 0–2 of the source MAC address is 00:05:5d');
    expect(explainFilter('eth.src[0:3] == 00:05:5d', 'zh')).toBe('源 MAC 地址的第 0–2 字节为 00:05:5d 的 Ethernet 数据包');
    expect(explainFilter('len(http.request.uri) > 10', 'en')).toBe('HTTP packets where the length of the request URI is greater than 10');
    expect(explainFilter('ip.src == ${ip.dst}', 'en')).toBe("IPv4 packets whose source address is the selected packet's destination address");
  });

  it('rejects what is not a filter, as the compiler does', () => {
    expect(() => explainFilter('tcp.port ==', 'en')).toThrow(FilterError);
  });
});
