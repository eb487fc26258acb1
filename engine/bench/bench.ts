/**
 * `npm run bench`: PacketLens's speed and memory on a generated 1,000,000-packet capture, side
 * by side with tshark on the same file in the same run (when tshark is installed). A
 * benchmark, not a test: it prints figures and ratios and asserts nothing.
 *
 *   npm run bench [-- --packets N] [--file PATH] [--all-statistics]
 *
 * Statistics (`-z`): ours are timed on an indexed session (bench-statistics.ts); tshark's as
 * `tshark -n -q -r FILE -z X`, one whole run per statistic (about 10 s each on 1M packets), so
 * by default only a representative set is run against tshark; --all-statistics runs them all.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureRateReport } from '../capture/capture-rate.js';
import { engineNodeFlags } from '../host/node-flags.js';
import { benchmarkFilters } from './filters.js';
import { measureCommand } from './measure.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Options {
  packets: number;
  file: string;
  allStatistics: boolean;
  /** Sweep live-capture rates on lo (root only; ~1.5 min). */
  capture: boolean;
}

/** Every statistic `dissect -z` offers; stream 0 is the first TCP connection of the file. */
const statistics = [
  'io,phs', 'io,stat,1', 'expert', 'follow,tcp,ascii,0',
  'conv,eth', 'conv,ip', 'conv,ipv6', 'conv,tcp', 'conv,udp',
  'endpoints,eth', 'endpoints,ip', 'endpoints,ipv6', 'endpoints,tcp', 'endpoints,udp',
];
/** Timed against tshark by default: one of each kind of computation (stack column, times, dissection, bytes, columns). */
const tsharkStatistics = new Set(['io,phs', 'io,stat,1', 'expert', 'follow,tcp,ascii,0', 'conv,eth', 'conv,tcp', 'endpoints,ip']);

function parse(argv: readonly string[]): Options {
  let packets = 1_000_000;
  let file = '';
  let allStatistics = false;
  let capture = true;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--packets') packets = Number(argv[++index]);
    else if (argv[index] === '--file') file = argv[++index];
    else if (argv[index] === '--all-statistics') allStatistics = true;
    else if (argv[index] === '--no-capture') capture = false;
  }
  return { packets, file: file || join('.bench', `bench-${packets}.pcap`), allStatistics, capture };
}

