/** A packets-per-second figure for the interface list: whole numbers, "—" before the first sample. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return rate >= 10 || rate === 0 ? Math.round(rate).toLocaleString('en-US') : rate.toFixed(1);
}

/** A capture file name for Save: the interface and the local start time, as Wireshark names temp files. */
export function captureFileName(interfaceName: string, startedAt: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const stamp = `${startedAt.getFullYear()}${two(startedAt.getMonth() + 1)}${two(startedAt.getDate())}${two(startedAt.getHours())}${two(startedAt.getMinutes())}${two(startedAt.getSeconds())}`;
  return `packetlens_${interfaceName.replace(/[^\w.-]/g, '_')}_${stamp}.pcapng`;
}

/** An error's message without stack frames (the user sees the engine's sentence, never a trace). */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').filter((line) => !/^\s+at .+(:\d+:\d+\)?|\(native\))$/.test(line)).join('\n').trim();
}

/** The folder part of a file path (POSIX or Windows separators); '.' for a bare file name. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : cut === 0 ? path.slice(0, 1) : '.';
}
