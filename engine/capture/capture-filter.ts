import { spawnSync } from 'node:child_process';
import { createCapHandle, loadCap } from './cap-binding';
import { CAP_SNAP_LENGTH } from './cap-source';
import { isNoSuchDeviceText, isPermissionText } from './capture-errors';

export interface FilterCheck {
  /** True when libpcap compiled the filter; false with libpcap's own error text. */
  valid: boolean;
  /** libpcap's message when invalid (e.g. "can't parse filter expression: syntax error"). */
  message: string | null;
  /** How it was checked: on the interface itself, for its link type offline, or not at all. */
  checkedBy: 'interface' | 'link-type' | 'unchecked';
}

/** tcpdump's -y names for the LINKTYPE_* values interfaces commonly have. */
const dltNames: Record<number, string> = { 0: 'NULL', 1: 'EN10MB', 9: 'PPP', 101: 'RAW', 105: 'IEEE802_11', 113: 'LINUX_SLL', 127: 'IEEE802_11_RADIO', 276: 'LINUX_SLL2' };

/**
 * Checks a BPF capture filter before a capture starts, with libpcap's own error text:
 * compiled on the interface itself through the libpcap binding when it has the rights
 * (exact: the interface's link type and netmask), else compiled offline for the interface's
 * link type by tcpdump (`pcap_open_dead`, no privileges), else reported unchecked (the
 * capture's start will then report any error).
 */
export function checkCaptureFilter(filter: string, interfaceName: string, linkType: number | null): FilterCheck {
  if (filter.trim() === '') return { valid: true, message: null, checkedBy: 'interface' };
  const onInterface = compileOnInterface(filter, interfaceName);
  if (onInterface) return onInterface;
  return compileForLinkType(filter, linkType ?? 1) ?? { valid: true, message: null, checkedBy: 'unchecked' };
}

function compileOnInterface(filter: string, interfaceName: string): FilterCheck | null {
  const cap = loadCap();
  if (!('module' in cap)) return null;
  const handle = createCapHandle(cap.module);
  try {
    handle.open(interfaceName, filter, 1 << 16, Buffer.alloc(CAP_SNAP_LENGTH));
    handle.close();
    return { valid: true, message: null, checkedBy: 'interface' };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    // No rights or no such interface says nothing about the filter: check it offline.
    if (isPermissionText(text) || isNoSuchDeviceText(text)) return null;
    return { valid: false, message: text, checkedBy: 'interface' };
  }
}

function compileForLinkType(filter: string, linkType: number): FilterCheck | null {
  const dlt = dltNames[linkType];
  if (!dlt) return null;
  // `--` keeps a filter that starts with "-" from being read as an option.
  const result = spawnSync('tcpdump', ['-y', dlt, '-d', '--', filter], { encoding: 'utf8', timeout: 5000 });
  if (result.error || result.status === null) return null;
  if (result.status === 0) return { valid: true, message: null, checkedBy: 'link-type' };
  const message = result.stderr.trim().split('\n')[0].replace(/^tcpdump: /, '');
  return { valid: false, message, checkedBy: 'link-type' };
}
