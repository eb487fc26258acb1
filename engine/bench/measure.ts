import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface CommandMeasurement {
  seconds: number;
  /** Peak resident set size in bytes (VmHWM), sampled from /proc while the command runs. */
  peakRss: number;
  exitCode: number | null;
  stdoutBytes: number;
}

function peakOf(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs a command to completion, timing it and following its peak RSS. Output is counted and
 * discarded (as `> /dev/null` would, but through a pipe, like a real consumer).
 */
export function measureCommand(command: string, args: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<CommandMeasurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'], env: environment });
    let peakRss = 0;
    let stdoutBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => { stdoutBytes += chunk.length; });
    const sampler = setInterval(() => { if (child.pid) peakRss = Math.max(peakRss, peakOf(child.pid)); }, 20);
    child.on('error', (error) => { clearInterval(sampler); reject(error); });
    child.on('exit', (exitCode) => {
      clearInterval(sampler);
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRss, exitCode, stdoutBytes });
    });
  });
}

/** Milliseconds taken by `action`, the best of `repeats` runs (after one warm-up when repeats > 1). */
export function timeBest(action: () => void, repeats = 5): number {
  if (repeats > 1) action();
  let best = Infinity;
  for (let run = 0; run < repeats; run++) {
    const started = performance.now();
    action();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
