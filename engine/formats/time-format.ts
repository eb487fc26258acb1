/**
 * Formats a timestamp the way tshark 4.0 prints `frame.time_epoch`: seconds, a dot and the
 * nanoseconds zero-padded to 9 digits. Like Wireshark's `display_epoch_time`, a negative
 * fraction is printed as its magnitude with a leading "-" (when the seconds are not negative),
 * and a fraction ≥ 1e9 (a malformed pcap timestamp) is printed in full, e.g.
 * `1418145370.1000000000`.
 */
export function formatEpochTime(seconds: number, nanoseconds: number): string {
  let sign = '';
  let fraction = nanoseconds;
  if (fraction < 0) {
    fraction = -fraction;
    if (seconds >= 0) sign = '-';
  }
  return `${sign}${seconds}.${String(fraction).padStart(9, '0')}`;
}
