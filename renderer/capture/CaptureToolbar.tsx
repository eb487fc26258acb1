import { useText } from '../i18n/index';
import { MenuButton } from '../toolbar/MenuButton';
import { openCaptureOptions, restartCapture, startCapture, stopCapture } from './capture-actions';
import { useLiveCapture } from './live-capture-store';
import './capture.css';

/** The toolbar's Capture menu and its Start/Stop button (Wireshark's shark fin and red square). */
export function CaptureToolbar() {
  const t = useText();
  const running = useLiveCapture((state) => state.status?.running === true);
  const busy = useLiveCapture((state) => state.busy);
  const lastOptions = useLiveCapture((state) => state.lastOptions);
  return (
    <>
      <MenuButton
        label={t('captureMenu')}
        entries={[
          { label: t('captureOptionsMenu'), run: openCaptureOptions },
          { label: t('captureStartMenu'), disabled: running || busy, run: () => void (lastOptions ? startCapture(lastOptions) : openCaptureOptions()) },
          { label: t('captureStopMenu'), disabled: !running || busy, run: () => void stopCapture() },
          { label: t('captureRestartMenu'), disabled: lastOptions === null || busy, run: () => void restartCapture() },
        ]}
      />
      {running
        ? <button type="button" className="capture-stop-button" title={t('captureStopTitle')} disabled={busy} onClick={() => void stopCapture()}>■ {t('captureStop')}</button>
        : <button type="button" className="capture-start-button" title={t('captureOptionsTitleHint')} disabled={busy} onClick={openCaptureOptions}>◉ {t('captureButton')}</button>}
    </>
  );
}
