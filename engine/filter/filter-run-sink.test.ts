import { describe, expect, it } from 'vitest';
import { registry } from '../../dissectors/index.js';
import { compileFilter } from '../../dissectors/filter/index.js';
import { StopDissection } from './early-stop.js';
import { FilterRunSink, usesLayers } from './filter-run-sink.js';

const field = (abbrev: string) => registry.find(abbrev)!;

describe('FilterRunSink', () => {
  it('keeps only the filter’s fields, fixes lengths on close, and forgets everything on reset', () => {
    const filter = compileFilter('dns.qry.name contains "example" && udp.length > 8');
    const sink = new FilterRunSink(filter, null);
    const frame = new Uint8Array(64);
    sink.reset(frame);
    sink.add(field('ip.ttl'), 22, 1, 64);
    sink.open(field('udp'), 34, 8);
    sink.add(field('udp.length'), 38, 2, 30);
    sink.close(8);
    sink.open(field('dns.qry.name'), 54, 9, 'a.example');
    sink.close(13);
    expect(sink.wants(field('ip.ttl'))).toBe(false);
    expect(sink.values(field('ip.ttl'))).toEqual([]);
    expect(sink.values(field('dns.qry.name'))).toEqual([{ value: 'a.example', bytes: frame, offset: 54, length: 13 }]);
    expect(filter.evaluate(sink)).toBe(true);
    sink.reset(new Uint8Array(10));
    expect(sink.values(field('udp.length'))).toEqual([]);
    expect(sink.depth).toBe(0);
  });

  it('records occurrences in a reassembled source against that source’s bytes', () => {
    const sink = new FilterRunSink(compileFilter('dns.qry.name'), null);
    const frame = new Uint8Array(4);
    const reassembled = new Uint8Array(100);
    sink.reset(frame);
    sink.beginSource('Reassembled TCP', reassembled);
    sink.add(field('dns.qry.name'), 40, 5, 'a.com');
    sink.endSource();
    sink.add(field('dns.qry.name'), 1, 3, 'b.c');
    expect(sink.values(field('dns.qry.name')).map((occurrence) => occurrence.bytes)).toEqual([reassembled, frame]);
  });

  it('throws StopDissection at the first trigger occurrence that makes the filter true, not before', () => {
    const filter = compileFilter('dns.qry.name contains "example"');
    const sink = new FilterRunSink(filter, [field('dns.qry.name')]);
    sink.reset(new Uint8Array(0));
    expect(() => sink.add(field('dns.qry.name'), 0, 5, 'a.com')).not.toThrow();
    expect(() => sink.add(field('dns.qry.name'), 0, 9, 'a.example')).toThrow(StopDissection);
  });

  it('tells filters that read layers (which it does not count)', () => {
    expect(usesLayers(compileFilter('ip.src#2 == 10.0.0.1').describe())).toBe(true);
    expect(usesLayers(compileFilter('len(ip.src#[-1]) == 4 || tcp').describe())).toBe(true);
    expect(usesLayers(compileFilter('ip.src == 10.0.0.1 && !(tcp.port in {80, 443})').describe())).toBe(false);
  });
});
