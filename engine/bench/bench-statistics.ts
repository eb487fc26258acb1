/**
 * The statistics half of the benchmark, run in its own process by bench.ts: opens and indexes
 * the capture, then times each `-z` statistic given on the command line as `dissect -z`
 * computes and prints it (the text is made, then dropped). Best of two runs each. Prints one
 * JSON object: statistic → milliseconds.
 *
 *   node out/engine/bench/bench-statistics.js FILE STATISTIC…
 */
import { parseStatistic } from '../cli/statistics-command.js';
import { CaptureSession } from '../session/capture-session.js';

async function main(path: string, statistics: readonly string[]): Promise<void> {
  const session = await CaptureSession.open(path);
  await session.index();
  const times: Record<string, number> = {};
  for (const statistic of statistics) {
    const compute = parseStatistic(statistic);
    let best = Infinity;
    for (let run = 0; run < 2; run++) {
      const started = performance.now();
      await compute(session);
      best = Math.min(best, performance.now() - started);
    }
    times[statistic] = best;
  }
  process.stdout.write(`${JSON.stringify(times)}\n`);
  await session.dispose();
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  process.stderr.write(`bench-statistics: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
