import '../../dissectors/index.js'; // registers every protocol's fields
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../dissectors/filter/index.js';
import { monotoneTriggers } from './early-stop.js';

const triggers = (text: string) => {
  const fields = monotoneTriggers(compileFilter(text).describe());
  return fields === null ? null : [...fields].map((field) => field.abbrev).sort();
};

describe('monotoneTriggers: filters that more occurrences can only turn true', () => {
  it('accepts any-quantified comparisons, existence, sets, and their ANDs and ORs', () => {
    expect(triggers('http.request.method == "GET"')).toEqual(['http.request.method']);
    expect(triggers('dns.qry.name contains "example"')).toEqual(['dns.qry.name']);
    expect(triggers('dns.qry.type in {1, 28} || http')).toEqual(['dns.qry.type', 'http']);
    expect(triggers('tcp.port == 80 && http.host matches "^a"')).toEqual(['http.host', 'tcp.port']);
    expect(triggers('dns.qry.type !== 1')).toEqual(['dns.qry.type']); // any element unequal: monotone
  });

  it('refuses what a later occurrence could turn false', () => {
    // NOT; `!=` is "all unequal"; `===` is "all equal"; count() grows; layer #-1 moves; a slice
    // or a bytes field reads an occurrence's length, which a later close() may still change.
    for (const text of ['!dns', 'dns.qry.type != 1', 'dns.qry.type === 1', 'count(dns.qry.name) == 1', 'ip.src#[-1] == 10.0.0.1', 'ip.src#1 == 10.0.0.1',
      'tcp.payload[0:2] == 47:45', 'eth.src == 00:00:5e:00:53:01', 'tcp contains "GET"', 'len(http.host) > 3', 'http.request.method == "GET" && !(tcp.port == 80)']) {
      expect(triggers(text), text).toBeNull();
    }
  });
});
