/** The `dissect` command line: a tshark-compatible subset. */
export interface DissectArguments {
  readFile: string | null;
  outputFormat: 'text' | 'fields' | 'json';
  fields: string[];
  header: boolean;
  separator: string;
  /** `-E occurrence=f|l|a` (first, last, all) as tshark. */
  occurrence: 'f' | 'l' | 'a';
  aggregator: string;
  count: number | null;
  writeFile: string | null;
  writeFormat: 'pcap' | 'pcapng' | null;
  displayFilter: string | null;
  quiet: boolean;
  statistics: string[];
  listInterfaces: boolean;
  help: boolean;
  /** Live capture (`-i`, `-f`, `-a`, `-s`, `-p`); see engine/cli/capture-command.ts. */
  captureInterface: string | null;
  captureFilter: string;
  autostop: { duration: number | null; filesize: number | null; packets: number | null };
  /** `-b filesize:KB -b files:N`: a ring buffer of -w files, as tshark. */
  ringBuffer: { filesize: number | null; files: number | null };
  snapLength: number | null;
  promiscuous: boolean;
}

export class UsageError extends Error {}

const separators: Record<string, string> = { '/t': '\t', '/s': ' ' };

/** Options tshark accepts that change nothing here (name resolution is always off, as with -n). */
const ignoredFlags = new Set(['-n', '-l', '-P', '-S']);

export function parseArguments(argv: readonly string[]): DissectArguments {
  const options: DissectArguments = {
    readFile: null, outputFormat: 'text', fields: [], header: false, separator: '\t', occurrence: 'a', aggregator: ',',
    count: null, writeFile: null, writeFormat: null, displayFilter: null, quiet: false, statistics: [], listInterfaces: false, help: false,
    captureInterface: null, captureFilter: '', autostop: { duration: null, filesize: null, packets: null }, ringBuffer: { filesize: null, files: null }, snapLength: null, promiscuous: true,
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new UsageError(`option ${argument} needs a value`);
      return next;
    };
    switch (argument) {
      case '-r': options.readFile = value(); break;
      case '-T': options.outputFormat = outputFormat(value()); break;
      case '-e': options.fields.push(value()); break;
      case '-E': applyFieldOption(options, value()); break;
      case '-c': options.count = positiveInteger(value(), '-c'); break;
      case '-w': options.writeFile = value(); break;
      case '-F': options.writeFormat = writeFormat(value()); break;
      case '-Y': options.displayFilter = value(); break;
      case '-q': options.quiet = true; break;
      case '-z': options.statistics.push(value()); break;
      case '-D': options.listInterfaces = true; break;
      case '-i': options.captureInterface = value(); break;
      case '-f': options.captureFilter = value(); break;
      case '-a': applyAutostop(options, value()); break;
      case '-b': applyRingBuffer(options, value()); break;
      case '-s': options.snapLength = positiveInteger(value(), '-s'); break;
      case '-p': options.promiscuous = false; break;
      case '-o': value(); break; // preferences: the defaults we implement are the ones the tests use
      case '-h': case '--help': options.help = true; break;
      default:
        if (ignoredFlags.has(argument)) break;
        throw new UsageError(`unknown option ${argument} (try --help)`);
    }
  }
  if (options.outputFormat === 'fields' && options.fields.length === 0) throw new UsageError('-T fields needs at least one -e FIELD');
  if (options.outputFormat !== 'fields' && options.fields.length > 0) throw new UsageError('-e FIELD needs -T fields');
  if (options.ringBuffer.files !== null && options.ringBuffer.filesize === null) throw new UsageError('-b files:N needs -b filesize:KB (when to switch files)');
  if (options.ringBuffer.filesize !== null && options.writeFile === null) throw new UsageError('a ring buffer (-b) needs -w FILE to name its files');
  return options;
}

function outputFormat(text: string): DissectArguments['outputFormat'] {
  if (text === 'text' || text === 'fields' || text === 'json') return text;
  throw new UsageError(`invalid -T "${text}": use fields, json or text`);
}

function writeFormat(text: string): 'pcap' | 'pcapng' {
  if (text === 'pcap' || text === 'pcapng') return text;
  throw new UsageError(`invalid -F "${text}": use pcap or pcapng`);
}

function positiveInteger(text: string, option: string): number {
  const number = Number(text);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(`${option} needs a positive whole number, not "${text}"`);
  return number;
}

/** `-a duration:S | filesize:KB | packets:N`, as tshark. */
function applyAutostop(options: DissectArguments, condition: string): void {
  const [name, text = ''] = condition.split(':');
  if (name !== 'duration' && name !== 'filesize' && name !== 'packets') throw new UsageError(`invalid -a "${condition}": use duration:S, filesize:KB or packets:N`);
  const number = Number(text);
  if (!(number > 0) || (name !== 'duration' && !Number.isInteger(number))) throw new UsageError(`invalid -a "${condition}": ${name} needs a positive number`);
  options.autostop[name] = number;
}

/** `-b filesize:KB | files:N`, as tshark (kB of 1000 bytes). */
function applyRingBuffer(options: DissectArguments, setting: string): void {
  const [name, text = ''] = setting.split(':');
  if (name !== 'filesize' && name !== 'files') throw new UsageError(`invalid -b "${setting}": use filesize:KB or files:N`);
  options.ringBuffer[name] = positiveInteger(text, `-b ${name}`);
}

function applyFieldOption(options: DissectArguments, setting: string): void {
  const equals = setting.indexOf('=');
  if (equals < 0) throw new UsageError(`invalid -E "${setting}": use name=value`);
  const name = setting.slice(0, equals);
  const value = setting.slice(equals + 1);
  switch (name) {
    case 'header': options.header = value === 'y'; break;
    case 'separator': options.separator = separators[value] ?? value; break;
    case 'occurrence': if (value === 'f' || value === 'l' || value === 'a') options.occurrence = value; else throw new UsageError(`invalid -E occurrence "${value}"`); break;
    case 'aggregator': options.aggregator = separators[value] ?? value; break;
    case 'quote': break;
    default: throw new UsageError(`invalid -E option "${name}"`);
  }
}

export const usage = `Usage: npm run dissect -- [options]
  -r FILE            read packets from FILE (pcap, pcapng, gzip-compressed either)
  -T fields|json|text  output format (default text: one line per packet)
  -e FIELD           a field to print with -T fields (repeatable)
  -E header=y|n      print field names first; separator=/t|/s|,  occurrence=f|l|a  aggregator=,
  -c N               stop after N packets
  -Y FILTER          display filter (Wireshark syntax)
  -w OUT [-F pcap|pcapng]  write the packets (that pass -Y) to OUT
  -q                 no per-packet output (with -w or -z)
  -z STAT            statistics
  -D                 list capture interfaces
  -i IFACE           capture live from IFACE (with -w, write instead of printing)
  -f FILTER          capture filter (BPF, libpcap syntax)
  -a duration:S|filesize:KB|packets:N  stop capturing after S seconds, KB kilobytes, N packets
  -b filesize:KB -b files:N  ring buffer: a new -w file every KB kilobytes, keep the newest N
  -s SNAPLEN         capture at most SNAPLEN bytes of each packet
  -p                 don't capture in promiscuous mode`;
