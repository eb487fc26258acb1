/**
 * The capture half of `npm run dissect`: `-D` lists interfaces; `-i IFACE [-f BPF] [-c N]
 * [-a duration:S|filesize:KB|packets:N] [-w FILE [-b filesize:KB -b files:N]] [-s SNAPLEN] [-p]`
 * captures live (`-b`: a ring of -w files, named as tshark names them).
 *
 * Packets go to a pcapng file first (the `-w` file, or a temporary one) and are printed from
 * it by the same code that prints a file, so the output is identical to `-r`. Without `-w`,
 * packets are printed as they arrive (as tshark does): the printer follows the growing file
 * until the capture stops (a stop condition, Ctrl+C or SIGTERM), then reads the rest.
 * Capture problems (rights, interface, filter) are one message with the fix, exit code 2.
 */
import { writeSync } from 'node:fs';
import { CaptureError } from '../capture/capture-errors.js';
import { checkCaptureFilter } from '../capture/capture-filter.js';
import { formatInterfaceList, listInterfaces } from '../capture/interfaces.js';
import { LiveCapture } from '../capture/live-capture.js';
import type { RingBufferOptions } from '../capture/ring-files.js';
import type { FollowGrowing } from '../session/in-order-pass.js';
import { UsageError, type DissectArguments } from './arguments.js';

/** Prints a capture file (`printPackets` in dissect.ts); `follow` makes it follow a growing one. */
export type PrintFile = (options: DissectArguments, path: string, follow?: FollowGrowing) => Promise<number>;

/** `-D`: one line per interface, as tshark prints them. */
export function listInterfacesCommand(): number {
  const interfaces = listInterfaces();
  if (interfaces.length === 0) {
    writeSync(2, 'dissect: There are no interfaces on which a capture can be done.\n');
    return 2;
  }
  writeSync(1, `${formatInterfaceList(interfaces)}\n`);
  return 0;
}

/** `-i IFACE …`: captures and prints like `-r` while capturing (with `printFile`), or leaves the `-w` file. */
export async function captureCommand(options: DissectArguments, printFile: PrintFile): Promise<number> {
  const interfaceName = options.captureInterface!;
  if (options.writeFormat === 'pcap') throw new UsageError('live capture writes pcapng: drop -F pcap');
  if (options.readFile !== null) throw new UsageError('give either -r FILE or -i INTERFACE, not both');
  try {
    return await capture(options, interfaceName, printFile);
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    writeSync(2, `dissect: ${error.message}\n`);
    return 2;
  }
}

function ringBufferOf({ ringBuffer }: DissectArguments): RingBufferOptions | null {
  return ringBuffer.filesize === null ? null : { files: ringBuffer.files, bytesPerFile: ringBuffer.filesize * 1000 };
}

async function capture(options: DissectArguments, interfaceName: string, printFile: PrintFile): Promise<number> {
  if (options.captureFilter !== '') {
    const described = listInterfaces().find((candidate) => candidate.name === interfaceName);
    const check = checkCaptureFilter(options.captureFilter, interfaceName, described?.linkType ?? null);
    if (!check.valid) throw new CaptureError('filter', `Invalid capture filter "${options.captureFilter}" for interface "${interfaceName}": ${check.message}.`, check.message);
  }
  const { autostop } = options;
  const live = await LiveCapture.start({
    interfaceName,
    filter: options.captureFilter,
    snapLength: options.snapLength ?? undefined,
    promiscuous: options.promiscuous,
    stopAfterPackets: options.count ?? autostop.packets,
    stopAfterSeconds: autostop.duration,
    stopAfterBytes: autostop.filesize === null ? null : autostop.filesize * 1000,
    path: options.writeFile,
    ringBuffer: ringBufferOf(options),
  });
  const stop = (): void => { void live.stop('stopped'); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  writeSync(2, `Capturing on '${interfaceName}'\n`);
  // The capture's own stop conditions apply (-c counts captured packets), so the printer has no limit.
  const printing = options.writeFile === null ? printFile({ ...options, count: null }, live.path, { until: live.done }) : Promise.resolve(0);
  // A printer that fails (say, an unknown -e field) ends the capture instead of leaving it running.
  printing.catch(stop);
  try {
    await live.done;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  const statistics = live.statistics();
  try {
    const status = await printing;
    if (statistics.error) throw new CaptureError('failed', statistics.error);
    // As tshark, drops are mentioned only when there were some.
    const dropped = statistics.dropped ? `, ${statistics.dropped} dropped` : '';
    writeSync(2, `${statistics.packets} packet${statistics.packets === 1 ? '' : 's'} captured${dropped}\n`);
    return status;
  } finally {
    live.discard();
  }
}
