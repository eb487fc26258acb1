import type { PacketRow } from '../../engine/api/contract';

/** Wireshark's View › Time Display Format choices we offer. */
export type TimeFormat = 'relative' | 'delta' | 'epoch' | 'absolute';

/** Microsecond precision, as Wireshark shows pcap times; absolute times in local time, as Wireshark does. */
export function formatTime(row: PacketRow, format: TimeFormat): string {
  switch (format) {
    case 'relative':
      return row.timeRelative.toFixed(6);
    case 'delta':
      return row.timeDelta.toFixed(6);
    case 'epoch':
      return row.timeEpoch.toFixed(6);
    case 'absolute':
      return absoluteTime(row.timeEpoch);
  }
}

function absoluteTime(epochSeconds: number): string {
  const whole = Math.floor(epochSeconds);
  const date = new Date(whole * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const micros = Math.round((epochSeconds - whole) * 1e6);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(Math.min(micros, 999_999), 6)}`;
}
