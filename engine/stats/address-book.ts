import { ipv4ToString } from '../../dissectors/index.js';
import { QuadTable } from './tuple-table.js';

/** How one kind of address travels as a number (IPv4 as uint32, MAC as a 48-bit integer). */
export interface NumericAddress {
  format(value: number): string;
  /** The number for the text form, or null when the text is another kind of address. */
  parse(text: string): number | null;
}

export const ipv4Address: NumericAddress = {
  format: ipv4ToString,
  parse(text) {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    return match ? ((Number(match[1]) << 24) | (Number(match[2]) << 16) | (Number(match[3]) << 8) | Number(match[4])) >>> 0 : null;
  },
};

const hexByte = (value: number) => value.toString(16).padStart(2, '0');

export const etherAddress: NumericAddress = {
  format(value) {
    const high = Math.floor(value / 0x100000000);
    const low = value >>> 0;
    return [high >>> 8, high & 255, low >>> 24, (low >>> 16) & 255, (low >>> 8) & 255, low & 255].map(hexByte).join(':');
  },
  parse(text) {
    if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(text)) return null;
    return Number.parseInt(text.replaceAll(':', ''), 16);
  },
};

/** The MAC address at `offset` as a 48-bit integer. */
export function etherNumber(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 8) | bytes[offset + 1]) * 0x100000000
    + (((bytes[offset + 2] << 24) | (bytes[offset + 3] << 16) | (bytes[offset + 4] << 8) | bytes[offset + 5]) >>> 0);
}

/**
 * Small integer ids for the addresses one statistic meets, so an address gets the same id
 * whether it came from a store column or the frame's bytes (as a number) or from a dissection
 * (as text). Text is made once per distinct address, for the output.
 */
export class AddressBook {
  /** Numbers (up to 48 bits) as (low 32 bits, high bits) → id; texts in a map. */
  private readonly numbers = new QuadTable();
  /** Id per row of `numbers`. */
  private readonly numberIds: number[] = [];
  private readonly texts = new Map<string, number>();
  private readonly keys: Array<number | string> = [];

  constructor(private readonly numeric: NumericAddress) {}

  fromNumber(value: number): number {
    const low = value >>> 0;
    const high = value > 0xffffffff ? Math.floor(value / 0x100000000) : 0;
    const row = this.numbers.get(low, high, 0, 0);
    if (row >= 0) return this.numberIds[row];
    const id = this.keys.length;
    this.numbers.add(low, high, 0, 0);
    this.numberIds.push(id);
    this.keys.push(value);
    return id;
  }

  fromText(text: string): number {
    const value = this.numeric.parse(text);
    if (value !== null) return this.fromNumber(value);
    let id = this.texts.get(text);
    if (id === undefined) {
      id = this.keys.length;
      this.texts.set(text, id);
      this.keys.push(text);
    }
    return id;
  }

  text(id: number): string {
    const key = this.keys[id];
    return typeof key === 'number' ? this.numeric.format(key) : key;
  }
}
