import { useState, type DragEvent } from 'react';
import { CaptureBanner } from '../capture/CaptureBanner';
import { useLiveCaptureEvents } from '../capture/use-live-capture';
import { DetailTree } from '../detail/DetailTree';
import { Dialogs } from '../dialogs/Dialogs';
import { FindBar } from '../find/FindBar';
import { useDialogs } from '../state/dialog-store';
import { openChosenFile } from '../file/open-file';
import { FilterBar } from '../filter/FilterBar';
import { HexPane } from '../hex/HexPane';
import { FilterExplainer } from '../learn/FilterExplainer';
import { LearnPanel, LearnToggle } from '../learn/LearnPanel';
import { useText } from '../i18n/index';
import { PacketList } from '../packet-list/PacketList';
import { useCapture } from '../state/capture-store';
import { StatusBar } from '../status/StatusBar';
import { Toolbar } from '../toolbar/Toolbar';
import { Welcome } from '../welcome/Welcome';
import { ProblemBanner } from './ProblemBanner';
import { useShortcuts } from './use-shortcuts';

/** Wireshark's layout: toolbar, filter bar, packet list, details, bytes, status bar. */
export function App() {
  const t = useText();
  const hasCapture = useCapture((state) => state.summary !== null);
  const findOpen = useDialogs((state) => state.findOpen);
  const [dragging, setDragging] = useState(false);
  useShortcuts();
  useLiveCaptureEvents();

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void openChosenFile(file);
  };

  return (
    <div
      className={`app${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <Toolbar />
      <FilterBar />
      {findOpen && <FindBar />}
      <ProblemBanner />
      <CaptureBanner />
      <div className="learn-bar">
        <FilterExplainer />
        <LearnToggle />
      </div>
      <div className="workspace">
        {hasCapture ? (
          <main className="panes">
            <PacketList />
            <DetailTree />
            <HexPane />
          </main>
        ) : (
          <Welcome />
        )}
        <LearnPanel />
      </div>
      <StatusBar />
      <Dialogs />
      {dragging && <div className="drop-overlay">{t('dropHere')}</div>}
    </div>
  );
}
