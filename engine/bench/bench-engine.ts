/**
 * The engine half of the benchmark, run in its own process by bench.ts so its peak RSS is
 * measured alone. Prints one JSON object.
 */
import { CaptureSession } from '../session/capture-session.js';
import { compileFilter } from '../../dissectors/filter/index.js';
import { RowMaker } from '../api/rows.js';
import { runFilter } from '../filter/run-filter.js';
import { benchmarkFilters } from './filters.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(path: string): Promise<void> {
  const started = performance.now();
  const session = await CaptureSession.open(path);
  await session.index();
  const indexSeconds = (performance.now() - started) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const frames = session.frameCount;

  // Spread the probes over the file with a fixed stride so runs are comparable.
  const probes = Array.from({ length: 200 }, (_, index) => 1 + Math.floor((index * 7919 * 127) % frames));
  const treeTimes = probes.map((frame) => {
    const begin = performance.now();
    session.tree(frame);
    return performance.now() - begin;
  });
  const rows = new RowMaker(session);
  const rowTimes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((block) => {
    const first = 1 + Math.floor((block * frames) / 10);
    const begin = performance.now();
    for (let frame = first; frame < Math.min(frames, first + 100); frame++) rows.row(frame, frame - 1);
    return performance.now() - begin;
  });

  const filterTimes: Record<string, number> = {};
  for (const text of benchmarkFilters) {
    let compiled;
    try {
      compiled = compileFilter(text);
    } catch {
      continue; // a protocol not dissected yet: bench.ts reports the filter as unsupported
    }
    const begin = performance.now();
    const run = await runFilter(session, compiled);
    filterTimes[`filter:${text}`] = performance.now() - begin;
    filterTimes[`matches:${text}`] = run.frames.length;
    // Typing the filter again (or a variation of it) finds the code warm: the best of two more runs.
    const again: number[] = [];
    for (let repeat = 0; repeat < 2; repeat++) {
      const start = performance.now();
      await runFilter(session, compiled);
      again.push(performance.now() - start);
    }
    filterTimes[`again:${text}`] = Math.min(...again);
  }

  const result: Record<string, number> = {
    ...filterTimes,
    frames,
    indexSeconds,
    peakRss,
    bytesPerFrame: session.store.bytesPerFrame(),
    treeMs: median(treeTimes),
    rowsMs: median(rowTimes),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await session.dispose();
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`bench-engine: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
