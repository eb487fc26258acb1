/** Number formatting shared by the dialogs (sizes, rates, times), locale-aware where Wireshark is. */

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Bytes with Wireshark's SI units: 999 bytes, 12 kB, 3456 kB, 12 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 10_000) return `${bytes} bytes`;
  if (bytes < 10_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${Math.round(bytes / 1_000_000)} MB`;
}

/** Seconds since 1970 as "2020-07-23 02:05:24.234640" in local time (Wireshark's format). */
export function formatDateTime(epochSeconds: number): string {
  const whole = Math.floor(epochSeconds);
  const date = new Date(whole * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const micros = Math.min(999_999, Math.round((epochSeconds - whole) * 1e6));
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(micros, 6)}`;
}

/** Elapsed time as Wireshark shows it: 00:00:27 (hours:minutes:seconds). */
export function formatElapsed(seconds: number): string {
  const whole = Math.floor(seconds);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
}

export function formatDecimal(value: number | null, digits = 2): string {
  return value === null ? '—' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '0.0%' : `${((100 * part) / whole).toFixed(1)}%`;
}
