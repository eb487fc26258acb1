import type { Conversation, ConversationKind, Endpoint, ExpertSummary, IoStatistics, ProtocolHierarchy, ProtocolHierarchyNode } from '../api/contract.js';
import { digits, ioLayout } from './io-statistics.js';

/** tshark 4.0's text layouts of the statistics (ui/cli/tap-*.c), for the CLI and for tests. */

const tableNames: Record<ConversationKind, string> = { eth: 'Ethernet', ip: 'IPv4', ipv6: 'IPv6', tcp: 'TCP', udp: 'UDP' };
const wideRule = '='.repeat(80);
const phsRule = '='.repeat(67);

const padStart = (value: string | number, width: number) => String(value).padStart(width);
const padEnd = (value: string, width: number) => value.padEnd(width);

export function formatProtocolHierarchy(hierarchy: ProtocolHierarchy, filter: string | null): string {
  const lines = ['', phsRule, 'Protocol Hierarchy Statistics', `Filter: ${filter ?? ''}`, ''];
  const walk = (nodes: readonly ProtocolHierarchyNode[], depth: number): void => {
    for (const node of nodes) {
      const indent = '  '.repeat(depth);
      lines.push(`${indent}${padEnd(node.protocol, 40 - indent.length)} frames:${node.frames} bytes:${node.bytes}`);
      walk(node.children, depth + 1);
    }
  };
  walk(hierarchy.roots, 0);
  lines.push(phsRule);
  return `${lines.join('\n')}\n`;
}

/**
 * C's printf("%.Nf") (glibc): the nearest N-decimal number to the double's exact value, an
 * exact tie going to the even digit. JavaScript's toFixed differs only there (it rounds a tie
 * up: 0.15625 → "0.1563" where tshark prints 0.1562).
 */
export function printfFixed(value: number, decimals: number): string {
  const rounded = value.toFixed(decimals);
  // Cheap test first: only a value whose scaled fraction is (nearly) one half can be a tie.
  const scaled = Math.abs(value) * 10 ** decimals;
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) > Math.max(1e-6, scaled * 1e-12)) return rounded;
  // Up to 100 significant digits: the exact decimal expansion of any double tshark's tables show.
  const exact = Math.abs(value).toPrecision(100);
  const point = exact.indexOf('.');
  if (point < 0 || !/^50*$/.test(exact.slice(point + 1 + decimals))) return rounded;
  const kept = decimals === 0 ? exact.slice(0, point) : exact.slice(0, point + 1 + decimals);
  if (Number(kept[kept.length - 1]) % 2 !== 0) return rounded;
  return `${value < 0 ? '-' : ''}${kept}`;
}

/** Wireshark's format_size(…, format_size_unit_bytes): exact below 10 kB, then whole SI units. */
export function formatSize(bytes: number): string {
  const prefixes = ['k', 'M', 'G', 'T', 'P'];
  for (let power = prefixes.length; power >= 1; power--) {
    const scaled = Math.floor(bytes / 1000 ** power);
    if (scaled >= 10) return `${scaled} ${prefixes[power - 1]}B`;
  }
  return `${bytes} bytes`;
}

/** Rows by total frames, most first; ties keep their order of appearance (tshark's draw loop). */
function byTotalFrames<T>(rows: readonly T[], total: (row: T) => number): T[] {
  return rows.map((row, position) => ({ row, position })).sort((a, b) => total(b.row) - total(a.row) || a.position - b.position).map(({ row }) => row);
}

const withPort = (address: string, port: number | null) => (port === null ? address : `${address}:${port}`);

