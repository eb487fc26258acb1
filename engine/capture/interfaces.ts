import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { loadCap, type CapDevice } from './cap-binding';

export interface InterfaceAddress {
  family: 'IPv4' | 'IPv6';
  address: string;
  /** Prefix length (e.g. 24), or null when unknown. */
  prefixLength: number | null;
}

/** One capture interface, as the capture dialog and `-D` show it. */
export interface CaptureInterface {
  name: string;
  /** libpcap's description (e.g. "Pseudo-device that captures on all interfaces"), or null. */
  description: string | null;
  addresses: InterfaceAddress[];
  /** Administratively up (IFF_UP); null for pseudo-devices that are not network interfaces. */
  up: boolean | null;
  /** Link is running (IFF_RUNNING); null when unknown. */
  running: boolean | null;
  loopback: boolean;
  /** LINKTYPE_* libpcap will use by default, or null when unknown. */
  linkType: number | null;
  /** Hardware address (aa:bb:…), or null. */
  hardwareAddress: string | null;
}

const IFF_UP = 0x1;
const IFF_LOOPBACK = 0x8;
const IFF_RUNNING = 0x40;

/** ARPHRD_* (from /sys/class/net/X/type) to the LINKTYPE_* libpcap picks by default on Linux. */
const linkTypeByArpHardware: Record<number, number> = {
  1: 1, // Ethernet
  772: 1, // loopback: libpcap presents it as Ethernet
  65534: 101, // "none" (tun, wireguard): raw IP
  776: 101, // sit
  768: 101, // ipip
  778: 101, // ip_gre
  823: 101, // ip6gre
  801: 105, // IEEE 802.11
  803: 127, // radiotap
  512: 9, // PPP
  32: 113, // InfiniBand: cooked
};

/** Pseudo-devices libpcap lists whose link type is fixed. */
const linkTypeByPseudoDevice: Record<string, number> = { any: 113, nflog: 239, nfqueue: 240, 'bluetooth-monitor': 254, 'dbus-system': 231, 'dbus-session': 231 };

function readSysfs(name: string, file: string): string | null {
  if (name.includes('/') || name.startsWith('.')) return null;
  try {
    return readFileSync(`/sys/class/net/${name}/${file}`, 'utf8').trim();
  } catch {
    return null;
  }
}

function prefixLength(netmask: string | undefined): number | null {
  if (!netmask) return null;
  if (netmask.includes(':')) {
    let bits = 0;
    for (const group of netmask.split(':')) if (group !== '') bits += countBits(parseInt(group, 16));
    return bits;
  }
  return netmask.split('.').reduce((total, part) => total + countBits(Number(part)), 0);
}

function countBits(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0; rest >>>= 1) count += rest & 1;
  return count;
}

/** Interface names known to the OS, with addresses (os.networkInterfaces lists only those with one). */
function osInterfaceNames(): string[] {
  const names = new Set(Object.keys(networkInterfaces()));
  try {
    const text = readFileSync('/proc/net/dev', 'utf8');
    for (const line of text.split('\n').slice(2)) {
      const colon = line.indexOf(':');
      if (colon > 0) names.add(line.slice(0, colon).trim());
    }
  } catch {
    // Not Linux: os.networkInterfaces() is all we have.
  }
  return [...names];
}

/**
 * Every capture interface: libpcap's list (through cap, in libpcap's order, which is also
 * tshark -D's) when the binding is available, else the OS's interfaces; completed with the
 * addresses from os.networkInterfaces(), flags and link type from /sys/class/net. Needs no
 * capture privileges.
 */
export function listInterfaces(): CaptureInterface[] {
  const cap = loadCap();
  let devices: CapDevice[];
  if ('module' in cap) {
    try {
      devices = cap.module.Cap.deviceList();
    } catch {
      devices = [];
    }
  } else {
    devices = [];
  }
  if (devices.length === 0) devices = osInterfaceNames().map((name) => ({ name, addresses: [] }));
  const osAddresses = networkInterfaces();
  return devices.map((device) => describe(device, osAddresses[device.name]));
}

function describe(device: CapDevice, osAddresses: ReturnType<typeof networkInterfaces>[string]): CaptureInterface {
  const flagsText = readSysfs(device.name, 'flags');
  const flags = flagsText === null ? null : Number.parseInt(flagsText, 16);
  const arpHardware = readSysfs(device.name, 'type');
  const loopback = device.flags?.includes('PCAP_IF_LOOPBACK') === true || (flags !== null && (flags & IFF_LOOPBACK) !== 0);
  const hardwareAddress = readSysfs(device.name, 'address');
  const addresses: InterfaceAddress[] = [];
  const seen = new Set<string>();
  const add = (family: 'IPv4' | 'IPv6', address: string, length: number | null): void => {
    if (seen.has(address)) return;
    seen.add(address);
    addresses.push({ family, address, prefixLength: length });
  };
  for (const entry of osAddresses ?? []) add(entry.family === 'IPv6' ? 'IPv6' : 'IPv4', entry.address, prefixLength(entry.netmask));
  for (const entry of device.addresses) {
    if (!entry.addr) continue;
    add(entry.addr.includes(':') ? 'IPv6' : 'IPv4', entry.addr, prefixLength(entry.netmask));
  }
  let linkType: number | null = linkTypeByPseudoDevice[device.name] ?? null;
  if (arpHardware !== null) linkType = linkTypeByArpHardware[Number(arpHardware)] ?? null;
  return {
    name: device.name,
    description: device.description ?? null,
    addresses,
    up: flags === null ? null : (flags & IFF_UP) !== 0,
    running: flags === null ? null : (flags & IFF_RUNNING) !== 0,
    loopback,
    linkType,
    hardwareAddress: hardwareAddress && hardwareAddress !== '00:00:00:00:00:00' ? hardwareAddress : null,
  };
}

/**
 * `-D` output as tshark/dumpcap 4.0 print it on Linux: `1. eth0`, `3. lo (Loopback)` (only a
 * friendly name is shown in parentheses; libpcap's descriptions are not).
 */
export function formatInterfaceList(interfaces: readonly CaptureInterface[]): string {
  return interfaces.map((described, index) => `${index + 1}. ${described.name}${described.loopback ? ' (Loopback)' : ''}`).join('\n');
}
