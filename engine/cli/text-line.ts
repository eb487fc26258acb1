/** Seconds since the first packet as tshark's default Time column prints it (file resolution). */
export function relativeTime(seconds: number, nanosecond: boolean): string {
  return seconds.toFixed(nanosecond ? 9 : 6);
}

/** One packet the way tshark prints it without -T: `    1   0.000000    10.0.0.1 → 10.0.0.2    TCP 74 …`. */
export function formatTextLine(frame: number, time: string, source: string, destination: string, protocol: string, length: number, info: string): string {
  return `${String(frame).padStart(5)} ${time.padStart(11)} ${source.padStart(12)} → ${destination.padEnd(12)} ${protocol} ${length} ${info}`;
}