function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const ratio = (ours: number, theirs: number) => (theirs > 0 ? `${(ours / theirs).toFixed(3)}×` : 'n/a');

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  if (!existsSync(options.file)) {
    mkdirSync(dirname(options.file), { recursive: true });
    console.log(`generating ${options.packets} packets into ${options.file} …`);
    const started = performance.now();
    execFileSync(process.execPath, [join(here, 'generate.js'), options.file, '--packets', String(options.packets)], { stdio: 'inherit' });
    console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const size = statSync(options.file).size;
  console.log(`file: ${options.file}, ${megabytes(size)}`);

  // Our figures come from a fresh child process so its peak RSS is ours alone.
  const child = join(here, 'bench-engine.js');
  const ours = JSON.parse(execFileSync(process.execPath, [...engineNodeFlags, child, resolve(options.file)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Record<string, number>;

  const statisticsChild = join(here, 'bench-statistics.js');
  const statisticTimes = JSON.parse(execFileSync(process.execPath, [...engineNodeFlags, statisticsChild, resolve(options.file), ...statistics], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Record<string, number>;

  const rows: Array<[string, string, string, string]> = [];
  rows.push(['open + index (+ TCP tracking)', `${ours.indexSeconds.toFixed(2)} s`, '', '']);
  rows.push(['packets/s', `${Math.round(ours.frames / ours.indexSeconds).toLocaleString('en')}`, '', '']);
  rows.push(['peak RSS (index)', megabytes(ours.peakRss), '', '']);
  rows.push(['store bytes per frame', String(ours.bytesPerFrame), '', '']);
  rows.push(['one detail tree (median)', `${ours.treeMs.toFixed(3)} ms`, '', '']);
  rows.push(['100 rows (median)', `${ours.rowsMs.toFixed(3)} ms`, '', '']);
  const filterRows = new Map<string, [string, string, string, string]>();
  for (const text of benchmarkFilters) {
    const supported = `filter:${text}` in ours;
    const row: [string, string, string, string] = [`filter ${text}`, supported ? `${ours[`filter:${text}`].toFixed(1)} ms, again ${ours[`again:${text}`].toFixed(1)} ms (${ours[`matches:${text}`]} frames)` : 'unsupported', '', ''];
    filterRows.set(text, row);
    rows.push(row);
  }
  const cliFilter = 'tcp.port==80';
  const cliArguments = ['-r', options.file, '-Y', cliFilter, '-T', 'fields', '-e', 'frame.number'];
  const cli = await measureCommand(process.execPath, [...engineNodeFlags, join(here, '../cli/dissect.js'), ...cliArguments]);
  const cliRow: [string, string, string, string] = [`CLI -Y "${cliFilter}" -T fields`, `${cli.seconds.toFixed(2)} s, ${megabytes(cli.peakRss)}`, '', ''];
  rows.push(cliRow);
  const statisticRows = new Map<string, [string, string, string, string]>();
  for (const statistic of statistics) {
    const row: [string, string, string, string] = [`-z ${statistic}`, `${statisticTimes[statistic].toFixed(0)} ms`, '', ''];
    statisticRows.set(statistic, row);
    rows.push(row);
  }

  if (hasTshark()) {
    const environment = { ...process.env, LC_ALL: 'C.UTF-8', TZ: 'UTC' };
    // `-q` alone lets tshark skip dissection; asking for a field makes it dissect every frame
    // and track TCP, which is the work our index does.
    const tshark = await measureCommand('tshark', ['-n', '-r', options.file, '-T', 'fields', '-e', 'tcp.stream'], environment);
    rows[0][2] = `${tshark.seconds.toFixed(2)} s`;
    rows[0][3] = ratio(ours.indexSeconds, tshark.seconds);
    rows[2][2] = megabytes(tshark.peakRss);
    rows[2][3] = ratio(ours.peakRss, tshark.peakRss);
    // tshark re-dissects the whole file for every filter: its -Y time is the whole pass.
    for (const text of benchmarkFilters) {
      const run = await measureCommand('tshark', ['-n', '-r', options.file, '-Y', text, '-T', 'fields', '-e', 'frame.number'], environment);
      const row = filterRows.get(text)!;
      row[2] = `${(run.seconds * 1000).toFixed(0)} ms`;
      if (`filter:${text}` in ours) row[3] = ratio(ours[`filter:${text}`] / 1000, run.seconds);
    }
    const tsharkCli = await measureCommand('tshark', ['-n', ...cliArguments], environment);
    cliRow[2] = `${tsharkCli.seconds.toFixed(2)} s, ${megabytes(tsharkCli.peakRss)}`;
    cliRow[3] = ratio(cli.seconds, tsharkCli.seconds);
    for (const statistic of statistics) {
      if (!options.allStatistics && !tsharkStatistics.has(statistic)) continue;
      const run = await measureCommand('tshark', ['-n', '-q', '-r', options.file, '-z', statistic], environment);
      const row = statisticRows.get(statistic)!;
      row[2] = `${(run.seconds * 1000).toFixed(0)} ms`;
      row[3] = ratio(statisticTimes[statistic] / 1000, run.seconds);
    }
    if (!options.allStatistics) console.log('tshark -z timed for a representative set of statistics (--all-statistics: every one, ~10 s each)');
  } else {
    console.log('tshark is not installed: no side-by-side figures (apt-get install -y tshark)');
  }

  const widths = [38, 36, 18, 10];
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index])).join(' ');
  console.log(line(['measure', 'PacketLens', 'tshark', 'ratio']));
  for (const row of rows) console.log(line(row));
  if (options.capture) for (const text of await captureRateReport()) console.log(text);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
