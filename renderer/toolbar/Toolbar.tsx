import { useState } from 'react';
import { FILE_INPUT_ID, followSelected, GO_TO_INPUT_ID, goToPacket, openDialog, openExport, openFind } from '../app/actions';
import { CaptureToolbar } from '../capture/CaptureToolbar';
import { openChosenFile } from '../file/open-file';
import { useLanguage, useText, type Language } from '../i18n/index';
import type { TimeFormat } from '../packet-list/time-format';
import { useCapture } from '../state/capture-store';
import { useDialogs, type DialogSpec } from '../state/dialog-store';
import { useSelection } from '../state/selection-store';
import { MenuButton } from './MenuButton';
import { useView } from '../state/view-store';

const timeLabels: Record<TimeFormat, 'timeRelative' | 'timeDelta' | 'timeEpoch' | 'timeAbsolute'> = {
  relative: 'timeRelative', delta: 'timeDelta', epoch: 'timeEpoch', absolute: 'timeAbsolute',
};

/** Open, export, time format and language. */
export function Toolbar() {
  const t = useText();
  const language = useLanguage((state) => state.language);
  const setLanguage = useLanguage((state) => state.setLanguage);
  const timeFormat = useView((state) => state.timeFormat);
  const setTimeFormat = useView((state) => state.setTimeFormat);
  const hasCapture = useCapture((state) => state.summary !== null);
  const [notice, setNotice] = useState('');
  const hasSelection = useSelection((state) => state.frame !== null);
  const show = (dialog: DialogSpec) => useDialogs.getState().show(dialog);

  return (
    <header className="toolbar">
      <span className="app-name">{t('appTitle')}</span>
      <button type="button" title={t('openTitle')} onClick={() => void openDialog()}>{t('open')}</button>
      <CaptureToolbar />
      <input
        id={FILE_INPUT_ID}
        type="file"
        hidden
        accept=".pcap,.pcapng,.cap,.pcap.gz,application/vnd.tcpdump.pcap"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void openChosenFile(file);
        }}
      />
      <button type="button" title={t('exportTitle')} disabled={!hasCapture} onClick={openExport}>
        {t('exportPackets')}
      </button>
      <button type="button" title={t('findTitle')} disabled={!hasCapture} onClick={openFind}>
        {t('find')}
      </button>
      <MenuButton
        label={t('viewMenu')}
        entries={[{ label: t('coloringRules'), run: () => show({ kind: 'coloringRules' }) }]}
      />
      <MenuButton
        label={t('analyzeMenu')}
        disabled={!hasCapture}
        entries={[
          { label: t('followTcp'), disabled: !hasSelection, run: () => void followSelected('tcp') },
          { label: t('followUdp'), disabled: !hasSelection, run: () => void followSelected('udp') },
          { label: t('expertInfo'), run: () => show({ kind: 'expert' }) },
        ]}
      />
      <MenuButton
        label={t('statisticsMenu')}
        disabled={!hasCapture}
        entries={[
          { label: t('fileProperties'), run: () => show({ kind: 'fileProperties' }) },
          { label: t('protocolHierarchy'), run: () => show({ kind: 'protocolHierarchy' }) },
          { label: t('conversations'), run: () => show({ kind: 'conversations' }) },
          { label: t('endpoints'), run: () => show({ kind: 'endpoints' }) },
          { label: t('ioGraph'), run: () => show({ kind: 'ioGraph' }) },
        ]}
      />
      <input
        id={GO_TO_INPUT_ID}
        className="go-to-packet"
        type="number"
        min={1}
        aria-label={t('goToPacket')}
        placeholder={t('goToPacketPrompt')}
        disabled={!hasCapture}
        onKeyDown={async (event) => {
          if (event.key !== 'Enter') return;
          const input = event.currentTarget;
          const found = await goToPacket(Number(input.value));
          setNotice(found ? '' : t('packetNotDisplayed', { number: input.value }));
          if (found) document.querySelector<HTMLElement>('[role="grid"]')?.focus();
        }}
      />
      <span className="toolbar-notice" aria-live="polite">{notice}</span>
      <span className="toolbar-spacer" />
      <label>
        {t('timeFormat')}{' '}
        <select value={timeFormat} onChange={(event) => setTimeFormat(event.currentTarget.value as TimeFormat)}>
          {(Object.keys(timeLabels) as TimeFormat[]).map((format) => <option key={format} value={format}>{t(timeLabels[format])}</option>)}
        </select>
      </label>
      <label>
        {t('language')}{' '}
        <select value={language} onChange={(event) => setLanguage(event.currentTarget.value as Language)}>
          <option value="en">English</option>
          <option value="zh">简体中文</option>
        </select>
      </label>
    </header>
  );
}
