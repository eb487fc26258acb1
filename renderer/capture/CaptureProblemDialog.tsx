import { Dialog } from '../dialogs/Dialog';
import { useText } from '../i18n/index';
import { openCaptureOptions, retryCapture } from './capture-actions';
import { useLiveCapture } from './live-capture-store';
import './capture.css';

/**
 * Why a capture could not start, in the engine's words (for missing permissions they name the
 * interface and the exact fix for this OS), with Retry. Files stay open and usable meanwhile.
 */
export function CaptureProblemDialog({ message }: { message: string }) {
  const t = useText();
  const busy = useLiveCapture((state) => state.busy);
  return (
    <Dialog
      title={t('captureProblemTitle')}
      className="capture-problem"
      footer={
        <>
          <button type="button" onClick={openCaptureOptions}>{t('captureOptionsMenu')}</button>
          <button type="button" className="primary" disabled={busy} onClick={() => void retryCapture()}>{busy ? t('captureRetrying') : t('captureRetry')}</button>
        </>
      }
    >
      <pre className="capture-problem-message" role="alert">{message}</pre>
      <p className="muted">{t('captureFilesStillWork')}</p>
    </Dialog>
  );
}
