import { CaptureCounters } from '../capture/CaptureCounters';
import { useText } from '../i18n/index';
import { useCapture } from '../state/capture-store';
import { useFilter } from '../state/filter-store';

/** File name, packets, displayed, marked, load and filter progress — like Wireshark's status bar. */
export function StatusBar() {
  const t = useText();
  const summary = useCapture((state) => state.summary);
  const loadedFrames = useCapture((state) => state.loadedFrames);
  const filterFraction = useCapture((state) => state.filterFraction);
  const sortFraction = useCapture((state) => state.sortFraction);
  const elapsedMs = useFilter((state) => state.elapsedMs);

  const parts: string[] = [];
  if (loadedFrames !== null) parts.push(t('statusLoading', { count: loadedFrames.toLocaleString() }));
  if (summary) {
    const percent = summary.frames === 0 ? 100 : (100 * summary.displayed) / summary.frames;
    parts.push(t('statusPackets', { count: summary.frames.toLocaleString() }));
    parts.push(t('statusDisplayed', { count: summary.displayed.toLocaleString(), percent: percent.toFixed(1) }));
    parts.push(t('statusMarked', { count: summary.marked.toLocaleString() }));
    if (sortFraction !== null) parts.push(t('statusSorting', { percent: Math.round(sortFraction * 100) }));
    if (filterFraction !== null) parts.push(t('statusFiltering', { percent: Math.round(filterFraction * 100) }));
    else if (summary.filter && elapsedMs !== null) parts.push(t('statusFilterTime', { ms: elapsedMs.toFixed(1) }));
  }

  return (
    <footer className="status-bar" role="status">
      <span className="status-file">{summary ? summary.name : t('statusNoFile')}</span>
      {summary?.warning && <span className="status-warning">{summary.warning}</span>}
      <span className="status-counts">{parts.join(' · ')}</span>
      <CaptureCounters />
    </footer>
  );
}
