import { useState } from 'react';
import type { CaptureFormat, PacketSelection } from '../../engine/api/contract';
import { exportPackets } from '../file/open-file';
import { useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { useDialogs } from '../state/dialog-store';
import { Dialog } from './Dialog';

/** File › Export Specified Packets: all, displayed or marked packets, as pcap or pcapng. */
export function ExportDialog() {
  const t = useText();
  const summary = useCapture((state) => state.summary);
  const [selection, setSelection] = useState<PacketSelection>('displayed');
  const [format, setFormat] = useState<CaptureFormat>('pcapng');
  const [busy, setBusy] = useState(false);
  if (!summary) return null;
  const counts: Record<PacketSelection, number> = { all: summary.frames, displayed: summary.displayed, marked: summary.marked };
  const labels: Record<PacketSelection, 'exportAll' | 'exportDisplayedOnly' | 'exportMarked'> = { all: 'exportAll', displayed: 'exportDisplayedOnly', marked: 'exportMarked' };

  const save = async () => {
    setBusy(true);
    const written = await exportPackets(selection, format);
    setBusy(false);
    if (written !== null) useDialogs.getState().close();
  };

  return (
    <Dialog
      title={t('exportDialogTitle')}
      footer={
        <>
          <button type="button" onClick={() => useDialogs.getState().close()}>{t('cancel')}</button>
          <button type="button" className="primary" disabled={busy || counts[selection] === 0} onClick={() => void save()}>{t('save')}</button>
        </>
      }
    >
      <fieldset className="choice-group">
        <legend>{t('exportWhich')}</legend>
        {(Object.keys(counts) as PacketSelection[]).map((choice) => (
          <label key={choice}>
            <input type="radio" name="export-selection" value={choice} checked={selection === choice} onChange={() => setSelection(choice)} />
            {t(labels[choice], { count: counts[choice].toLocaleString('en-US') })}
          </label>
        ))}
      </fieldset>
      <label className="inline-field">
        {t('exportFormat')}{' '}
        <select value={format} onChange={(event) => setFormat(event.currentTarget.value as CaptureFormat)}>
          <option value="pcapng">pcapng</option>
          <option value="pcap">pcap</option>
        </select>
      </label>
    </Dialog>
  );
}
