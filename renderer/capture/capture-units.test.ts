import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureFileName, errorText, folderOf, formatRate } from './format';
import { linkTypeName } from './link-types';
import { defaultForm, optionsFromForm, readForm } from './live-capture-store';
import { SPARKLINE_SAMPLES, sparklinePoints, withSample } from './sparkline-geometry';
import { LatestThrottle } from './throttle';
import { followStep, showsLastRow } from './use-follow-new-rows';
import { captureChinese, captureEnglish } from './messages';
import { offersPermissionSetup, permissionSetupHeadline } from './permission-setup';

describe('LatestThrottle (status bar: at most 10 updates per second)', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  it('applies the first value at once, then only the latest one per 100 ms', () => {
    const applied: number[] = [];
    const throttle = new LatestThrottle<number>(100, (value) => applied.push(value), () => clock);
    throttle.push(1);
    advance(20);
    throttle.push(2);
    advance(20);
    throttle.push(3);
    expect(applied).toEqual([1]);
    advance(60); // 100 ms after the first
    expect(applied).toEqual([1, 3]);
    advance(500);
    expect(applied).toEqual([1, 3]);
  });

  it('never exceeds 10 per second under a flood, and a final value goes at once', () => {
    const applied: Array<{ value: number; at: number }> = [];
    const throttle = new LatestThrottle<number>(100, (value) => applied.push({ value, at: clock }), () => clock);
    for (let index = 0; index < 200; index++) {
      throttle.push(index);
      advance(5);
    }
    // 1000 ms of pushes every 5 ms: at 0, 100, …, 900 ms (and maybe 1000 ms).
    expect(applied.length).toBeLessThanOrEqual(11);
    for (let index = 1; index < applied.length; index++) expect(applied[index].at - applied[index - 1].at).toBeGreaterThanOrEqual(100);
    throttle.push(999, true);
    expect(applied[applied.length - 1]).toEqual({ value: 999, at: clock });
    advance(1000);
    expect(applied.filter((entry) => entry.value === 999)).toHaveLength(1);
  });
});

describe('sparkline geometry', () => {
  it('puts 0 on the bottom line and the largest sample on the top, newest at the right edge', () => {
    // 3 slots over 120 px: x = 0, 60, 120; max 10 → y = 20 - value * 2.
    expect(sparklinePoints([0, 5, 10], 120, 20, 3)).toBe('0,20 60,10 120,0');
  });

  it('starts short histories at the right and scales a flat quiet line to the bottom', () => {
    // 40 slots over 39 steps of 120/39 px: the two samples sit in slots 38 and 39.
    expect(sparklinePoints([2, 2], 120, 20)).toBe('116.92,0 120,0');
    // All zero: max is taken as 1, so the line lies on the bottom.
    expect(sparklinePoints([0, 0], 120, 20, 2)).toBe('0,20 120,20');
    expect(sparklinePoints([], 120, 20)).toBe('');
  });

  it('keeps the last SPARKLINE_SAMPLES samples', () => {
    let history: number[] = [];
    for (let index = 0; index < SPARKLINE_SAMPLES + 5; index++) history = withSample(history, index);
    expect(history).toHaveLength(SPARKLINE_SAMPLES);
    expect(history[0]).toBe(5);
    expect(history[history.length - 1]).toBe(SPARKLINE_SAMPLES + 4);
  });
});

describe('auto-scroll: does the list show its last row?', () => {
  // 273 px of 20 px rows: 13 whole rows and a part of a 14th.
  const geometry = { rowCount: 200, rowHeight: 20, viewportHeight: 273 };
  it('counts a partly visible last row (the scrollbar may land one row short)', () => {
    expect(showsLastRow(187, geometry)).toBe(true);
    expect(showsLastRow(186, geometry)).toBe(true); // rows 186..199: row 199 partly visible
    expect(showsLastRow(185, geometry)).toBe(false);
    expect(showsLastRow(0, { ...geometry, rowCount: 5 })).toBe(true);
  });

  // 13 whole rows fit, so the bottom of n rows is first row n - 13.
  const at = (rowCount: number) => ({ ...geometry, rowCount });
  it('scrolls new rows into view while following, and only when rows were added', () => {
    expect(followStep({ first: 187, previous: { first: 187, rows: 200 }, requested: 187, following: true, geometry: at(210) })).toEqual({ following: true, scrollTo: 197 });
    expect(followStep({ first: 187, previous: { first: 187, rows: 200 }, requested: 187, following: true, geometry: at(200) })).toEqual({ following: true, scrollTo: null });
  });

  it('keeps following when its own scroll lands after more rows arrived (not a user move)', () => {
    // Asked for 197 with 210 rows; the list renders 197 when 230 rows are already in.
    expect(followStep({ first: 197, previous: { first: 187, rows: 210 }, requested: 197, following: true, geometry: at(230) })).toEqual({ following: true, scrollTo: 217 });
  });

  it('pauses when the user scrolls up and resumes when they come back to the bottom', () => {
    expect(followStep({ first: 100, previous: { first: 187, rows: 200 }, requested: 187, following: true, geometry: at(210) })).toEqual({ following: false, scrollTo: null });
    expect(followStep({ first: 197, previous: { first: 100, rows: 210 }, requested: 187, following: false, geometry: at(210) })).toEqual({ following: true, scrollTo: null });
    expect(followStep({ first: 100, previous: { first: 100, rows: 210 }, requested: 187, following: false, geometry: at(220) })).toEqual({ following: false, scrollTo: null });
  });
});

