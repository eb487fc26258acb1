import { describe, expect, it } from 'vitest';
import type { CommandOutcome } from './permission-setup.js';
import { permissionSetupCommand, runCommand, setUpCapturePermissions } from './permission-setup.js';

const helper = '/usr/local/bin/node';

/** A runner that records the command and answers `outcome` (nothing is ever run for real). */
function fakeRunner(outcome: CommandOutcome) {
  const calls: Array<{ program: string; args: readonly string[] }> = [];
  return { calls, run: async (program: string, args: readonly string[]) => { calls.push({ program, args }); return outcome; } };
}

describe('Set up capture permissions', () => {
  it('runs exactly pkexec setcap cap_net_raw,cap_net_admin=eip <helper> (setcap(8) capability text)', async () => {
    const runner = fakeRunner({ missing: false, exitCode: 0, stderr: '' });
    const result = await setUpCapturePermissions(runner.run, 'linux', helper);
    expect(runner.calls).toEqual([{ program: 'pkexec', args: ['setcap', 'cap_net_raw,cap_net_admin=eip', helper] }]);
    expect(result).toEqual({ outcome: 'done', message: 'Capture permissions are set up: /usr/local/bin/node may now capture (cap_net_raw,cap_net_admin=eip). Retry the capture. After updating Node or PacketLens, set them up again.' });
  });

  it('names the resolved Node binary by default (the capture helper)', () => {
    const { args } = permissionSetupCommand();
    expect(args[2]).toMatch(/^\//);
    expect(args[2]).toMatch(/node|electron/i);
  });

  it.each([126, 127])('pkexec exit %i (prompt dismissed / not authorized) is a cancel, with the manual command', async (exitCode) => {
    const runner = fakeRunner({ missing: false, exitCode, stderr: 'Error executing command as another user: Request dismissed' });
    const result = await setUpCapturePermissions(runner.run, 'linux', helper);
    expect(result.outcome).toBe('cancelled');
    expect(result.message).toBe('Capture permissions were not changed: the password prompt was cancelled or the password was not accepted. Run it yourself in a terminal:\n      sudo setcap cap_net_raw,cap_net_admin=eip /usr/local/bin/node');
  });

  it('without pkexec, says so and gives the manual command', async () => {
    const result = await setUpCapturePermissions(fakeRunner({ missing: true }).run, 'linux', helper);
    expect(result).toEqual({ outcome: 'unavailable', message: 'pkexec (polkit) is not installed, so PacketLens cannot ask for your password. Run it yourself in a terminal:\n      sudo setcap cap_net_raw,cap_net_admin=eip /usr/local/bin/node' });
  });

  it('a setcap failure quotes its error', async () => {
    const result = await setUpCapturePermissions(fakeRunner({ missing: false, exitCode: 1, stderr: 'Failed to set capabilities on file `/x\' (Operation not supported)\n' }).run, 'linux', helper);
    expect(result.outcome).toBe('failed');
    expect(result.message).toContain('(setcap exited with 1: Failed to set capabilities on file `/x\' (Operation not supported))');
  });

  it('runs nothing on macOS or Windows and gives their fix', async () => {
    const runner = fakeRunner({ missing: false, exitCode: 0, stderr: '' });
    const mac = await setUpCapturePermissions(runner.run, 'darwin', helper);
    const windows = await setUpCapturePermissions(runner.run, 'win32', helper);
    expect(runner.calls).toEqual([]);
    expect(mac).toMatchObject({ outcome: 'unsupported', message: expect.stringContaining('ChmodBPF') });
    expect(windows).toMatchObject({ outcome: 'unsupported', message: expect.stringContaining('Npcap') });
  });

  it('the real runner reports a program that does not exist as missing, and exit codes as they are', async () => {
    expect(await runCommand('packetlens-no-such-program', [])).toEqual({ missing: true });
    expect(await runCommand(process.execPath, ['-e', 'process.stderr.write("no"); process.exit(3)'])).toEqual({ missing: false, exitCode: 3, stderr: 'no' });
  });
});
