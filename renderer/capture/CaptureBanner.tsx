import { useState } from 'react';
import { formatCount } from '../dialogs/format';
import { useText } from '../i18n/index';
import { saveCapturedPackets } from './capture-actions';
import { useLiveCapture } from './live-capture-store';
import './capture.css';

/** After a capture stops: its packets are only in a temporary file, so offer Save. */
export function CaptureBanner() {
  const t = useText();
  const unsaved = useLiveCapture((state) => state.unsaved);
  const packets = useLiveCapture((state) => state.status?.packets ?? 0);
  const [saving, setSaving] = useState(false);
  if (!unsaved) return null;
  return (
    <div className="capture-banner" role="region" aria-label={t('captureSaveOffer')}>
      <span>{t('captureUnsaved', { count: formatCount(packets) })}</span>
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
        {t('captureSave')}
      </button>
      <button type="button" onClick={() => useLiveCapture.setState({ unsaved: false })}>{t('dismiss')}</button>
    </div>
  );
}
