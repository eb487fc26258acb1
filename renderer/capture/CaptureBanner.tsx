import { useState } from 'react';
import { formatCount } from '../dialogs/format';
import { useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { saveCapturedPackets } from './capture-actions';
import { folderOf } from './format';
import { useLiveCapture } from './live-capture-store';
import './capture.css';

/**
 * After a capture stops: its packets are only in a temporary file, so offer Save. A ring
 * buffer's files are temporary too (Wireshark refuses a ring without a file name; we write the
 * ring in a temporary folder instead), so it gets the offer as well, saying that the list holds
 * only the newest file and where the ring's files are until they are deleted.
 */
export function CaptureBanner() {
  const t = useText();
  const unsaved = useLiveCapture((state) => state.unsaved);
  const packets = useLiveCapture((state) => state.status?.packets ?? 0);
  const ring = useLiveCapture((state) => state.lastOptions?.ringBuffer ?? null);
  const shown = useCapture((state) => state.summary?.frames ?? 0);
  const path = useCapture((state) => state.summary?.path ?? null);
  const [saving, setSaving] = useState(false);
  if (!unsaved) return null;
  const message = ring
    ? t('captureRingUnsaved', { shown: formatCount(shown), count: formatCount(packets), folder: path === null ? '—' : folderOf(path) })
    : t('captureUnsaved', { count: formatCount(packets) });
  return (
    <div className="capture-banner" role="region" aria-label={t('captureSaveOffer')}>
      <span>{message}</span>
      <button
        type="button"
        className="primary"
        disabled={saving}
        onClick={async () => {
          setSaving(true);
          await saveCapturedPackets();
          setSaving(false);
        }}
      >
        {t(ring ? 'captureRingSave' : 'captureSave')}
      </button>
      <button type="button" onClick={() => useLiveCapture.setState({ unsaved: false })}>{t('dismiss')}</button>
    </div>
  );
}