export function formatConversations(kind: ConversationKind, rows: readonly Conversation[], filter: string | null): string {
  const ports = kind === 'tcp' || kind === 'udp';
  const lead = ports ? ' '.repeat(59) : ' '.repeat(47);
  const lines = [
    wideRule, `${tableNames[kind]} Conversations`, `Filter:${filter ?? '<No Filter>'}`,
    `${lead}|       <-      | |       ->      | |     Total     |    Relative    |   Duration   |`,
    `${lead}| Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |`,
  ];
  for (const row of byTotalFrames(rows, (conversation) => conversation.framesAToB + conversation.framesBToA)) {
    const width = ports ? 26 : 20;
    const names = `${padEnd(withPort(row.addressA, row.portA), width)} <-> ${padEnd(withPort(row.addressB, row.portB), width)}`;
    const counts = `  ${padStart(row.framesBToA, 6)} ${padEnd(formatSize(row.bytesBToA), 9)}  ${padStart(row.framesAToB, 6)} ${padEnd(formatSize(row.bytesAToB), 9)}`
      + `  ${padStart(row.framesAToB + row.framesBToA, 6)} ${padEnd(formatSize(row.bytesAToB + row.bytesBToA), 9)}  `;
    lines.push(`${names}${counts}${padStart(printfFixed(row.start, 9), 14)}   ${padStart(printfFixed(row.duration, 4), 12)}`);
  }
  lines.push(wideRule);
  return `${lines.join('\n')}\n`;
}

export function formatEndpoints(kind: ConversationKind, rows: readonly Endpoint[], filter: string | null): string {
  const ports = kind === 'tcp' || kind === 'udp';
  const lines = [
    wideRule, `${tableNames[kind]} Endpoints`, `Filter:${filter ?? '<No Filter>'}`,
    `                       |  ${ports ? 'Port  ||  ' : ''}Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |`,
  ];
  for (const row of byTotalFrames(rows, (endpoint) => endpoint.txFrames + endpoint.rxFrames)) {
    const port = ports ? `      ${padStart(row.port ?? 0, 5)}     ` : '      ';
    lines.push(`${padEnd(row.address, 20)}${port}${padStart(row.txFrames + row.rxFrames, 6)}     ${padStart(row.txBytes + row.rxBytes, 9)}`
      + `     ${padStart(row.txFrames, 6)}       ${padStart(row.txBytes, 9)}      ${padStart(row.rxFrames, 6)}       ${padStart(row.rxBytes, 9)}   `);
  }
  lines.push(wideRule);
  return `${lines.join('\n')}\n`;
}

const severityTitles: ReadonlyArray<[string, string]> = [['error', 'Errors'], ['warn', 'Warns'], ['note', 'Notes'], ['chat', 'Chats'], ['comment', 'Comments']];

export function formatExpert(summary: ExpertSummary): string {
  let text = '';
  for (const [severity, title] of severityTitles) {
    const entries = summary.entries.filter((entry) => entry.severity === severity);
    if (entries.length === 0) continue;
    const total = entries.reduce((sum, entry) => sum + entry.count, 0);
    text += `\n${title} (${total})\n=============\n   Frequency      Group           Protocol  Summary\n`;
    for (const entry of entries) text += `${padStart(entry.count, 12)} ${padStart(entry.group, 10)} ${padStart(entry.protocol, 18)}  ${entry.summary}\n`;
  }
  return text;
}

/**
 * tshark 4.0's I/O statistics box for frames-and-bytes columns: widths follow the largest
 * numbers and the capture's duration; times show as many decimals as the interval needs.
 */
