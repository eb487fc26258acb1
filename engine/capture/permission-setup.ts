/**
 * "Set up capture permissions" (Linux): grants the capture helper (the Node/Electron binary
 * running the engine) the two capture capabilities once, through pkexec's graphical password
 * prompt, so that capture works without running PacketLens as root. The command runs through an
 * injected runner, so tests check the exact argv and every outcome without running it.
 */
import { spawn } from 'node:child_process';
import type { CapturePermissionSetup } from '../api/contract.js';
import { captureHelperPath, permissionFixes } from './capture-errors.js';

/** How a command ended: its exit code, or `missing` when the program does not exist. */
export type CommandOutcome = { missing: true } | { missing: false; exitCode: number | null; stderr: string };

export type CommandRunner = (program: string, args: readonly string[]) => Promise<CommandOutcome>;

export const capabilities = 'cap_net_raw,cap_net_admin=eip';

/** The command the action runs: `pkexec setcap cap_net_raw,cap_net_admin=eip <helper>`. */
export function permissionSetupCommand(helperPath: string = captureHelperPath()): { program: string; args: string[] } {
  return { program: 'pkexec', args: ['setcap', capabilities, helperPath] };
}

/** pkexec's exit codes (pkexec(1)): 126 the user dismissed the prompt, 127 not authorized or failed to authenticate. */
const pkexecDismissed = 126;
const pkexecNotAuthorized = 127;

export async function setUpCapturePermissions(
  run: CommandRunner = runCommand,
  platform: NodeJS.Platform = process.platform,
  helperPath: string = captureHelperPath(),
): Promise<CapturePermissionSetup> {
  if (platform !== 'linux') {
    return { outcome: 'unsupported', message: `PacketLens can only set up capture permissions itself on Linux. Here:\n${permissionFixes(platform).join('\n')}` };
  }
  const { program, args } = permissionSetupCommand(helperPath);
  const manually = `Run it yourself in a terminal:\n      sudo setcap ${capabilities} ${helperPath}`;
  const result = await run(program, args);
  if (result.missing) {
    return { outcome: 'unavailable', message: `pkexec (polkit) is not installed, so PacketLens cannot ask for your password. ${manually}` };
  }
  if (result.exitCode === 0) {
    return { outcome: 'done', message: `Capture permissions are set up: ${helperPath} may now capture (${capabilities}). Retry the capture. After updating Node or PacketLens, set them up again.` };
  }
  if (result.exitCode === pkexecDismissed || result.exitCode === pkexecNotAuthorized) {
    return { outcome: 'cancelled', message: `Capture permissions were not changed: the password prompt was cancelled or the password was not accepted. ${manually}` };
  }
  const detail = result.stderr.trim();
  return { outcome: 'failed', message: `Setting up capture permissions failed (setcap exited with ${result.exitCode ?? 'a signal'}${detail ? `: ${detail}` : ''}). ${manually}` };
}

/** Runs a program without a shell; `missing` when it is not installed. */
export function runCommand(program: string, args: readonly string[]): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'ENOENT' ? { missing: true } : { missing: false, exitCode: null, stderr: error.message });
    });
    child.on('close', (exitCode) => resolve({ missing: false, exitCode, stderr }));
  });
}