describe('capture options and texts', () => {
  it('reads a remembered form field by field, ignoring what is not usable', () => {
    expect(readForm(undefined)).toEqual(defaultForm);
    expect(readForm('junk')).toEqual(defaultForm);
    expect(readForm({ interfaceName: 'eth0', filter: 'tcp', promiscuous: false, snapLength: -5, stopAfterPackets: 10, stopAfterSeconds: 1.5, stopAfterMegabytes: '3' }))
      .toEqual({ ...defaultForm, interfaceName: 'eth0', filter: 'tcp', promiscuous: false, stopAfterPackets: 10 });
    expect(optionsFromForm({ ...defaultForm, interfaceName: 'lo', filter: '  udp port 53 ' }).filter).toBe('udp port 53');
    expect(readForm({ ringMegabytes: 10, ringFiles: 0 })).toEqual({ ...defaultForm, ringMegabytes: 10 });
  });

  it('asks for a ring buffer only when a file size is given (2 files unless told)', () => {
    expect(optionsFromForm(defaultForm).ringBuffer).toBeNull();
    expect(optionsFromForm({ ...defaultForm, ringFiles: 5 }).ringBuffer).toBeNull();
    expect(optionsFromForm({ ...defaultForm, ringMegabytes: 10 }).ringBuffer).toEqual({ megabytes: 10, files: 2 });
    expect(optionsFromForm({ ...defaultForm, ringMegabytes: 10, ringFiles: 5 }).ringBuffer).toEqual({ megabytes: 10, files: 5 });
  });

  it('names link types as libpcap does (pcap_datalink_val_to_name and _description)', () => {
    expect(linkTypeName(1)).toBe('EN10MB (Ethernet)');
    expect(linkTypeName(113)).toBe('LINUX_SLL (Linux cooked v1)');
    expect(linkTypeName(null)).toBe('—');
    expect(linkTypeName(4242)).toBe('DLT 4242');
  });

  it('formats rates, save names and error texts', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(2.5)).toBe('2.5');
    expect(formatRate(1234.4)).toBe('1,234');
    expect(captureFileName('lo', new Date(2024, 0, 2, 3, 4, 5))).toBe('packetlens_lo_20240102030405.pcapng');
    expect(captureFileName('usb/1:2', new Date(2024, 11, 31, 23, 59, 58))).toBe('packetlens_usb_1_2_20241231235958.pcapng');
    const error = new Error('You don\'t have permission to capture on "lo".\n  - sudo setcap …');
    expect(errorText(error)).toBe(error.message);
    expect(errorText(new Error('boom\n    at run (file:///x/main.js:1:2)\n    at next (node:internal/x:3:4)'))).toBe('boom');
  });
});

describe('"Set up capture permissions" in the problem dialog', () => {
  it('is offered for the engine\'s Linux permission message only', () => {
    // engine/capture/capture-errors.ts permissionError() on Linux, then on macOS.
    expect(offersPermissionSetup('You don\'t have permission to capture on "eth0" (socket: Operation not permitted).\nTo capture without running PacketLens as root:\n  - Give the capture helper the two capture capabilities (once, and again after updating Node/PacketLens):\n      sudo setcap cap_net_raw,cap_net_admin=eip /usr/bin/node')).toBe(true);
    expect(offersPermissionSetup('You don\'t have permission to capture on "en0" (Permission denied).\nTo capture without running PacketLens as root:\n  - Install ChmodBPF')).toBe(false);
    expect(offersPermissionSetup('There is no capture interface "eth9" (No such device). List them with -D.')).toBe(false);
  });

  it('has an English and a Chinese headline for every outcome', () => {
    for (const key of Object.values(permissionSetupHeadline)) {
      expect(captureEnglish[key as keyof typeof captureEnglish]).toMatch(/\w/);
      expect(captureChinese[key as keyof typeof captureChinese]).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(permissionSetupHeadline).sort()).toEqual(['cancelled', 'done', 'failed', 'unavailable', 'unsupported']);
  });
});

describe('folderOf (where the ring buffer banner says the files are)', () => {
  it('keeps the folder of POSIX and Windows paths', () => {
    expect(folderOf('/tmp/packetlens-capture-zGzKHq/lo_00003_20261122050410.pcapng')).toBe('/tmp/packetlens-capture-zGzKHq');
    expect(folderOf('C:\\Temp\\ring\\lo_00001.pcapng')).toBe('C:\\Temp\\ring');
    expect(folderOf('/ring.pcapng')).toBe('/');
    expect(folderOf('ring.pcapng')).toBe('.');
  });
});