export function formatIoStatistics(statistics: IoStatistics): string {
  const durationMicroseconds = Math.round(statistics.duration * 1e6);
  const layout = ioLayout(durationMicroseconds, statistics.rows.length <= 1 && statistics.interval * 1e6 >= durationMicroseconds ? 0 : statistics.interval);
  const { precision } = layout;
  const divisor = 10 ** (6 - precision);
  const durationMagnitude = digits(Math.floor(durationMicroseconds / 1e6));
  const roundedMagnitude = digits(Math.floor(layout.roundedDuration / 1e6));
  const time = (microseconds: number) => precision === 0
    ? padStart(Math.floor(microseconds / 1e6), roundedMagnitude)
    : `${padStart(Math.floor(microseconds / 1e6), roundedMagnitude)}.${String(Math.floor((microseconds % 1e6) / divisor)).padStart(precision, '0')}`;
  const intervalColumn = Math.max(precision === 0 ? 2 * roundedMagnitude + 8 : 2 * roundedMagnitude + 2 * precision + 10, 12);
  const frameWidths = statistics.filters.map((_, column) => Math.max(6, digits(Math.max(0, ...statistics.rows.map((row) => row.frames[column])), 15)));
  const byteWidths = statistics.filters.map((_, column) => Math.max(5, digits(Math.max(0, ...statistics.rows.map((row) => row.bytes[column])), 15)));
  const rowWidth = intervalColumn + frameWidths.reduce((sum, width, column) => sum + width + 3 + byteWidths[column] + 3, 0);
  const filterWidth = Math.max(...statistics.filters.map((filter) => (filter === '' ? 26 : filter.length + 11)));
  const intervalMagnitude = digits(Math.floor(layout.displayInterval / 1e6));
  let border = layout.wholeCapture ? 30 + durationMagnitude + (precision === 0 ? 0 : precision + 1) : 24 + intervalMagnitude + (precision === 0 ? 0 : precision + 1);
  border = Math.max(border, intervalColumn, rowWidth);
  if (filterWidth > border && border < 102) border = Math.min(filterWidth, 102);
  if (border - rowWidth === 1) border++;
  const boxed = (content: string) => `|${content.padEnd(border - 2)}|`;
  const filler = rowWidth < border ? `${' '.repeat(border - rowWidth - 1)}|` : '';

  const lines = ['', '='.repeat(border), boxed(' IO Statistics'), boxed(''), boxed(` Duration: ${precision === 0 ? wholeSecondsDuration(durationMicroseconds, durationMagnitude) : time(layout.roundedDuration)} secs`), boxed(` Interval: ${time(layout.displayInterval)} secs`), boxed('')];
  statistics.filters.forEach((filter, column) => lines.push(boxed(`${column === 0 ? ' Col' : '    '}${padStart(column + 1, 2)}: ${filter === '' ? 'Frames and bytes' : filter}`)));
  lines.push(`|${'-'.repeat(border - 2)}|`);
  let numbers = `|${' '.repeat(intervalColumn - 2)}|`;
  let labels = `| Interval${' '.repeat(intervalColumn - 11)}|`;
  statistics.filters.forEach((_, column) => {
    numbers += `${String(column + 1).padEnd(frameWidths[column] + byteWidths[column] + 5)}|`;
    labels += `${center('Frames', frameWidths[column])}${center('Bytes', byteWidths[column])}`;
  });
  lines.push(numbers + filler, labels + filler, `|${'-'.repeat(rowWidth - 2)}|${filler}`);
  for (const row of statistics.rows) {
    // With whole-second intervals tshark ends the last row with "Dur" (the duration).
    const last = row === statistics.rows[statistics.rows.length - 1];
    const end = last && precision === 0 ? 'Dur' : time(Math.round(row.end * 1e6));
    const span = `${time(Math.round(row.start * 1e6))} <> ${end}`;
    const room = Math.max(0, intervalColumn - 2 - span.length);
    const left = end === 'Dur' ? room : Math.ceil(room / 2);
    let line = `|${' '.repeat(left)}${span}${' '.repeat(room - left)}|`;
    statistics.filters.forEach((_, column) => {
      line += ` ${padStart(row.frames[column], frameWidths[column])} | ${padStart(row.bytes[column], byteWidths[column])} |`;
    });
    lines.push(line + filler);
  }
  lines.push('='.repeat(border));
  return `${lines.join('\n')}\n`;
}

/** tshark prints the microseconds of a whole-second table's duration space-padded ("2. 47482"). */
function wholeSecondsDuration(microseconds: number, width: number): string {
  return `${padStart(Math.floor(microseconds / 1e6), width)}.${padStart(microseconds % 1e6, 6)}`;
}

/** A label centred in a column of `width` plus one space each side, then the border. */
function center(label: string, width: number): string {
  const total = width + 2;
  const left = Math.ceil((total - label.length) / 2);
  return `${' '.repeat(left)}${label}${' '.repeat(total - left - label.length)}|`;
}
