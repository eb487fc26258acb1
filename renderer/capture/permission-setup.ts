import type { CapturePermissionSetup } from '../../engine/api/contract';
import type { MessageKey } from '../i18n/messages-en';

/**
 * Whether the problem dialog offers "Set up capture permissions": only for the engine's Linux
 * permission message, the one whose fix is `setcap` on the capture helper (engine/capture/capture-errors.ts).
 */
export function offersPermissionSetup(message: string): boolean {
  return message.includes('permission to capture') && message.includes('setcap cap_net_raw,cap_net_admin=eip');
}

/** The translated headline for each outcome (the engine's English message follows it, with the manual command). */
export const permissionSetupHeadline: Record<CapturePermissionSetup['outcome'], MessageKey> = {
  done: 'capturePermissionDone',
  cancelled: 'capturePermissionCancelled',
  unavailable: 'capturePermissionUnavailable',
  failed: 'capturePermissionFailed',
  unsupported: 'capturePermissionUnsupported',
};
