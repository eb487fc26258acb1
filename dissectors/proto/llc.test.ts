import { describe, expect, it } from 'vitest';
import { dissectFrames } from '../../test/support/fields.js';
import { hexBytes } from '../../test/support/tree.js';

/**
 * 802.3 length frames: LLC (IEEE 802.2) with a rapid spanning tree BPDU (SAP 0x42), and SNAP
 * with a Cisco protocol id. Expected values as tshark 4.0 prints them for these bytes.
 */
const rstBpdu = hexBytes(
  '0180c2000000 001f6d96ec04 0027 424203'
  + '0000 02 02 3c 8001001f6d96ec00 00000004 8001001f6d96ec04 8004 0100 1400 0200 0f00 00'
  + '00000000000000',
);
const ciscoSnap = hexBytes('01000ccccccc 001f6d96ec04 000a aaaa03 00000c 9999 0100 00000000000000000000');

describe('LLC and STP', () => {
  it('decodes LLC, a rapid spanning tree BPDU and the padding after the 802.3 length', () => {
    const [frame] = dissectFrames([rstBpdu]);
    expect(frame.get('eth.len')).toBe('39');
    expect(frame.get('eth.padding')).toBe('00000000000000');
    expect(frame.get('llc.dsap')).toBe('0x42');
    expect(frame.get('llc.control')).toBe('0x0003');
    expect(frame.get('llc.control.u_modifier_cmd')).toBe('0x00');
    // Priority 0x8001: 32768 in the high 4 bits, system id extension 1 (the VLAN).
    expect(frame.get('stp.root.prio')).toBe('32768');
    expect(frame.get('stp.root.ext')).toBe('1');
    expect(frame.get('stp.root.cost')).toBe('4');
    expect(frame.get('stp.flags.port_role')).toBe('3');
    // Timers are in 1/256 s: 0x1400 is 20 s.
    expect(frame.get('stp.max_age')).toBe('20');
    expect(frame.get('frame.protocols')).toBe('eth:llc:stp');
    expect(frame.protocol).toBe('STP');
    expect(frame.info).toBe('RST. Root = 32768/1/00:1f:6d:96:ec:00  Cost = 4  Port = 0x8004');
  });

  it('reads a SNAP header and names an undecoded Cisco protocol id in Info', () => {
    const [frame] = dissectFrames([ciscoSnap]);
    expect(frame.get('llc.oui')).toBe('12');
    expect(frame.get('llc.cisco_pid')).toBe('0x9999');
    expect(frame.protocol).toBe('LLC');
    expect(frame.info).toBe('U, func=UI; SNAP, OUI 0x00000C (Cisco Systems, Inc), PID 0x9999');
  });
});
