import { useState } from 'react';
import type { CapturePermissionSetup } from '../../engine/api/contract';
import { Dialog } from '../dialogs/Dialog';
import { useText } from '../i18n/index';
import { openCaptureOptions, retryCapture, setUpCapturePermissions } from './capture-actions';
import { useLiveCapture } from './live-capture-store';
import { offersPermissionSetup, permissionSetupHeadline } from './permission-setup';
import './capture.css';

/**
 * Why a capture could not start, in the engine's words (for missing permissions they name the
 * interface and the exact fix for this OS), with Retry. On Linux a permission problem also
 * offers "Set up capture permissions" (one pkexec password prompt), then Retry.
 * Files stay open and usable meanwhile.
 */
export function CaptureProblemDialog({ message }: { message: string }) {
  const t = useText();
  const busy = useLiveCapture((state) => state.busy);
  const [settingUp, setSettingUp] = useState(false);
  const [setup, setSetup] = useState<CapturePermissionSetup | null>(null);
  const setUp = async () => {
    setSettingUp(true);
    try {
      setSetup(await setUpCapturePermissions());
    } finally {
      setSettingUp(false);
    }
  };
  const canSetUp = offersPermissionSetup(message) && setup?.outcome !== 'done';
  return (
    <Dialog
      title={t('captureProblemTitle')}
      className="capture-problem"
      footer={
        <>
          <button type="button" onClick={openCaptureOptions}>{t('captureOptionsMenu')}</button>
          {canSetUp && (
            <button type="button" title={t('capturePermissionSetupHint')} disabled={settingUp || busy} onClick={() => void setUp()}>
              {settingUp ? t('capturePermissionSettingUp') : t('capturePermissionSetup')}
            </button>
          )}
          <button type="button" className="primary" disabled={busy || settingUp} onClick={() => void retryCapture()}>{busy ? t('captureRetrying') : t('captureRetry')}</button>
        </>
      }
    >
      <pre className="capture-problem-message" role="alert">{message}</pre>
      {setup && (
        <div className={`capture-permission-setup ${setup.outcome}`} role="status">
          <strong>{t(permissionSetupHeadline[setup.outcome])}</strong>
          <pre className="capture-problem-message">{setup.message}</pre>
        </div>
      )}
      <p className="muted">{t('captureFilesStillWork')}</p>
    </Dialog>
  );
}
